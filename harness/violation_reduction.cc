#include "harness/violation_reduction.h"

#include <algorithm>
#include <map>

#include "faultfs/reduce/group.h"
#include "faultfs/reduce/reduce.h"
#include "harness/file_differences.h"

namespace powercut::harness {
namespace {

constexpr size_t kReasonsPerGroup = 20;

bool Stopped(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(); }

// One group as reports show it.
Result<reports::ViolationGroup> Describe(const trace::Trace& trace, const reduce::Group& group,
                                         const crash::CrashStateGenerator& generator,
                                         const ReplaySpec& replay) {
  const reduce::Reduction& r = group.representative;
  reports::ViolationGroup out;
  out.key = group.key;
  out.classification = std::string(reduce::ClassName(group.kind));
  out.summary = r.explanation.summary;
  out.explanation = r.explanation.details;
  out.fix_hint = r.explanation.fix_hint;
  out.checker_reason = r.minimal.judgement.reason;
  out.minimal_state_id = r.minimal.state.id;
  out.minimal_crash_point = r.minimal.state.crash_point;
  out.minimal_deviations = r.minimal.deviations;
  out.replay = ReplayArgv(replay, r.minimal.state.id);
  out.violations = group.count;
  out.crash_points = group.crash_points;
  out.reduction_incomplete = !r.minimal.one_minimal || r.budget_exhausted;
  POWERCUT_ASSIGN_OR_RETURN(const auto minimal, generator.Materialize(r.minimal.state.id));
  POWERCUT_ASSIGN_OR_RETURN(const FsImage expected,
                            ExpectedStateAt(trace, generator.options(), out.minimal_crash_point));
  out.differences = DiffImages(expected, minimal.second);
  return out;
}

}  // namespace

reduce::Oracle OracleOf(const explore::StateCheck& check, const std::atomic<bool>* stop) {
  return [&check, stop](const crash::CrashState& state, const FsImage& image,
                        const std::vector<std::string>& output) -> Result<reduce::Judgement> {
    if (Stopped(stop)) return Status::FailedPrecondition("interrupted");
    explore::StateOutcome outcome = check(state, image, output);
    switch (outcome.kind) {
      case explore::StateOutcome::Kind::kConsistent:
        return reduce::Judgement::Consistent();
      case explore::StateOutcome::Kind::kViolation:
        return reduce::Judgement::FromReason(std::move(outcome.reason));
      case explore::StateOutcome::Kind::kCancelled:
        return Status::FailedPrecondition("interrupted");
      case explore::StateOutcome::Kind::kError:
        return outcome.error.WithContext("reducing a violation, on state " + state.id);
    }
    return Status::FailedPrecondition("unknown state outcome");
  };
}

ReducedViolations ReduceViolations(const trace::Trace& trace, const explore::StateCheck& check,
                                   const std::vector<explore::Violation>& violations,
                                   const ReductionOptions& options) {
  ReducedViolations out;
  const crash::CrashStateGenerator generator(trace, options.replay.generator);
  const reduce::Oracle oracle = OracleOf(check, options.stop);
  reduce::OracleSession session(generator, oracle, 0);
  reduce::Grouper grouper;
  std::map<std::string, std::vector<std::string>> reasons;  // by group key
  for (const explore::Violation& v : violations) {
    if (Stopped(options.stop)) {
      out.stopped = true;
      break;
    }
    Result<std::pair<crash::CrashState, FsImage>> state = generator.Materialize(v.state_id);
    if (!state.ok()) {
      out.error = state.status().WithContext("reducing violation " + v.state_id);
      break;
    }
    Result<reduce::Reduction> reduction = reduce::Reduce(
        session, state->first, reduce::Judgement::FromReason(v.reason),
        {.max_oracle_calls = options.max_oracle_calls, .trace_path = options.replay.trace_path});
    if (!reduction.ok()) {
      out.stopped = Stopped(options.stop);
      if (!out.stopped) out.error = reduction.status();
      break;
    }
    std::vector<std::string>& group_reasons = reasons[reduction->group_key];
    if (group_reasons.size() < kReasonsPerGroup &&
        std::find(group_reasons.begin(), group_reasons.end(), v.reason) == group_reasons.end()) {
      group_reasons.push_back(v.reason);
    }
    grouper.Add(std::move(reduction).value());
    ++out.reduced;
  }
  out.oracle_calls = session.calls();
  for (const reduce::Group& group : grouper.Groups()) {
    Result<reports::ViolationGroup> described = Describe(trace, group, generator, options.replay);
    if (!described.ok()) {
      out.error = described.status().WithContext("describing a violation group");
      break;
    }
    out.groups.push_back(std::move(described).value());
    out.reasons.push_back(reasons[group.key]);
  }
  return out;
}

}  // namespace powercut::harness
