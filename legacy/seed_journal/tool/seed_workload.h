// The seed-journal workload: appends options.txns deterministic transactions (the contents of
// journal/tool/txn_content.h) to the legacy or the reference journal and prints what it
// promised, one line each, through a LineSink:
//   ack N                 Append returned id N
//   checkpoint N          Checkpoint(N) returned OK after N was acknowledged
//   append failed: ...    an Append returned an error (expected with fail_sync)
//   hung: ...             an Append was blocked hang_timeout_ms; the journal is then told to
//                         release it so the run can end (a hang is a violation: seed_checker.h)
//   process killed; ...   process_crash_after: the process was killed, then the OS wrote back
//                         everything it had handed the OS (kWrittenBackLine)
// It runs on any FileSystem: SimFileSystem (the builtin "seed-journal" of scenario files) or
// the OS (`powercut-seed-journal workload`).
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_WORKLOAD_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_WORKLOAD_H_

#include "faultfs/fs/file_system.h"
#include "journal/tool/ack_output.h"
#include "legacy/seed_journal/tool/seed_workload_options.h"

namespace powercut::legacy::tool {

// OK when the workload ran as configured (including an append failing under an injected fault,
// and a reported hang); otherwise the first error, with the path named.
Status RunSeedWorkload(FileSystem& fs, const SeedWorkloadOptions& options,
                       journal::tool::LineSink& out);

}  // namespace powercut::legacy::tool

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_WORKLOAD_H_
