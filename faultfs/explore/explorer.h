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
// The generation and parallel-check loop is CheckStates (check_states.h), which the `powercut`
// command shares with a checker that is a program.
//
// Thread-safety: with jobs > 1 the checker runs on several threads at once, each call on its own
// file system; it must not share unsynchronised state across calls.
#ifndef POWERCUT_FAULTFS_EXPLORE_EXPLORER_H_
#define POWERCUT_FAULTFS_EXPLORE_EXPLORER_H_

#include <functional>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/explore/check_states.h"
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

// CheckResult (check_states.h) holds the counts and the violations: stats (crash points, states
// generated, unique, capped), checked, recovery_checked, violating, violations.
struct ExploreResult : CheckResult {
  Status workload_status;
  trace::Trace trace;
};

// Records `workload` on a fresh SimFileSystem (starting from `initial`), then explores it.
ExploreResult Explore(const Workload& workload, const Checker& checker,
                      const ExploreOptions& options, FsImage initial = FsImage());
// Explores a trace recorded earlier (by SimFileSystem or the LD_PRELOAD recorder).
ExploreResult ExploreTrace(trace::Trace trace, const Checker& checker,
                           const ExploreOptions& options);

// The StateCheck the two above hand to CheckStates: `checker` on a private SimFileSystem holding
// the state and, with options.crash_recovery, on every state its own run can be crashed into
// (under options.generator). For callers that drive CheckStates themselves or judge single
// states (the `powercut run` command's builtin checkers, a reducer's oracle). `checker` and
// `options` must outlive it. Thread-safe as the checker is.
StateCheck InProcessStateCheck(const Checker& checker, const ExploreOptions& options);

}  // namespace powercut::explore

#endif  // POWERCUT_FAULTFS_EXPLORE_EXPLORER_H_
