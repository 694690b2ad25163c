#!/bin/sh
# Runs the shell examples of docs/cli.md, so that they are known to work: every line starting
# with "$ " between the markers <!-- examples:begin --> and <!-- examples:end --> runs in one
# scratch directory, in order, with powercut and cli_example_trace on PATH. A line ending in
# "# exit N" must exit N; any other must exit 0.
#
#   run_doc_examples.sh DOC BIN_DIR...
set -u
doc=$1
shift
for dir in "$@"; do PATH=$(cd "$dir" && pwd):$PATH; done
export PATH
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
commands=$(sed -n '/<!-- examples:begin -->/,/<!-- examples:end -->/p' "$doc" | sed -n 's/^\$ //p')
if [ -z "$commands" ]; then
  echo "no examples found in $doc" >&2
  exit 2
fi
failed=0
count=0
while IFS= read -r line; do
  count=$((count + 1))
  expected=0
  case $line in
    *"# exit "*) expected=${line##*# exit } ;;
  esac
  (cd "$work" && sh -c "$line") >"$work/.out" 2>&1
  rc=$?
  if [ "$rc" -ne "$expected" ]; then
    echo "FAILED (exit $rc, expected $expected): $line" >&2
    sed 's/^/  | /' "$work/.out" >&2
    failed=1
  fi
done <<LINES
$commands
LINES
echo "$count example commands run"
exit $failed
