#include "faultfs/reduce/reduce.h"

#include "faultfs/reduce/group.h"

namespace powercut::reduce {

Result<Reduction> Reduce(OracleSession& session, const crash::CrashState& violating,
                         const Judgement& judgement, const ReduceOptions& options) {
  session.SetBudget(options.max_oracle_calls);
  const size_t calls_before = session.calls();
  Reduction out;
  POWERCUT_ASSIGN_OR_RETURN(
      out.minimal,
      Minimize(session, violating, judgement, {.earliest_crash_point = options.earliest_crash_point}));
  POWERCUT_ASSIGN_OR_RETURN(out.cause,
                            FindCause(session, out.minimal, {.max_probes = options.max_probes}));
  const crash::CrashStateGenerator& generator = session.generator();
  out.explanation = Explain(generator, out.minimal, out.cause);
  out.replay = ReplayCommand(generator.options(), options.trace_path, out.minimal.state.id);
  out.group_key = GroupKey(generator, out.minimal, out.cause);
  out.oracle_calls = session.calls() - calls_before;
  out.budget_exhausted = session.exhausted();
  if (out.budget_exhausted) {
    out.explanation.details.push_back(
        "the oracle budget of " + std::to_string(options.max_oracle_calls) +
        (options.max_oracle_calls == 1 ? " call" : " calls") +
        " ran out: what was not judged is not claimed (" +
        (out.minimal.one_minimal ? "the state is 1-minimal" : "the state may not be minimal") +
        (out.minimal.deviations == 0 && !out.minimal.earliest_searched
             ? "; the earliest crash point was not found"
             : "") +
        ")");
  }
  return out;
}

}  // namespace powercut::reduce
