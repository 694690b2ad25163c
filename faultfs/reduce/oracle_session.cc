#include "faultfs/reduce/oracle_session.h"

namespace powercut::reduce {

OracleSession::OracleSession(const crash::CrashStateGenerator& generator, const Oracle& oracle,
                             size_t budget)
    : generator_(generator), oracle_(oracle), limit_(budget) {}

void OracleSession::SetBudget(size_t calls) {
  limit_ = calls_ + calls;
  exhausted_ = false;
}

void OracleSession::Remember(const crash::CrashState& state, const Judgement& judgement) {
  seen_.emplace(std::make_pair(state.content_hash, state.output_lines), judgement);
}

Result<std::optional<Judged>> OracleSession::Judge(const std::string& id) {
  auto built = generator_.Materialize(id);
  if (!built.ok()) {
    return Status::FailedPrecondition("reduce: built a state the model does not allow: " +
                                      built.status().message());
  }
  auto& [state, image] = *built;
  const std::pair<uint64_t, size_t> key(state.content_hash, state.output_lines);
  if (const auto seen = seen_.find(key); seen != seen_.end()) {
    return std::optional<Judged>(Judged{std::move(state), seen->second});
  }
  if (calls_ >= limit_) {
    exhausted_ = true;
    return std::optional<Judged>();
  }
  ++calls_;
  POWERCUT_ASSIGN_OR_RETURN(Judgement judgement,
                            oracle_(state, image, generator_.OutputBefore(state.crash_point)));
  seen_.emplace(key, judgement);
  return std::optional<Judged>(Judged{std::move(state), std::move(judgement)});
}

}  // namespace powercut::reduce
