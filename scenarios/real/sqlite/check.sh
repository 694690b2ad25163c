#!/bin/sh
# The SQLite checker of scenarios/real, run in a crash state of workload.sh (docs/scenarios.md):
#   check.sh OUTPUT ROWS
# The state is consistent when the database `db` opens and passes `PRAGMA integrity_check`;
# every transaction in it is whole (ROWS rows) and they are a prefix 1..M of those begun
# (atomicity); and every transaction acknowledged in OUTPUT is among them (durability).
# Opening the database recovers it first (rolls back a hot journal, replays a WAL), as the
# application's next run would. The first line printed is the reason for a violation.
# It runs once per crash state, so it forks nothing but one sqlite3: shell builtins only.
output=$1
rows=$2
fail() {
  echo "$*"
  exit 1
}
[ -e db ] || fail "the database file is gone"
# integrity_check's verdict ("ok" or the first problem), then a line `txn T:ROWS` per transaction.
report=$(sqlite3 db "PRAGMA integrity_check; SELECT 'txn ' || txn || ':' || count(*) FROM t GROUP BY txn ORDER BY txn" 2>&1) ||
  fail "the database does not open or read: ${report%%
*}"
[ "${report%%
*}" = ok ] || fail "integrity_check failed: ${report%%
*}"
next=1
IFS='
'
for line in $report; do
  case $line in
    "txn "*) ;;
    *) continue ;;
  esac
  count=${line#txn }
  txn=${count%:*}
  n=${count#*:}
  [ "$n" = "$rows" ] || fail "half a transaction: txn $txn has $n of its $rows rows"
  [ "$txn" = "$next" ] || fail "not a prefix: txn $txn is there but txn $next is not"
  next=$((next + 1))
done
while read -r line; do
  case $line in
    "ack "*) acked=${line#ack } ;;
    *) continue ;;
  esac
  [ "$acked" -lt "$next" ] ||
    fail "acknowledged txn $acked lost: the database holds txns 1..$((next - 1))"
done < "$output"
