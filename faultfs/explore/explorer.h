// The in-process explorer: records a workload on SimFileSystem, generates every crash state a
// persistence model allows, runs a checker on each, and reports the violations.
//
//   powercut::explore::ExploreOptions options;                    // posix, max_deviations 2
//   auto result = powercut::explore::Explore(
//       [](powercut::FileSystem& fs, powercut::OutputSink& out) { ...; out.Line("ack 1"); ... },
//       [](powercut::FileSystem& fs, const std::vector<std::string>& output) {
//         ... recover from fs, compare with what `output` promised ...
//         return powercut::explore::Verdict::Consistent();
//       },
//       options);
//   BOOST_TEST(result->violating == 0);
//
// The checker gets a private SimFileSystem holding the crash state (its own writes never leak
// into other states) and the lines the workload printed before the crash point. With
// crash_recovery, each checker run is itself recorded and crashed at each of its crash points,
// and the checker runs again on every resulting state (nested once).
//
// Thread-safety: with jobs > 1 the checker runs on several threads at once, each call on its own
// file system; it must not share unsynchronised state across calls.
#ifndef POWERCUT_FAULTFS_EXPLORE_EXPLORER_H_
#define POWERCUT_FAULTFS_EXPLORE_EXPLORER_H_

#include <functional>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/sim/sim_file_system.h"
#include "faultfs/trace/event.h"

namespace powercut::explore {

struct Verdict {
  bool consistent = true;
  std::string reason;  // for a violation: what broke, in the program's terms

  static Verdict Consistent() { return {}; }
  static Verdict Violation(std::string reason) { return {false, std::move(reason)}; }
};

// Writes through `fs`, prints its promises through `out`. A non-OK status is reported as
// ExploreResult::workload_status; the trace recorded up to then is still explored.
using Workload = std::function<Status(FileSystem& fs, OutputSink& out)>;
// Runs recovery on the crash state in `fs` and judges it against `output`.
using Checker = std::function<Verdict(FileSystem& fs, const std::vector<std::string>& output)>;

struct ExploreOptions {
  crash::GeneratorOptions generator;
  bool crash_recovery = false;   // also crash each recovery at each of its crash points
  int jobs = 1;                  // checker threads
  size_t max_violations_listed = 100;  // all are counted; this many are kept with details
};

struct Violation {
  std::string state_id;                 // materialise it with CrashStateGenerator::Materialize
  size_t crash_point = 0;
  std::vector<std::string> deviations;  // which pending events persisted, or tore
  int deviation_count = 0;
  std::string reason;                   // the checker's
  std::string recovery_state_id;        // set when recovery itself was crashed (nested state)
};

struct ExploreResult {
  Status workload_status;
  trace::Trace trace;
  crash::GeneratorStats stats;  // crash points, states generated, unique, capped
  size_t checked = 0;           // checker runs on states of the workload
  size_t recovery_checked = 0;  // checker runs on states of crashed recoveries
  size_t violating = 0;         // states (of either kind) the checker rejected
  std::vector<Violation> violations;  // in generation order, at most max_violations_listed
};

// Records `workload` on a fresh SimFileSystem (starting from `initial`), then explores it.
ExploreResult Explore(const Workload& workload, const Checker& checker,
                      const ExploreOptions& options, FsImage initial = FsImage());
// Explores a trace recorded earlier (by SimFileSystem or the LD_PRELOAD recorder).
ExploreResult ExploreTrace(trace::Trace trace, const Checker& checker,
                           const ExploreOptions& options);

// "#23 write 4096+104 persisted", "#21 write torn: pieces 0-1 of 3": what made `state`.
std::vector<std::string> DescribeDeviations(const crash::CrashStateGenerator& generator,
                                            const crash::CrashState& state);

}  // namespace powercut::explore

#endif  // POWERCUT_FAULTFS_EXPLORE_EXPLORER_H_
