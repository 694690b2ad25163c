// The `powercut-journal check` subcommand as a library: the checker of one crash state of the
// workload (workload.h), per the checker protocol of DESIGN.md section 5.
//
// It opens the journal (running recovery), replays it and checks, in order:
//   1. ids are contiguous from checkpoint_txn() + 1 to last_txn();
//   2. every transaction carries a valid tag and exactly the content regenerated for it;
//   3. per thread, recovered seqs are consecutive without duplicates (and start at 0 when
//      nothing was checkpointed away);
//   4. unless the mode is relaxed, every acknowledged id is <= last_txn();
//   5. in every mode, checkpoint_txn() >= the largest printed checkpoint;
//   6. the recovered journal still works: one more transaction appended, closed, reopened and
//      replayed comes back as last_txn() + 1.
// The first failed check is the verdict. The directory is modified (recovery, step 6): run it on
// a private copy, as the crash tester does.
#ifndef POWERCUT_JOURNAL_TOOL_CHECKER_H_
#define POWERCUT_JOURNAL_TOOL_CHECKER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "faultfs/fs/file_system.h"
#include "journal/journal.h"
#include "journal/tool/ack_output.h"
#include "journal/tool/expected_txns.h"

namespace powercut::journal::tool {

struct CheckOptions {
  std::string dir;
  std::string acked_path;  // the workload's stdout up to the crash point
  // What the workload ran with: the mode decides whether acknowledged means durable, seed and
  // ops_per_txn let the content be regenerated. Defaults match the workload's.
  Durability durability = Durability::kGroupCommit;
  uint64_t seed = 1;
  uint32_t ops_per_txn = 3;
  uint64_t max_segment_bytes = 0;  // library callers only; 0: the journal's default
  // Library callers that check many states of one workload: its content generated once
  // (ExpectedTxns::ForWorkload), with the same seed and ops_per_txn. Null: generated per check.
  // Only the speed differs.
  std::shared_ptr<const ExpectedTxns> expected;
};

struct CheckVerdict {
  bool consistent = false;
  // A violation's reason, one line, e.g. "acknowledged txn 17 missing: recovered 1..15"; for a
  // consistent state, a one-line summary of what was recovered.
  std::string reason;
};

// kInvalidArgument for options the checker cannot work with.
Status ValidateCheckOptions(const CheckOptions& options);

// The verdict on the journal in options.dir. A non-OK status means the checker could not run
// (unreadable acked file, an error of the environment such as EACCES or ENOSPC): no verdict.
Result<CheckVerdict> RunCheck(FileSystem& fs, const CheckOptions& options);
// The same, with the workload's output already parsed (in-process explorers); acked_path unused.
Result<CheckVerdict> RunCheckWithOutput(FileSystem& fs, const CheckOptions& options,
                                        const AckOutput& acked);

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_CHECKER_H_
