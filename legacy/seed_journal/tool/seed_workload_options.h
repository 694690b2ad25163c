// The options of the seed-journal workload and checker (seed_workload.h, seed_checker.h): which
// journal design runs, its durability, the workload's shape, and the faults or schedules that
// expose a legacy defect. One struct for both, so a scenario (or the command line) states them
// once and the checker judges exactly what the workload did.
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_WORKLOAD_OPTIONS_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_WORKLOAD_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "faultfs/fs/status.h"
#include "journal/journal.h"
#include "journal/tool/workload.h"

namespace powercut::legacy::tool {

// kLegacy: the seed's design (legacy/seed_journal); kReference: the reference journal (journal/),
// driven and judged by the same workload and checker.
enum class Design : uint8_t { kLegacy, kReference };
std::string_view DesignName(Design design);  // "legacy", "reference"
std::optional<Design> ParseDesign(std::string_view name);

struct SeedWorkloadOptions {
  Design design = Design::kLegacy;
  // The legacy journal's file, or the reference journal's directory.
  std::string path = "journal";
  journal::Durability mode = journal::Durability::kImmediate;  // legacy: Immediate/GroupCommit/Relaxed
  uint64_t txns = 4;
  uint32_t threads = 1;
  uint32_t ops_per_txn = 2;
  uint64_t checkpoint_every = 0;  // checkpoint after every Nth acknowledgement; 0: never
  uint64_t reopen_every = 0;      // close and reopen every N txns (one thread only); 0: never
  uint64_t seed = 1;
  // Legacy group commit: the flush thread's period and the queue length that flushes at once.
  uint64_t max_delay_ms = 5;
  uint64_t max_pending_ops = 100;
  // Legacy only: holds the flush that drained txn 1 until txn 2 is acknowledged, a schedule the
  // seed's FlushPending allows (defect 5). The reference has no such window and ignores it.
  bool flush_race = false;
  // The Nth file sync after the journal was opened fails with EIO and syncs nothing; 0: none.
  uint64_t fail_sync = 0;
  // After this many acknowledgements the process is killed (nothing it does afterwards reaches
  // the OS), then the OS writes back every file of the journal; 0: never.
  uint64_t process_crash_after = 0;
  // An append blocked this long is reported as hung (then released, to end the run).
  uint64_t hang_timeout_ms = 1000;
};

// kInvalidArgument naming the option the workload cannot honour.
Status ValidateSeedWorkloadOptions(const SeedWorkloadOptions& options);

// The reference tool's options with the same transaction content (txn_content.h): the tags and
// ops of thread t's seq s are those of `powercut-journal workload` with the same seed.
journal::tool::WorkloadOptions ContentOptions(const SeedWorkloadOptions& options);

// The lines the workload prints besides `ack N` / `checkpoint N` (ack_output.h).
inline constexpr std::string_view kHungPrefix = "hung: ";
inline constexpr std::string_view kAppendFailedPrefix = "append failed: ";
inline constexpr std::string_view kWrittenBackLine = "process killed; the OS wrote back its files";

}  // namespace powercut::legacy::tool

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_TOOL_SEED_WORKLOAD_OPTIONS_H_
