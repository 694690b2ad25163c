// ExploreStates: every crash state of a trace under one model checked with one StateCheck (a
// checker program or a builtin in process), then every violation reduced and grouped
// (violation_reduction.h). The loop `powercut explore` and `powercut run` share; CheckStates
// (faultfs/explore) does the generating and the parallel checking.
//
// On top of CheckStates it counts what was checked at each crash point (for the report's
// crash-point summary), reports progress while checking, and leaves the states of other shards
// unchecked.
#ifndef POWERCUT_HARNESS_STATE_EXPLORATION_H_
#define POWERCUT_HARNESS_STATE_EXPLORATION_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "faultfs/explore/check_states.h"
#include "harness/shard.h"
#include "harness/violation_reduction.h"
#include "reports/run_report.h"

namespace powercut::harness {

struct StateExplorationOptions {
  int jobs = 1;
  size_t max_violations_listed = 100;  // kept with their details in the result
  // Violations reduced, the first in generation order; 0: no reduction. Those past it are
  // counted (not_reduced) and left out of the groups.
  size_t max_reduced = 1000;
  ReductionOptions reduction;  // its replay.generator is the exploration's generator options
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: no new state, no new reduction
  // The part of the states checked (shard.h). Every state is generated (the generator's stats
  // are the whole exploration's); those of other shards get no verdict and count nowhere else.
  Shard shard;
  // Called while checking, from the checking threads but never two at once, at most about
  // every 200 ms (and for the first state): states checked so far and how many violated.
  std::function<void(size_t checked, size_t violating)> progress;
  // Called on the calling thread when checking is done and reducing begins (only when there are
  // violations to reduce).
  std::function<void()> reducing;
};

struct StateExploration {
  explore::CheckResult check;  // violations: the first max_violations_listed
  std::vector<reports::CrashPointSummary> crash_points;  // ascending, each with a state checked
  ReducedViolations reduction;
  size_t not_reduced = 0;  // violations past max_reduced, or left when the reduction stopped
  std::chrono::duration<double> checking{0};
  std::chrono::duration<double> reducing{0};
};

StateExploration ExploreStates(const trace::Trace& trace, const explore::StateCheck& check,
                               const StateExplorationOptions& options);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_STATE_EXPLORATION_H_
