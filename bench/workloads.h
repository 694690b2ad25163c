// The measured loops: a raw append+fdatasync loop (the device limit) and journal appenders.
// Every run has the shape RunThreads gives it (bench/run_threads.h).
#ifndef POWERCUT_BENCH_WORKLOADS_H_
#define POWERCUT_BENCH_WORKLOADS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "bench/run_threads.h"
#include "bench/stats.h"
#include "faultfs/fs/result.h"
#include "journal/journal.h"
#include "journal/ops.h"

namespace powercut::bench {

// One transaction whose EncodedSize is exactly `encoded_bytes`: a WriteFile whose path (and, past
// kMaxPathBytes, chunk list) is sized to match. kInvalidArgument below the smallest WriteFile or
// above the record limit.
Result<std::vector<journal::Op>> MakeTransaction(size_t encoded_bytes);

// Appends `records_per_sync` records of `record_bytes` with one pwrite to a fresh file `path`,
// then fdatasyncs, in a loop on one thread. With one record per sync it is what the journal's
// Immediate mode costs with the journal taken out; with B records it is the ceiling for a group
// commit whose batches hold B. The file starts with a synced 64-byte header and a synced
// directory entry, like a journal segment.
Result<RunResult> RunRaw(const std::string& path, size_t record_bytes, size_t records_per_sync,
                         const Timing& timing);

// Opens a fresh journal in `dir` (which must not exist) on the POSIX file system and has
// `threads` threads Append `ops` in a loop.
Result<RunResult> RunJournal(const std::string& dir, journal::Durability durability, int threads,
                             const std::vector<journal::Op>& ops, const Timing& timing);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_WORKLOADS_H_
