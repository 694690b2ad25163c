#!/bin/sh
# reports.html_chromium: headless Chromium loads the fixture pages, runs their script, and the
# rendered DOM holds the violation groups and their replay commands; a screenshot of each page
# stays in WORKDIR as the test's artefact.
#   html_chromium_test.sh RENDER_TOOL WORKDIR           exit 77 (skipped) without chromium
set -eu
tool=$1 work=$2
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not installed (Debian: chromium)"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
"$tool" "$work/pages" >/dev/null

# Each run gets a fresh profile; no network, sync or updates (the page needs none).
run_chromium() {
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>>"$work/chromium.log"
  rm -rf "$profile"
}

fail() { echo "FAIL: $*"; exit 1; }

check_page() {  # NAME TEXT...: the DOM of page NAME holds every TEXT
  name=$1; shift
  page="file://$work/pages/$name/index.html"
  run_chromium --dump-dom "$page" > "$work/$name.dom.html"
  grep -q 'data-ready="1"' "$work/$name.dom.html" || fail "$name: the page's script did not run to its end"
  for text in "$@"; do
    grep -qF -- "$text" "$work/$name.dom.html" || fail "$name: the rendered page lacks: $text"
  done
  run_chromium --screenshot="$work/$name.png" --window-size=1280,2000 --hide-scrollbars "$page" >/dev/null
  [ -s "$work/$name.png" ] || fail "$name: no screenshot"
  echo "$name: rendered; screenshot $work/$name.png"
}

check_page mixed \
  '<span class="cls">acknowledged before durable</span>' \
  '<span class="cls">torn write</span>' \
  'powercut replay build/powercut/sqlite-style-commit.trace --state c10 --model posix --sector-bytes 512 -o state-c10' \
  "fsync the directory \`.\` after \`unlink db-journal\` (#8) and before printing \`ack 3\` (#9)" \
  'rename w&lt;&amp;&gt;"'"'"'\x01\xff.tmp -&gt; w&lt;&amp;&gt;"'"'"'\x01\xff'
check_page failed \
  '<span class="cls">acknowledged before durable</span>' \
  'state-c13+e10+e11:0+e12 --checker'
check_page long \
  '<span class="cls">acknowledged before durable</span>' \
  '<details class="fold"><summary>1,660 events #3–#1662'
check_page interrupted 'This run was interrupted'
