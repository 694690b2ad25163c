// ReduceViolations: the violations of one exploration (one trace under one model) shrunk to
// minimal reproducers with faultfs/reduce (REDUCE.md), grouped by minimal cause, and each group
// described for reports: class, explanation, fix hint, the replay command of the minimal state,
// and how that state differs file by file from the state where every pending operation
// persisted.
//
// The oracle is the exploration's own StateCheck: the same checker judges the states the reducer
// builds. One OracleSession serves every violation, so the many violations one bug produces are
// cheap after the first. Deterministic for a deterministic checker.
#ifndef POWERCUT_HARNESS_VIOLATION_REDUCTION_H_
#define POWERCUT_HARNESS_VIOLATION_REDUCTION_H_

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "faultfs/explore/check_states.h"
#include "faultfs/reduce/oracle.h"
#include "harness/replay_argv.h"
#include "reports/run_report.h"

namespace powercut::harness {

struct ReductionOptions {
  ReplaySpec replay;              // trace path, model options and checker of the replay commands
  size_t max_oracle_calls = 200;  // per violation (ReduceOptions)
  const std::atomic<bool>* stop = nullptr;  // polled before each reduction and each oracle call
};

struct ReducedViolations {
  std::vector<reports::ViolationGroup> groups;  // Grouper order: by minimal crash point, then key
  // Per group (same index): the distinct reasons the checker gave for its violations, in the
  // order met, at most 20: what an expected message is matched against.
  std::vector<std::vector<std::string>> reasons;
  size_t reduced = 0;  // violations reduced and grouped
  size_t oracle_calls = 0;
  bool stopped = false;  // the stop flag ended it early: the groups cover `reduced` violations
  Status error;          // the oracle could not judge (a harness error); groups so far are kept
};

// Adapts a StateCheck to the reducer's Oracle: a violation's kind is read from its reason
// (Judgement::FromReason), a check that could not be made or was cancelled is an error. The
// check must outlive the oracle.
reduce::Oracle OracleOf(const explore::StateCheck& check, const std::atomic<bool>* stop);

// `violations`: of a state of `trace` under options.replay.generator, as CheckStates listed them.
ReducedViolations ReduceViolations(const trace::Trace& trace, const explore::StateCheck& check,
                                   const std::vector<explore::Violation>& violations,
                                   const ReductionOptions& options);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_VIOLATION_REDUCTION_H_
