// The builtin "journal" workload and checker of scenario files: the reference journal's
// `powercut-journal workload` and `powercut-journal check` (journal/tool), run in process on
// SimFileSystem, so a scenario explores the journal without a program or a shim.
//
// With JournalWorkload::dropped set, the workload runs on a test double that reports the syncs
// it drops as done: a journal that acknowledges what is not durable, for scenarios that expect
// the checker to catch it. The checker is the real one either way.
#ifndef POWERCUT_HARNESS_BUILTIN_JOURNAL_H_
#define POWERCUT_HARNESS_BUILTIN_JOURNAL_H_

#include <string>
#include <vector>

#include "faultfs/explore/explorer.h"
#include "harness/scenario.h"

namespace powercut::harness {

// Appends the transactions, printing `ack N` and `checkpoint N` through the output sink.
explore::Workload JournalWorkloadFunction(const JournalWorkload& workload);

// Recovers the journal of a crash state and checks it against the output lines (the checks of
// journal/tool/checker.h). The transactions' contents are generated once and shared, so the
// returned checker may run on many threads at once.
explore::Checker JournalCheckerFunction(const JournalWorkload& workload);

// The `powercut-journal check` command line that judges a state as the builtin checker does
// (without crashing recovery), for replay commands; {output} is the workload's output file.
std::vector<std::string> JournalCheckerCommand(const JournalWorkload& workload);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_BUILTIN_JOURNAL_H_
