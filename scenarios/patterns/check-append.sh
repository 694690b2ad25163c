#!/bin/sh
# Checker of the append scenarios (3). Promise: every record acknowledged (`ack N` printed) is a
# whole line `recN` of `log` (durability). A torn or zeroed tail after the records is not
# judged: a log reader cuts an unacknowledged tail, and this class is about the acknowledgement.
# $1: the output file.
for n in $(sed -n 's/^ack //p' "$1"); do
  if ! grep -qx "rec$n" log 2>/dev/null; then
    echo "acknowledged record rec$n is missing from log"
    exit 1
  fi
done
