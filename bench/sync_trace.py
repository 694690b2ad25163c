#!/usr/bin/env python3
"""Where the time between two fdatasyncs goes, from a perf trace of journal_bench.

Record (needs tracepoint access, e.g. root; adds overhead, so read the rates it prints only
against each other):

  perf record -o sync.data -e 'syscalls:sys_enter_fdatasync,syscalls:sys_exit_fdatasync,\
syscalls:sys_enter_pwrite64,syscalls:sys_exit_pwrite64,syscalls:sys_enter_futex,sched:sched_switch' \
    -- journal_bench --only raw,Immediate@1,GroupCommit@16 --runs 1 --seconds 1
  perf script -i sync.data | bench/sync_trace.py 1,1,16 2     # the GroupCommit@16 phase

Arguments: worker threads per measurement in run order, the index of the one to analyse, and
optionally the record size in bytes (default 104, i.e. --txn-bytes 64). Worker threads are told
apart by thread id (ids grow with creation; the main thread, which only writes while opening a
journal, is left out). The first and last tenth of the syncs are skipped as warm-up and tail.
"""
import bisect
import collections
import re
import statistics
import sys

LINE = re.compile(r'^\s*(\S.*?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s*(.*)$')


def us(seconds):
    return '%.0f us' % (seconds * 1e6)


def p90(values):
    return sorted(values)[int(0.9 * len(values))]


def main():
    sizes = [int(x) for x in sys.argv[1].split(',')]
    which = int(sys.argv[2])
    record_bytes = int(sys.argv[3]) if len(sys.argv) > 3 else 104

    events = []
    for line in sys.stdin:
        m = LINE.match(line)
        if m:
            _, tid, _, t, name, rest = m.groups()
            events.append((float(t), int(tid), name, rest))
    events.sort()

    syncs, writes, futexes = [], [], []  # (enter, exit, tid), (enter, tid, bytes), (t, tid, op)
    sync_open = {}
    for t, tid, name, rest in events:
        if name == 'syscalls:sys_enter_fdatasync':
            sync_open[tid] = t
        elif name == 'syscalls:sys_exit_fdatasync' and tid in sync_open:
            syncs.append((sync_open.pop(tid), t, tid))
        elif name == 'syscalls:sys_enter_pwrite64':
            count = re.search(r'count: (0x[0-9a-f]+)', rest)
            writes.append((t, tid, int(count.group(1), 16) if count else 0))
        elif name == 'syscalls:sys_enter_futex':
            op = re.search(r'op: (0x[0-9a-f]+)', rest)
            futexes.append((t, tid, int(op.group(1), 16) & 0x7f if op else -1))

    main_tid = min(tid for _, tid, _, _ in events)
    workers = sorted({tid for _, tid, _ in writes} - {main_tid})
    start = sum(sizes[:which])
    keep = set(workers[start:start + sizes[which]])
    syncs = [s for s in syncs if s[2] in keep]
    writes = [w for w in writes if w[1] in keep]
    futexes = [f for f in futexes if f[1] in keep]
    switches = [t for t, tid, name, _ in events if name == 'sched:sched_switch' and tid in keep]
    if len(syncs) < 20:
        sys.exit('too few syncs in that phase: %d' % len(syncs))
    syncs = syncs[len(syncs) // 10: -len(syncs) // 10]

    write_times = [w[0] for w in writes]
    futex_times = [f[0] for f in futexes]
    wall = syncs[-1][1] - syncs[0][1]
    cycles = list(zip(syncs, syncs[1:]))

    def batch_of(sync):  # records in the pwrite that preceded this sync
        i = bisect.bisect_right(write_times, sync[0]) - 1
        return writes[i][2] // record_bytes if i >= 0 else 0

    def count_between(times, lo, hi):
        return bisect.bisect_left(times, hi) - bisect.bisect_left(times, lo)

    gaps = [b[0] - a[1] for a, b in cycles]
    print('syncs: %d in %.3f s = %.0f/s; inside fdatasync %.0f%% of the time' % (
        len(cycles), wall, len(cycles) / wall,
        100 * sum(b[1] - b[0] for _, b in cycles) / wall))
    durations = [s[1] - s[0] for s in syncs]
    print('fdatasync: median %s, p90 %s' % (us(statistics.median(durations)), us(p90(durations))))
    print('gap from a sync\'s end to the next sync: median %s, p90 %s' % (
        us(statistics.median(gaps)), us(p90(gaps))))
    print('per gap: futex calls median %d, context switches median %d' % (
        statistics.median(count_between(futex_times, a[1], b[0]) for a, b in cycles),
        statistics.median(count_between(switches, a[1], b[0]) for a, b in cycles)))

    batches = [batch_of(s) for s in syncs]
    histogram = collections.Counter(batches)
    print('records per sync: mean %.2f; histogram %s' % (
        statistics.mean(batches), ' '.join('%d:%d' % kv for kv in sorted(histogram.items()))))

    by_batch = collections.defaultdict(list)
    for a, b in cycles:
        by_batch[batch_of(a)].append((b[0] - a[1], a[1] - a[0], a[2] != b[2], a, b))
    for size in sorted({1, sizes[which]}):
        rows = by_batch.get(size, [])
        if not rows:
            continue
        print('after a sync of %d record(s): n=%d, gap median %s, that sync median %s, '
              'next sync led by another thread %.0f%%' % (
                  size, len(rows), us(statistics.median(r[0] for r in rows)),
                  us(statistics.median(r[1] for r in rows)),
                  100 * sum(r[2] for r in rows) / len(rows)))
        same = [r for r in rows if not r[2]]
        if same:
            ops = [[op for t, tid, op in futexes if tid == r[3][2] and r[3][1] <= t < r[4][0]]
                   for r in same[:2000]]
            print('  when the same thread leads again (n=%d), its own futex calls in the gap: '
                  'median %d wake, %d wait' % (
                      len(same), statistics.median(sum(o == 1 for o in x) for x in ops),
                      statistics.median(sum(o in (0, 9) for o in x) for x in ops)))


if __name__ == '__main__':
    main()
