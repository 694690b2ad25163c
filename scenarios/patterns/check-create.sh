#!/bin/sh
# Checker of the create scenarios (6). Promise: once `ack` was printed, `new` exists and holds
# `data` (durability). Before that, anything goes. $1: the output file.
if grep -qx ack "$1" && [ "$(cat new 2>/dev/null)" != data ]; then
  if [ -e new ]; then echo "acknowledged, but new holds '$(cat new)'"; else echo "acknowledged, but new does not exist"; fi
  exit 1
fi
