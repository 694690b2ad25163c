// The seed-journal checker: judges one crash state of the seed-journal workload (seed_workload.h)
// for either design, by the same rules, the first failed one being the verdict:
//   1. no `hung:` line was printed (an append that never returns is a violation);
//   2. recovery (open + replay) succeeds;
//   3. no txn id was acknowledged twice (ids are unique, also across reopen);
//   4. the recovered checkpoint covers every printed `checkpoint N`;
//   5. the replayed transactions are contiguous ids with the regenerated content, each thread's
//      seqs a gap-free run (journal/tool/recovered_log.h);
//   6. unless the mode is relaxed, every acknowledged txn was recovered;
//   7. in every mode, once the OS wrote back a killed process's files (kWrittenBackLine), every
//      txn acknowledged before the kill was recovered: acknowledged survives a process crash.
// Recovery modifies the directory: run it on a private copy, as the crash tester does.
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_CHECKER_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_CHECKER_H_

#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/tool/checker.h"
#include "journal/tool/expected_txns.h"
#include "legacy/seed_journal/tool/seed_workload_options.h"

namespace powercut::legacy::tool {

// `lines`: the workload's complete output lines before the crash point. `expected`:
// ExpectedTxns::ForWorkload(ContentOptions(options)), shareable between threads. A non-OK status
// means the checker could not run (an error of the environment), not a verdict.
Result<journal::tool::CheckVerdict> RunSeedCheck(FileSystem& fs,
                                                 const SeedWorkloadOptions& options,
                                                 const std::vector<std::string>& lines,
                                                 const journal::tool::ExpectedTxns& expected);

// The complete lines of a workload's output (a last line without '\n' was cut by the crash).
std::vector<std::string> CompleteLines(std::string_view text);

}  // namespace powercut::legacy::tool

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_CHECKER_H_
