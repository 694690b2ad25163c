#!/bin/sh
# Checker of the in-place overwrite scenarios (5). Promise: `f` is the old record (1024 bytes of
# A) or the new one (1024 bytes of B), whole (atomicity); once `ack` was printed, the new one.
# $1: the output file.
record() { head -c 1024 /dev/zero | tr '\0' "$1"; }
if record B | cmp -s - f; then exit 0; fi
if ! record A | cmp -s - f; then
  echo "f is torn: neither record whole ($(od -An -c f 2>/dev/null | tr -s ' \n' '  ' | cut -c1-60)...)"
  exit 1
fi
if grep -qx ack "$1"; then echo "acknowledged, but f still holds the old record"; exit 1; fi
