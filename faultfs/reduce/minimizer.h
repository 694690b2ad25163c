// Minimize: shrinks a violating crash state to the fewest deviations from "drop everything
// unsynced" that still violate (REDUCE.md).
//
// At the violating state's crash point, the drop-unsynced state (nothing pending persisted) is
// judged first; if it violates, that is the answer (one oracle call). Otherwise the persisted
// pending pieces are shrunk by delta debugging at three granularities: whole events, runs of
// torn events, and pieces at the ends of runs. Each removal takes with it whatever the model
// then forbids (PendingPieces::Without), and none may add a deviation (removing the middle of a
// run would split it in two). It ends when no persisted event, no run of a torn one and no
// piece at either end of a run can be removed without the violation going away: the result is
// 1-minimal. Every state tried is one the model allows.
//
// With zero deviations, the cause is not in what persisted but in when the program relied on
// what did not; the reducer then looks for the earliest crash point where the drop-unsynced
// state violates, by bisection over the points where that state changes (right after an output
// line or a barrier). The event just before it (the promise printed, or the barrier that made
// something durable too early) is what the explanation names.
//
// Deterministic: the same inputs (and a deterministic oracle) give the same result.
#ifndef POWERCUT_FAULTFS_REDUCE_MINIMIZER_H_
#define POWERCUT_FAULTFS_REDUCE_MINIMIZER_H_

#include <cstddef>
#include <optional>
#include <string>

#include "faultfs/crash/crash_state.h"
#include "faultfs/reduce/oracle.h"
#include "faultfs/reduce/oracle_session.h"

namespace powercut::reduce {

struct MinimalState {
  crash::CrashState state;  // replay it with state.id
  Judgement judgement;      // the oracle's on `state`
  int deviations = 0;       // from drop-unsynced (PendingPieces::Deviations)
  // Proven: every persisted event, every run of a torn one and every piece at the end of a run
  // was removed in turn, and none of those states violates. False when the budget ran out.
  bool one_minimal = false;
  size_t original_crash_point = 0;
  std::string original_id;
  // Zero deviations only: the event whose crash point first makes the drop-unsynced state
  // violate (an output line or a barrier); nullopt when it already violates at the trace's
  // first crash point, or when the search was not made or not finished.
  std::optional<size_t> breaking_event;
  bool earliest_searched = false;  // the search for breaking_event ran to its end
};

struct MinimizeOptions {
  // Zero deviations: move to the earliest crash point where drop-unsynced violates (bisection,
  // about log2 of the number of outputs and barriers before the crash point in oracle calls).
  bool earliest_crash_point = true;
};

// `violating` is a state of the session's generator that the oracle judged `judgement` (a
// violation). Oracle calls are the session's (its budget bounds them; when it runs out the best
// state found so far is returned, with one_minimal false).
Result<MinimalState> Minimize(OracleSession& session, const crash::CrashState& violating,
                              const Judgement& judgement, const MinimizeOptions& options = {});

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_MINIMIZER_H_
