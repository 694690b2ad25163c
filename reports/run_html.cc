// The page around the timeline: the run's header and scenario table, and per scenario its
// facts, models and violation groups.
#include "reports/run_html.h"

#include <sys/stat.h>

#include <array>
#include <cerrno>

#include "reports/group_text.h"
#include "reports/markup.h"
#include "reports/report_file.h"
#include "reports/run_html_parts.h"
#include "reports/text_format.h"

namespace powercut::reports {
namespace html {

std::string Text(std::string_view text) { return EscapeMarkup(text); }
std::string Attr(std::string_view text) { return EscapeMarkup(text, MarkupContext::kAttribute); }

std::string Duration(double seconds) {
  if (seconds >= 60) {
    const auto whole = static_cast<long long>(seconds);
    const long long rest = whole % 60;
    return std::to_string(whole / 60) + " min " + (rest < 10 ? "0" : "") + std::to_string(rest) +
           " s";
  }
  return Fixed(seconds, seconds < 10 ? 2 : 1) + " s";
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return Thousands(n) + " " + std::string(n == 1 ? one : many);
}

std::string ScenarioId(size_t s) { return "s" + std::to_string(s + 1); }
std::string GroupId(size_t s, size_t m, size_t g) {
  return ScenarioId(s) + "-m" + std::to_string(m + 1) + "-g" + std::to_string(g + 1);
}
std::string EventId(size_t s, size_t i) { return ScenarioId(s) + "-e" + std::to_string(i); }

}  // namespace html

namespace {

using namespace html;  // NOLINT(google-build-using-namespace): the page's own vocabulary
using Verdict = ScenarioReport::Verdict;

std::string Badge(Verdict verdict) {
  const std::string name(VerdictName(verdict));
  return "<span class=\"badge " + name + "\">" + name + "</span>";
}

std::string RunVerdict(const RunReport& r) {
  if (r.interrupted) return "<span class=\"badge error\">interrupted</span>";
  for (const ScenarioReport& s : r.scenarios) {
    if (s.verdict == Verdict::kFailed || s.verdict == Verdict::kError) return Badge(s.verdict);
  }
  return r.scenarios.empty() ? "" : Badge(Verdict::kPassed);
}

std::string Counts(const RunReport& r) {
  std::array<size_t, 4> counts{};
  for (const ScenarioReport& s : r.scenarios) ++counts[static_cast<size_t>(s.verdict)];
  std::string text = Plural(r.scenarios.size(), "scenario", "scenarios") + ":";
  for (const Verdict v : {Verdict::kPassed, Verdict::kFailed, Verdict::kSkipped, Verdict::kError}) {
    const size_t n = counts[static_cast<size_t>(v)];
    if (n > 0) text += " " + std::to_string(n) + " " + std::string(VerdictName(v)) + ",";
  }
  text.pop_back();
  return text;
}

std::string Header(const RunReport& r) {
  std::string meta =
      "<span>" + Counts(r) + "</span><span>exit " + std::to_string(r.exit_code) + "</span>";
  if (!r.started.empty()) meta += "<span>started " + Text(r.started) + "</span>";
  if (!r.powercut_version.empty()) meta += "<span>powercut " + Text(r.powercut_version) + "</span>";
  if (r.seed_override) meta += "<span>--seed " + std::to_string(*r.seed_override) + "</span>";
  if (r.model_override) meta += "<span>--model " + Text(*r.model_override) + "</span>";
  if (r.jobs > 0) meta += "<span>" + Plural(static_cast<size_t>(r.jobs), "job", "jobs") + "</span>";
  if (!r.shard.empty()) meta += "<span>shard " + Text(r.shard) + "</span>";
  std::string text = "<header class=\"top\"><h1>powercut run " + RunVerdict(r) + "</h1>" +
                     "<div class=\"meta\">" + meta + "</div></header>\n";
  if (r.interrupted) {
    text +=
        "<div class=\"banner\">This run was interrupted before it ended: the report is "
        "partial. Scenarios cut short are listed as errors.</div>\n";
  }
  return text;
}

size_t GroupCount(const ScenarioReport& s) {
  size_t n = 0;
  for (const ModelResult& m : s.models) n += m.groups.size();
  return n;
}

std::string ModelChips(const ScenarioReport& s) {
  std::string text;
  for (const ModelResult& m : s.models) {
    text += std::string("<span class=\"chip ") + (m.met ? "met" : "unmet") + "\">" + Text(m.model) +
            (m.met ? " ✓" : " ✗") + "</span>";
  }
  return text;
}

std::string ScenarioTable(const RunReport& r) {
  std::string rows;
  for (size_t i = 0; i < r.scenarios.size(); ++i) {
    const ScenarioReport& s = r.scenarios[i];
    size_t checked = 0;
    for (const ModelResult& m : s.models) checked += m.exploration.stats.checked;
    const bool ran = !s.models.empty();
    std::string why;
    if (s.verdict == Verdict::kSkipped || s.verdict == Verdict::kError) {
      why = "<div class=\"why\">" + Text(s.verdict_reason) + "</div>";
    }
    rows += "<tr><td><a href=\"#" + ScenarioId(i) + "\">" + Text(s.name) +
            "</a><div class=\"sub\">" + Text(s.file) + "</div>" + why + "</td><td>" +
            Badge(s.verdict) + "</td><td>" + ModelChips(s) + "</td><td class=\"num\">" +
            (ran ? Thousands(GroupCount(s)) : "–") + "</td><td class=\"num\">" +
            (ran ? Thousands(checked) : "–") + "</td><td class=\"num\">" + Duration(s.seconds) +
            "</td></tr>\n";
  }
  if (rows.empty()) return "<p class=\"empty\">No scenario was run.</p>\n";
  return "<table class=\"grid scenarios\"><thead><tr><th>Scenario</th><th>Verdict</th>"
         "<th>Models</th><th class=\"num\">Violation groups</th><th class=\"num\">States "
         "checked</th><th class=\"num\">Time</th></tr></thead><tbody>\n" +
         rows + "</tbody></table>\n";
}

std::string Facts(const ScenarioReport& s) {
  const ScenarioReport::Recording& rec = s.recording;
  std::string text = "<dl class=\"facts\"><dt>File</dt><dd><code>" + Text(s.file) + "</code></dd>";
  if (!rec.command.empty()) {
    text += "<dt>Workload</dt><dd><code>" + Text(ShellCommand(rec.command)) + "</code></dd>";
  }
  if (!rec.builtin.empty()) text += "<dt>Workload</dt><dd>builtin " + Text(rec.builtin) + "</dd>";
  if (rec.events > 0 || !rec.trace_path.empty()) {
    std::string how = Plural(rec.events, "event", "events") + " in " + Duration(rec.seconds);
    if (rec.exit_code) how += ", exit " + std::to_string(*rec.exit_code);
    if (rec.signal) how += ", killed by signal " + std::to_string(*rec.signal);
    if (rec.timed_out) how += ", timed out";
    text += "<dt>Recorded</dt><dd>" + how + "</dd>";
  }
  if (!rec.trace_path.empty()) {
    text += "<dt>Trace</dt><dd><code>" + Text(rec.trace_path) + "</code></dd>";
  }
  for (const std::string& warning : rec.warnings) {
    text += "<dt>Warning</dt><dd class=\"warn\">" + Text(warning) + "</dd>";
  }
  return text + "</dl>\n";
}

std::string Expected(const Expectation& e) {
  std::string text = Text(e.result);
  if (!e.message.empty()) text += " matching <code>" + Text(e.message) + "</code>";
  if (!e.classification.empty()) text += " of class " + Text(e.classification);
  return text;
}

std::string ModelTable(const ScenarioReport& s) {
  std::string rows;
  for (const ModelResult& m : s.models) {
    const ExploreReport& e = m.exploration;
    std::string how = Text(e.options.crash_points) + " crash points, ";
    how += e.options.strategy == "sample"
               ? "sample of " + Thousands(e.options.samples)
               : "≤ " + Plural(static_cast<size_t>(e.options.max_deviations), "deviation",
                               "deviations");
    if (e.stats.capped) how += ", <b>capped</b>";
    if (e.outcome == ExploreReport::Outcome::kInterrupted) how += ", <b>interrupted</b>";
    if (e.outcome == ExploreReport::Outcome::kError) how += ", <b>error</b>: " + Text(e.error);
    rows += "<tr><td><b>" + Text(m.model) + "</b><div class=\"sub\">" + how + "</div></td><td>" +
            Expected(m.expected) + "</td><td>" +
            (m.met ? "<span class=\"chip met\">met</span>"
                   : "<span class=\"chip unmet\">not met</span>") +
            "</td><td>" + Text(m.verdict) + "</td><td class=\"num\">" + Thousands(e.stats.checked) +
            "</td><td class=\"num\">" + Thousands(e.stats.violating) + "</td><td class=\"num\">" +
            Thousands(m.groups.size()) + "</td><td class=\"num\">" + Duration(e.stats.seconds) +
            "</td></tr>\n";
  }
  return "<table class=\"grid models\"><thead><tr><th>Model</th><th>Expected</th><th>Result</th>"
         "<th>Verdict</th><th class=\"num\">Checked</th><th class=\"num\">Violating</th>"
         "<th class=\"num\">Groups</th><th class=\"num\">Time</th></tr></thead><tbody>\n" +
         rows + "</tbody></table>\n";
}

std::string Differences(const ViolationGroup& g) {
  if (g.differences.empty()) return "";
  std::string rows;
  for (const FileDifference& d : g.differences) {
    rows += "<tr><td><code>" + Text(d.path) + "</code></td><td class=\"exp\">" + Text(d.expected) +
            "</td><td class=\"found\">" + Text(d.found) + "</td></tr>";
  }
  return "<h5>Differences from the expected state <span class=\"sub\">(what the workload had "
         "written by the crash point)</span></h5><table class=\"grid diff\"><thead><tr><th>Path"
         "</th><th>Expected</th><th>Found</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

std::string Group(const ViolationGroup& g, const std::string& model, size_t s, size_t m,
                  size_t index, size_t total) {
  std::string text = "<article class=\"group\" id=\"" + GroupId(s, m, index) + "\">";
  text += "<header><span class=\"cls\">" + Text(g.classification) + "</span><span class=\"gn\">" +
          Text(model) + " · group " + std::to_string(index + 1) + " of " + std::to_string(total) +
          "</span><span class=\"count\">" +
          Plural(g.violations, "violating state", "violating states") +
          (g.crash_points.empty()
               ? ""
               : (g.crash_points.size() == 1 ? " at crash point " : " at crash points ") +
                     Text(CrashPointList(g.crash_points))) +
          "</span></header>";
  text += "<p class=\"summary\">" + Text(GroupSummary(g)) + "</p>";
  if (!g.fix_hint.empty()) {
    text += "<div class=\"fix\"><b>Fix</b><span>" + Text(g.fix_hint) + "</span></div>";
  }
  text += "<dl class=\"facts\"><dt>Checker</dt><dd class=\"reason\">" + Text(g.checker_reason) +
          "</dd><dt>Minimal state</dt><dd><code>" + Text(g.minimal_state_id) +
          "</code> at <a href=\"#" + EventId(s, g.minimal_crash_point) + "\">crash point " +
          std::to_string(g.minimal_crash_point) + "</a>, " +
          Plural(static_cast<size_t>(g.minimal_deviations), "deviation", "deviations") +
          " from dropping everything unsynced" +
          (g.reduction_incomplete
               ? " <span class=\"warn\">(the reduction ran out of its budget: it may not be "
                 "1-minimal)</span>"
               : "") +
          "</dd></dl>";
  if (!g.explanation.empty()) {
    text += "<h5>Explanation</h5><ul class=\"explain\">";
    for (const std::string& line : g.explanation) {
      if (line == "checker: " + g.checker_reason) continue;  // shown above
      text += "<li>" + Text(line) + "</li>";
    }
    text += "</ul>";
  }
  text += Differences(g);
  if (!g.replay.empty()) {
    text += "<h5>Replay</h5><div class=\"replay\"><code>" + Text(ShellCommand(g.replay)) +
            "</code><button type=\"button\" class=\"copy\">Copy</button></div>";
  }
  return text + "</article>\n";
}

std::string Scenario(const ScenarioReport& s, size_t index, const HtmlOptions& options) {
  std::string text = "<section class=\"scenario\" id=\"" + ScenarioId(index) + "\"><h2>" +
                     Text(s.name) + " " + Badge(s.verdict) + "</h2>\n";
  if (!s.description.empty()) text += "<p class=\"desc\">" + Text(s.description) + "</p>\n";
  if (!s.verdict_reason.empty()) {
    text += "<p class=\"reason-box " + std::string(VerdictName(s.verdict)) + "\">" +
            Text(s.verdict_reason) + "</p>\n";
  }
  text += Facts(s);
  if (!s.models.empty()) text += "<h3>Models</h3>\n" + ModelTable(s);
  const size_t groups = GroupCount(s);
  if (groups > 0) {
    text += "<h3>Violations <span class=\"sub\">" + Plural(groups, "group", "groups") +
            " of violations with the same minimal cause</span></h3>\n";
    for (size_t m = 0; m < s.models.size(); ++m) {
      const ModelResult& model = s.models[m];
      for (size_t g = 0; g < model.groups.size(); ++g) {
        text += Group(model.groups[g], model.model, index, m, g, model.groups.size());
      }
    }
  }
  if (!s.timeline.empty() && s.verdict == Verdict::kPassed) {
    // Nothing to look at in a pass but the trace itself: one click away.
    text += "<details class=\"whole\"><summary><h3>Timeline <span class=\"sub\">" +
            Plural(s.timeline.size(), "event", "events") + "</span></h3></summary>\n" +
            Timeline(s, index, options) + "</details>\n";
  } else if (!s.timeline.empty()) {
    text += "<h3>Timeline</h3>\n" + Timeline(s, index, options);
  }
  return text + "</section>\n";
}

}  // namespace

std::string RunReportHtml(const RunReport& report, const HtmlOptions& options) {
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
      "<title>powercut run";
  if (report.scenarios.size() == 1) page += ": " + Text(report.scenarios.front().name);
  page += "</title>\n<style>" + std::string(kStyle) + "</style></head>\n<body>\n";
  page += Header(report) + "<main>\n" + ScenarioTable(report);
  for (size_t i = 0; i < report.scenarios.size(); ++i) {
    page += Scenario(report.scenarios[i], i, options);
  }
  page += "</main>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return page;
}

Status WriteRunHtml(const RunReport& report, const std::string& dir, const HtmlOptions& options) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return Status::IoError(dir + ": cannot create the report directory", errno);
  }
  return WriteReportFile(dir + "/index.html", RunReportHtml(report, options), "HTML report");
}

}  // namespace powercut::reports
