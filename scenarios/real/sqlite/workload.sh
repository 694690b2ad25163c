#!/bin/sh
# The SQLite workload of scenarios/real: one sqlite3 connection commits TXNS transactions, each
# inserting ROWS rows (txn, k, about 200 bytes of text), and
# prints `ack N` once the Nth COMMIT has returned. The ack is printed by a child of sqlite3
# (`.system`), so the connection stays open across transactions, as an application's would: in
# WAL mode nothing is checkpointed between commits.
#
#   workload.sh SYNCHRONOUS [TXNS] [ROWS]     in a directory holding the database `db`
#
# The journal mode is the database's own (set when `db` was created: WAL is persistent);
# synchronous is per connection, so it is set here. `.bail on` stops at the first error, so no
# ack follows a failed COMMIT.
set -eu
synchronous=$1
txns=${2:-2}
rows=${3:-3}
{
  echo ".bail on"
  echo "PRAGMA synchronous=$synchronous;"
  i=1
  while [ "$i" -le "$txns" ]; do
    echo "BEGIN;"
    k=1
    while [ "$k" -le "$rows" ]; do
      echo "INSERT INTO t VALUES($i, $k, printf('%d-%d-', $i, $k) || replace(hex(zeroblob(100)), '0', 'x'));"
      k=$((k + 1))
    done
    echo "COMMIT;"
    echo ".system echo ack $i"
    i=$((i + 1))
  done
} | sqlite3 db
