#!/bin/sh
# Checker of the replace-by-rename scenarios (1, 2). Promise: `f` is one version or the other,
# whole (atomicity); once `ack` was printed, the new one (durability). $1: the output file.
# f.tmp is the program's scratch file: whatever it holds after a crash does not matter.
case "$(cat f 2>/dev/null)" in
  v1) if grep -qx ack "$1"; then echo "acknowledged, but f is still the old version"; exit 1; fi ;;
  v2) ;;
  *) echo "f holds neither version whole: '$(head -c 40 f 2>/dev/null | od -An -c | tr -s ' ')'"; exit 1 ;;
esac
