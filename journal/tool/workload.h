// The `powercut-journal workload` subcommand as a library: appends deterministic transactions
// (txn_content.h) to a journal and prints what it promised (ack_output.h).
#ifndef POWERCUT_JOURNAL_TOOL_WORKLOAD_H_
#define POWERCUT_JOURNAL_TOOL_WORKLOAD_H_

#include <cstdint>
#include <string>

#include "faultfs/fs/file_system.h"
#include "journal/journal.h"
#include "journal/tool/ack_output.h"

namespace powercut::journal::tool {

struct WorkloadOptions {
  std::string dir;
  Durability durability = Durability::kGroupCommit;
  uint64_t txns = 0;     // in total, over all threads
  uint32_t threads = 1;  // thread i appends tags t<i>/0, t<i>/1, ...
  uint32_t ops_per_txn = 3;
  uint64_t checkpoint_every = 0;  // 0: never
  uint64_t reopen_every = 0;      // 0: never; requires threads == 1
  uint64_t seed = 1;
  // Library callers only (tests): a small value forces many segments. 0: the journal's default.
  uint64_t max_segment_bytes = 0;
};

using journal::kMinSegmentBytes;

// kInvalidArgument, saying which option is wrong, for values the workload cannot honour.
Status ValidateWorkloadOptions(const WorkloadOptions& options);

// How many of `txns` transactions thread `thread` of `threads` appends: an even split, the
// first (txns % threads) threads taking one more.
uint64_t TxnsForThread(uint64_t txns, uint32_t threads, uint32_t thread);

// The JournalOptions both the workload and the checker open with.
JournalOptions MakeJournalOptions(Durability durability, uint64_t max_segment_bytes);

// Opens (creating if missing) the journal in options.dir and appends options.txns transactions.
// The journal must hold no transaction yet (kFailedPrecondition otherwise).
// After each acknowledged Append it emits `ack <id>`; after every checkpoint_every-th
// acknowledgement (counted over all threads) it checkpoints that id and emits
// `checkpoint <id>`. Stops at the first error (the journal's errors are sticky anyway) and
// returns it with the directory named; OK once every transaction was appended and the journal
// closed cleanly.
Status RunWorkload(FileSystem& fs, const WorkloadOptions& options, LineSink& out);

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_WORKLOAD_H_
