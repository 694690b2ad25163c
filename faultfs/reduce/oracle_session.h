// OracleSession: the reducer's only way to the oracle. It builds each state it is asked about
// with CrashStateGenerator::Materialize (so only states the model allows are ever judged), calls
// the oracle only within its budget, and once per distinct state: two states with the same tree
// and the same output lines get the first one's judgement without a call.
//
// One session may serve every violation of a trace: the states their reductions share (the
// drop-unsynced state of a crash point, the same minimal state reached from many violations)
// are then judged once. Set the budget per reduction with SetBudget().
//
// Not thread-safe: one reduction at a time per session.
#ifndef POWERCUT_FAULTFS_REDUCE_ORACLE_SESSION_H_
#define POWERCUT_FAULTFS_REDUCE_ORACLE_SESSION_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "faultfs/crash/generator.h"
#include "faultfs/reduce/oracle.h"

namespace powercut::reduce {

struct Judged {
  crash::CrashState state;
  Judgement judgement;
};

class OracleSession {
 public:
  // `generator` and `oracle` must outlive the session. `budget`: oracle calls allowed.
  OracleSession(const crash::CrashStateGenerator& generator, const Oracle& oracle,
                size_t budget);

  // Allows `calls` more oracle calls from now on (and clears exhausted()).
  void SetBudget(size_t calls);

  // The state `id` names, judged. nullopt when judging it would take a call past the budget.
  // An error when the oracle fails, or when `id` names no state the model allows (a bug in the
  // reducer: it only builds allowed states).
  Result<std::optional<Judged>> Judge(const std::string& id);

  // Records the judgement of a state judged elsewhere (the violation being reduced), so that
  // it and every state with the same tree and output are not judged again.
  void Remember(const crash::CrashState& state, const Judgement& judgement);

  const crash::CrashStateGenerator& generator() const { return generator_; }
  size_t calls() const { return calls_; }  // in the session's life
  // True once a state went unjudged for want of budget.
  bool exhausted() const { return exhausted_; }

 private:
  const crash::CrashStateGenerator& generator_;
  const Oracle& oracle_;
  size_t calls_ = 0;
  size_t limit_;  // calls_ may grow up to this
  bool exhausted_ = false;
  std::map<std::pair<uint64_t, size_t>, Judgement> seen_;  // (content hash, output lines)
};

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_ORACLE_SESSION_H_
