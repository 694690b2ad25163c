#!/bin/sh
# Checker of the two-file scenarios (4). Promise: `a` and `b` hold the same version, v1 or v2
# (atomicity across both files); once `ack` was printed, v2 (durability).
# Recovery first, as the correct program would run it: a complete redo record ("VERSION",
# then "commit") means its version is to be written into both files. An incomplete one is
# ignored: the files are only touched after the redo record is durable. $1: the output file.
if [ -f redo ] && [ "$(sed -n 2p redo)" = commit ] && [ "$(wc -l < redo)" -eq 2 ]; then
  version=$(sed -n 1p redo)
  printf '%s\n' "$version" > a
  printf '%s\n' "$version" > b
fi
a=$(cat a 2>/dev/null) b=$(cat b 2>/dev/null)
if [ "$a" != "$b" ]; then echo "a and b disagree: a holds '$a', b holds '$b'"; exit 1; fi
case "$a" in
  v1) if grep -qx ack "$1"; then echo "acknowledged, but a and b still hold v1"; exit 1; fi ;;
  v2) ;;
  *) echo "a and b hold neither version: '$a'"; exit 1 ;;
esac
