// explore_bench's measurements: a journal workload recorded once on SimFileSystem, then crash
// states generated (and checked) from that one trace, as the in-process explorer does.
#ifndef POWERCUT_BENCH_EXPLORE_MEASURE_H_
#define POWERCUT_BENCH_EXPLORE_MEASURE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "faultfs/crash/model.h"
#include "faultfs/fs/result.h"
#include "faultfs/trace/event.h"
#include "journal/tool/workload.h"

namespace powercut::bench {

// A recorded workload: the powercut-journal tool's workload, run once on SimFileSystem.
struct Scenario {
  std::string name;  // "Immediate-20": file-name safe
  journal::tool::WorkloadOptions workload;
  trace::Trace trace;
  size_t output_lines = 0;  // ack/checkpoint lines the workload printed
  size_t barriers = 0;      // fsync/fdatasync/sync events
  size_t writes = 0;
};

// Records `txns` transactions of `durability` (dir "wal", ops_per_txn 3, one thread).
Result<Scenario> RecordScenario(journal::Durability durability, uint64_t txns);

enum class Mode {
  kGenerate,  // CrashStateGenerator::Run, visitor does nothing
  kCheck,     // explore::ExploreTrace with the journal tool's checker
};

// One run: the same exploration repeated until a minimum time has passed. Counts are of one
// exploration (they are the same every time: the generator is deterministic); times are totals
// over the `explorations`.
struct ExploreRun {
  size_t explorations = 0;
  double seconds = 0;      // wall time, all explorations
  double cpu_seconds = 0;  // user + system CPU time of the process, all explorations
  size_t crash_points = 0;
  size_t generated = 0;         // states built, duplicates included
  size_t unique = 0;            // states handed to the visitor
  size_t checked = 0;           // checker runs on workload states (kCheck)
  size_t recovery_checked = 0;  // checker runs on crashed-recovery states (kCheck + recovery)
  size_t violating = 0;
  bool capped = false;          // the generator hit max_states
  std::string first_violation;  // for the report: a violation means the bench is broken

  // `count` per exploration, per second of wall time.
  double Rate(size_t count) const {
    return seconds > 0 ? static_cast<double>(count) * static_cast<double>(explorations) / seconds
                       : 0;
  }
  // Wall seconds of one exploration.
  double SecondsEach() const {
    return explorations > 0 ? seconds / static_cast<double>(explorations) : 0;
  }
  // Every checker run, nested included.
  size_t all_checks() const { return checked + recovery_checked; }
};

struct Measurement {
  const Scenario* scenario = nullptr;
  Mode mode = Mode::kGenerate;
  crash::Model model = crash::Model::kPosix;
  int max_deviations = 2;
  int jobs = 1;
  bool crash_recovery = false;
  size_t max_states = 100000;
  std::vector<ExploreRun> runs;  // one per round
};

// "gen/Immediate-20/d2", "check/Immediate-20/d2/j2", "recovery/Immediate-20/d2/j1".
std::string ShortName(const Measurement& m);

// One run of `m` (not stored in m.runs): explorations repeated until `min_seconds` of wall time
// have passed (at least one).
ExploreRun RunFor(const Measurement& m, double min_seconds);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_EXPLORE_MEASURE_H_
