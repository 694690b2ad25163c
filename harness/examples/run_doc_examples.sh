#!/bin/sh
# Runs the examples of a documentation page (docs/cli.md, docs/scenarios.md), so that they are
# known to work. Between the markers <!-- examples:begin --> and <!-- examples:end -->, in order:
#   - the fenced block right after a line <!-- file: NAME --> is written to NAME (replacing it;
#     made executable when it starts with "#!"),
#   - every line starting with "$ " runs with sh -c; a line ending in "# exit N" must exit N,
#     any other must exit 0.
# All in one scratch directory, with each BIN_DIR on PATH.
#
#   run_doc_examples.sh DOC BIN_DIR...
set -u
doc=$1
shift
for dir in "$@"; do PATH=$(cd "$dir" && pwd):$PATH; done
export PATH
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

# The page's examples as a script of `example EXPECTED 'LINE'` calls and file writes.
awk -v q="'" '
  function quoted(s) { gsub(q, q "\\" q q, s); return q s q }
  /<!-- examples:begin -->/ { on = 1; next }
  /<!-- examples:end -->/ { on = 0; next }
  !on { next }
  file != "" && /^```/ {
    if (!body) { body = 1; print "cat > " quoted(file) " <<" q "POWERCUT_DOC_EOF" q; next }
    print "POWERCUT_DOC_EOF"; print "finish_file " quoted(file); file = ""; body = 0; next
  }
  file != "" && body { print; next }
  /^<!-- file: [^ ]+ -->/ { file = $3; next }
  /^\$ / {
    line = substr($0, 3); expected = 0
    if (match(line, /# exit [0-9]+$/)) expected = substr(line, RSTART + 7)
    print "example " expected " " quoted(line)
  }
' "$doc" >"$work/.examples" || exit 2

failed=0
count=0
example() {
  count=$((count + 1))
  (cd "$work" && sh -c "$2") >"$work/.out" 2>&1
  rc=$?
  if [ "$rc" -ne "$1" ]; then
    echo "FAILED (exit $rc, expected $1): $2" >&2
    sed 's/^/  | /' "$work/.out" >&2
    failed=1
  fi
}
finish_file() {
  case $(head -c 2 "$1") in
    '#!') chmod +x "$1" ;;
  esac
}
cd "$work" || exit 2
. "$work/.examples"
if [ "$count" -eq 0 ]; then
  echo "no examples found in $doc" >&2
  exit 2
fi
echo "$count example commands run"
exit $failed
