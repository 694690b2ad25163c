// JournalUnderTest: the legacy journal and the reference journal behind one small interface, so
// the same workload (seed_workload.h) drives both and the same checker (seed_checker.h) judges
// both. Only what the workload and the checker need: append, checkpoint, close; recover.
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_TOOL_JOURNAL_UNDER_TEST_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_TOOL_JOURNAL_UNDER_TEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/ops.h"
#include "legacy/seed_journal/tool/seed_workload_options.h"

namespace powercut::legacy::tool {

class JournalUnderTest {
 public:
  virtual ~JournalUnderTest() = default;
  // The id once acknowledged, as the design's mode promises.
  virtual Result<uint64_t> Append(const std::vector<journal::Op>& ops) = 0;
  // Declares every txn <= applied_txn applied (the legacy design truncates everything).
  virtual Status Checkpoint(uint64_t applied_txn) = 0;
  virtual Status Close() = 0;
  // Wakes appends blocked forever (legacy defect 9), once the workload reported them hung.
  virtual void ReleaseBlockedAppends() = 0;
};

// Called by the legacy journal after it drained a batch (SeedJournalOptions::after_drain).
using DrainHook = std::function<void(const std::vector<uint64_t>&)>;

// Opens options.design's journal at options.path for the workload. Timestamps come from a
// deterministic clock, so the same workload writes the same bytes on every run.
Result<std::unique_ptr<JournalUnderTest>> OpenJournalUnderTest(FileSystem& fs,
                                                               const SeedWorkloadOptions& options,
                                                               DrainHook after_drain);

// What recovery returns, as the checker needs it.
struct RecoveredJournal {
  bool existed = false;         // the journal's name was in its directory before recovery
  uint64_t checkpoint_txn = 0;  // the legacy design records none: always 0
  std::vector<journal::Transaction> txns;
};

// Opens (recovering) and replays the journal at options.path. An error is the design's recovery
// failing. The legacy replay runs under a memory limit of the file's size: a payload_len beyond
// it is reported instead of allocated (SeedReplayOptions).
Result<RecoveredJournal> RecoverJournal(FileSystem& fs, const SeedWorkloadOptions& options);

// What the OS does for a killed process's files in time: fsyncs every file of the journal and
// the directories holding them, through `fs` (not the dead process's).
Status WriteBackJournal(FileSystem& fs, const SeedWorkloadOptions& options);

}  // namespace powercut::legacy::tool

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_TOOL_JOURNAL_UNDER_TEST_H_
