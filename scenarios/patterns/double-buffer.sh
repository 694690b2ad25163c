#!/bin/sh
# A record kept in two checksummed slots and updated in place without ever tearing it
# (scenario 5-torn-overwrite-correct).
#
# `meta` has two 1024-byte slots (two 512-byte sectors each). A slot is its version (8 digits)
# and a space, the payload (the version's letter: A for 1, B for 2, ... 1004 times), then the
# cksum (POSIX CRC) of those 1013 bytes as 10 digits and a newline. Version N is written into
# slot N % 2, the one *not* holding the current version, with one write, fsynced, then
# acknowledged. Recovery takes the valid slot with the highest version: a torn slot fails its
# checksum, and the previous version, whole, is still in the other.
#
#   double-buffer.sh init          version 1 in slot 1, slot 0 never written: the initial state
#   double-buffer.sh update N...   write versions N..., each fsynced, then print `ack N`
#   double-buffer.sh check OUTPUT  the checker: recovery finds a whole version, at least the last
#                                  acknowledged one; exit 1 with the reason otherwise
set -u

letter() { printf "\\$(printf %o $((64 + $1)))"; }

body() { printf '%08d ' "$1"; head -c 1004 /dev/zero | tr '\0' "$(letter "$1")"; }

slot() {
  sum=$(body "$1" | cksum | cut -d' ' -f1)
  body "$1"
  printf '%010d\n' "$sum"
}

# Recovery, as the program does it: the version slot $1 holds when its checksum is right;
# nothing otherwise. Leaves the slot's bytes in slot.$1.
recovered_version() {
  dd if=meta of=slot.$1 bs=1024 skip="$1" count=1 status=none 2>/dev/null || return 0
  [ "$(wc -c < slot.$1)" -eq 1024 ] || return 0
  sum=$(head -c 1013 slot.$1 | cksum | cut -d' ' -f1)
  [ "$(tail -c 11 slot.$1 | head -c 10)" = "$(printf %010d "$sum")" ] || return 0
  echo "$((1$(head -c 8 slot.$1) - 100000000))"
}

case "${1:-}" in
  init)
    { head -c 1024 /dev/zero | tr '\0' x; slot 1; } > meta ;;
  update)
    shift
    for version; do
      slot "$version" | dd of=meta bs=1024 seek=$((version % 2)) count=1 iflag=fullblock \
        conv=notrunc status=none
      sync meta
      echo "ack $version"
    done ;;
  check)
    best=0 best_index=
    for index in 0 1; do
      version=$(recovered_version $index)
      if [ -n "$version" ] && [ "$version" -gt "$best" ]; then best=$version best_index=$index; fi
    done
    if [ "$best" -eq 0 ]; then echo "neither slot of meta is valid: the record is lost"; exit 1; fi
    # The promise: the recovered version is whole, and at least the last acknowledged one.
    if ! body "$best" | cmp -s -n 1013 - "slot.$best_index"; then
      echo "recovery chose version $best, but its slot is torn"
      exit 1
    fi
    acked=$(sed -n 's/^ack //p' "$2" | tail -n 1)
    if [ -n "$acked" ] && [ "$best" -lt "$acked" ]; then
      echo "acknowledged version $acked, but meta recovers version $best"
      exit 1
    fi ;;
  *) echo "usage: double-buffer.sh init | update N... | check OUTPUT" >&2; exit 2 ;;
esac
