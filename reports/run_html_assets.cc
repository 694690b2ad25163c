// The page's inline style and script. The script only adds behaviour (copy buttons, unfolding,
// opening the fold a link points into); the page reads completely without it. It takes no data
// from the report: what it copies it reads from the page.
#include "reports/run_html_parts.h"

namespace powercut::reports::html {

const std::string_view kStyle = R"css(
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; --ok: #1a7f37;
  --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
  --sync: #0969da; --out: #8250df; --mono: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--soft); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
header.top { background: #24292f; color: #fff; padding: 18px 32px 14px; }
header.top h1 { margin: 0; font-size: 21px; font-weight: 600; display: flex; gap: 12px; align-items: center; }
header.top .meta { margin-top: 6px; font-size: 13px; color: #c9d1d9; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.banner { background: var(--warn-bg); border-bottom: 1px solid #d4a72c; padding: 10px 32px; font-weight: 600; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 32px 56px; }
h2 { font-size: 19px; margin: 0 0 6px; display: flex; gap: 10px; align-items: center; word-break: break-all; }
h3 { font-size: 15px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h5 { font-size: 12px; margin: 14px 0 6px; color: #424a53; text-transform: uppercase; letter-spacing: .04em; }
.sub { color: var(--muted); font-size: 12px; font-weight: normal; text-transform: none; letter-spacing: 0; }
code { font-family: var(--mono); font-size: 12.5px; background: var(--soft); padding: 1px 5px;
  border-radius: 4px; word-break: break-all; }
a { color: var(--sync); }
section.scenario { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 24px 22px; margin: 22px 0; }
.desc { margin: 0 0 8px; color: #424a53; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 11.5px; font-weight: 700;
  text-transform: uppercase; letter-spacing: .05em; line-height: 1.5; }
.badge.passed { background: var(--ok-bg); color: var(--ok); }
.badge.failed { background: var(--bad-bg); color: var(--bad); }
.badge.skipped { background: #eaeef2; color: #57606a; }
.badge.error { background: var(--warn-bg); color: var(--warn); }
.chip { white-space: nowrap; display: inline-block; margin: 1px 4px 1px 0; padding: 0 8px; border-radius: 4px; font-size: 12px; border: 1px solid; }
.chip.met { color: var(--ok); border-color: #aceebb; background: #f0fff4; }
.chip.unmet { color: var(--bad); border-color: #ffcecb; background: #fff5f5; }
table.grid { border-collapse: collapse; width: 100%; background: #fff; }
table.grid th, table.grid td { padding: 7px 10px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
table.grid th { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; font-weight: 600; background: var(--soft); }
table.scenarios { border: 1px solid var(--line); border-radius: 8px; }
table.grid .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.reason-box { margin: 8px 0; padding: 8px 12px; border-radius: 6px; border: 1px solid; }
.reason-box.failed { background: var(--bad-bg); border-color: #ffcecb; }
.reason-box.error { background: var(--warn-bg); border-color: #eac54f; }
.reason-box.skipped, .reason-box.passed { background: var(--soft); border-color: var(--line); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 10px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; }
.warn { color: var(--warn); }
article.group { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 12px 16px 14px; margin: 14px 0; }
article.group:target { box-shadow: 0 0 0 3px #ffcecb; }
article.group > header { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; }
article.group .cls { font-weight: 700; color: var(--bad); font-size: 15px; }
article.group .gn, article.group .count { color: var(--muted); font-size: 12.5px; }
article.group .summary { font-size: 15px; margin: 6px 0 10px; }
.reason { font-family: var(--mono); font-size: 12.5px; }
.fix { display: flex; gap: 12px; align-items: baseline; background: var(--ok-bg); border: 1px solid #aceebb; border-radius: 6px; padding: 8px 12px; }
.fix b { color: var(--ok); text-transform: uppercase; font-size: 11.5px; letter-spacing: .05em; }
ul.explain { margin: 0; padding-left: 20px; font-family: var(--mono); font-size: 12.5px; }
ul.explain li { margin: 2px 0; word-break: break-word; }
table.diff td { font-family: var(--mono); font-size: 12.5px; word-break: break-all; }
table.diff { border: 1px solid var(--line); }
table.diff td.exp { color: var(--ok); }
table.diff td.found { color: var(--bad); }
.replay { display: flex; gap: 8px; align-items: flex-start; background: #24292f; border-radius: 6px; padding: 8px 8px 8px 12px; }
.replay code { flex: 1; background: none; color: #f0f6fc; padding: 3px 0; white-space: pre-wrap; }
button { font: 600 12px system-ui, sans-serif; border-radius: 6px; cursor: pointer; padding: 4px 12px; border: 1px solid var(--line); background: #fff; color: var(--fg); }
.replay button.copy { background: #2f81f7; color: #fff; border-color: #2f81f7; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; font-size: 12.5px; color: #424a53; }
.legend span { display: inline-flex; gap: 6px; align-items: center; }
.legend .unfold { margin-left: auto; }
.hint { color: var(--muted); font-size: 12px; margin: 4px 0 8px; }
.strips { margin: 6px 0 12px; }
.strip { display: flex; gap: 10px; align-items: center; margin: 3px 0; }
.strip .sn { flex: none; width: 120px; text-align: right; font-size: 12px; color: #424a53; }
.strip svg { flex: 1; height: 14px; border-radius: 3px; background: #d0d7de; }
rect.ok { fill: #2da44e; } rect.ne { fill: #d0d7de; }
rect.bad { fill: var(--bad); stroke: var(--bad); stroke-width: 3px; vector-effect: non-scaling-stroke; }
.timeline { border: 1px solid var(--line); border-radius: 6px; font: 12.5px/1.45 var(--mono); overflow: hidden; }
.ev { display: flex; gap: 10px; align-items: baseline; padding: 2px 10px; border-bottom: 1px solid #f0f2f4; }
.ev .cps { flex: none; display: inline-flex; gap: 3px; align-self: center; }
.cp { display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: middle; }
.cp.ok { background: #2da44e; } .cp.bad { background: var(--bad); } .cp.ne { background: #d0d7de; }
.ev .ix { flex: none; width: 58px; text-align: right; color: var(--muted); }
.ev .tx { flex: 1; min-width: 0; white-space: pre-wrap; word-break: break-all; }
.ev.sync { background: #f1f8ff; border-bottom: 2px solid var(--sync); }
.ev.out .tx { color: var(--out); font-weight: 600; }
.ev.out { background: #fbf8ff; }
.ev.failed { background: var(--warn-bg); }
.ev.end .tx { color: var(--muted); font-style: italic; }
.ev:target { outline: 2px solid #d4a72c; outline-offset: -2px; }
.tag { flex: none; font: 700 10px/1 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em; padding: 3px 6px; border-radius: 4px; color: #fff; }
.tag.sync { background: var(--sync); } .tag.out { background: var(--out); } .tag.failed { background: #bf8700; }
a.mark { flex: none; color: var(--bad); font: 600 12px system-ui, sans-serif; text-decoration: none; }
.boundary { text-align: center; font: 12px system-ui, sans-serif; color: var(--muted); background: var(--soft); border-bottom: 1px dashed #8c959f; padding: 3px; }
details.fold > summary { cursor: pointer; padding: 4px 10px 4px 36px; font: 12px system-ui, sans-serif; color: #57606a;
  background: repeating-linear-gradient(135deg, #f6f8fa 0 8px, #eef1f4 8px 16px); border-bottom: 1px solid #eaeef2; }
details.fold[open] > summary { border-bottom-color: var(--line); }
.empty { color: var(--muted); }
.why { font-size: 12px; color: #424a53; margin-top: 2px; max-width: 520px; }
details.whole > summary { cursor: pointer; list-style-position: outside; margin-left: 16px; }
details.whole > summary h3 { display: inline-block; width: calc(100% - 4px); margin: 18px 0 8px; }
)css";

const std::string_view kScript = R"js(
(function () {
  'use strict';
  function copyText(button) {
    var code = button.previousElementSibling;
    var text = code.textContent;
    function done(ok) {
      button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
      setTimeout(function () { button.textContent = 'Copy'; }, 1600);
    }
    function bySelection() {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, bySelection);
    } else {
      bySelection();
    }
  }
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () { copyText(button); });
  });
  document.querySelectorAll('button.unfold').forEach(function (button) {
    button.addEventListener('click', function () {
      var open = button.textContent === 'Unfold all';
      button.closest('section').querySelectorAll('details.fold').forEach(function (fold) {
        fold.open = open;
      });
      button.textContent = open ? 'Fold again' : 'Unfold all';
    });
  });
  function reveal() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    var fold = target.closest('details');
    if (fold) fold.open = true;
    target.scrollIntoView({ block: 'center' });
  }
  // The square of model m in row "sN-eI" is crash point I as model m (the m-th strip) saw it.
  var words = { ok: 'consistent', bad: 'violating', ne: 'not explored' };
  document.addEventListener('mouseover', function (event) {
    var square = event.target;
    if (!square.matches || !square.matches('i.cp') || square.title) return;
    var row = square.closest('.ev');
    var section = square.closest('section');
    if (!row || !section) return;
    var index = Array.prototype.indexOf.call(square.parentNode.children, square);
    var names = section.querySelectorAll('.strip .sn');
    var state = square.classList.contains('bad') ? 'bad' : square.classList.contains('ok') ? 'ok' : 'ne';
    square.title = 'crash point ' + row.id.split('-e')[1] + ', ' +
        (names[index] ? names[index].textContent : 'model ' + (index + 1)) + ': ' + words[state];
  });
  window.addEventListener('hashchange', reveal);
  if (location.hash) reveal();
  document.body.setAttribute('data-ready', '1');
})();
)js";

}  // namespace powercut::reports::html
