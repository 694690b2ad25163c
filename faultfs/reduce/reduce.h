// Reduce: one violation made into a minimal reproducer with its explanation, classification,
// fix hint, replay command and group key (REDUCE.md).
//
//   powercut::reduce::OracleSession session(generator, oracle, /*budget=*/0);  // per trace
//   for (each violating state and its judgement) {
//     auto reduction = powercut::reduce::Reduce(session, state, judgement, {});
//     if (!reduction.ok()) ...;              // the oracle failed: a harness error
//     grouper.Add(*std::move(reduction));
//   }
//   for (const auto& group : grouper.Groups()) ...  // one per minimal cause
//
// A session shared by the violations of one trace judges each distinct state once, so the many
// violations one bug produces cost little after the first.
#ifndef POWERCUT_FAULTFS_REDUCE_REDUCE_H_
#define POWERCUT_FAULTFS_REDUCE_REDUCE_H_

#include <cstddef>
#include <string>

#include "faultfs/reduce/cause.h"
#include "faultfs/reduce/explain.h"
#include "faultfs/reduce/minimizer.h"
#include "faultfs/reduce/oracle_session.h"

namespace powercut::reduce {

struct ReduceOptions {
  size_t max_oracle_calls = 200;      // per violation: minimising, the earliest point, probes
  bool earliest_crash_point = true;   // MinimizeOptions
  size_t max_probes = 8;              // CauseOptions
  std::string trace_path = "TRACE";   // as the replay command names it
};

struct Reduction {
  MinimalState minimal;
  Cause cause;
  Explanation explanation;
  std::string replay;     // the command that materialises minimal.state again
  std::string group_key;  // GroupKey(): equal for violations with the same minimal cause
  size_t oracle_calls = 0;        // spent on this violation
  bool budget_exhausted = false;  // some question went unasked (the text says which)
};

// `violating` is a state of the session's generator that the oracle judged `judgement`.
Result<Reduction> Reduce(OracleSession& session, const crash::CrashState& violating,
                         const Judgement& judgement, const ReduceOptions& options = {});

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_REDUCE_H_
