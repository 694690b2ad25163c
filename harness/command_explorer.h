// ExploreWithCommand: explores a recorded trace with a checker that is a program. Each unique
// crash state is materialised into its own scratch directory, the checker runs there (checker.h:
// the protocol) and the directory is removed; the generation and parallel-check loop is the one
// the in-process explorer uses (faultfs/explore/check_states.h).
//
// A checker that cannot run (exit 125, 126, 127, ...) or a scratch directory that fills up is a
// harness error: the exploration stops at once (running checkers killed) and the result says so,
// with everything that got a verdict before. So is a stop request (Ctrl-C).
#ifndef POWERCUT_HARNESS_COMMAND_EXPLORER_H_
#define POWERCUT_HARNESS_COMMAND_EXPLORER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/explore/check_states.h"
#include "faultfs/fs/result.h"
#include "faultfs/trace/event.h"
#include "harness/checker.h"
#include "harness/violation_reduction.h"

namespace powercut::harness {

struct CommandExploreOptions {
  crash::GeneratorOptions generator;
  CheckerSpec checker;
  std::vector<std::string> extra_env;  // "NAME=value", added to the checker's environment
  int jobs = 1;
  size_t max_violations_listed = 100;
  // Violations reduced to minimal reproducers and grouped (state_exploration.h); 0: none.
  size_t max_reduced = 0;
  std::string trace_path;  // as the replay commands of the groups name the trace
  std::string scratch;  // --scratch: where to make the scratch directory; "" chooses one
  // Stop requests: `stop` is polled between states, `cancel_fd` (readable) kills running
  // checkers. Either may be absent.
  const std::atomic<bool>* stop = nullptr;
  int cancel_fd = -1;
  // Called on a harness error, to make cancel_fd readable so that the other running checkers
  // are killed too.
  std::function<void()> cancel;
};

struct CommandExploreResult : explore::CheckResult {
  std::string scratch_root;  // removed by the time this is returned
  std::chrono::duration<double> elapsed{0};  // generating and checking
  ReducedViolations reduction;               // max_reduced > 0
  size_t not_reduced = 0;
  std::chrono::duration<double> reducing{0};
};

// The StateCheck of a checker program: each state materialised into its own directory of a
// scratch directory this object owns (removed with it), the checker run there, the directory
// removed. Thread-safe: one call per state, from any number of threads at once. `options` must
// outlive it (its generator is not used).
class CommandStateCheck {
 public:
  // Chooses and creates the scratch directory, sized for options.jobs states of `trace`.
  static Result<std::unique_ptr<CommandStateCheck>> Create(const trace::Trace& trace,
                                                           const CommandExploreOptions& options);
  ~CommandStateCheck();
  CommandStateCheck(const CommandStateCheck&) = delete;
  CommandStateCheck& operator=(const CommandStateCheck&) = delete;

  explore::StateOutcome Check(const crash::CrashState& state, const FsImage& image,
                              const std::vector<std::string>& output) const;
  // As a StateCheck (refers to this object).
  explore::StateCheck AsStateCheck() const;
  const std::string& scratch_root() const;

 private:
  class Impl;
  explicit CommandStateCheck(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Bytes of scratch space one crash state of `trace` may need at most: for each file, the largest
// size the trace gives it (a state holds at most that of each).
uint64_t MaxStateBytes(const trace::Trace& trace);

// Errors only when exploring could not begin (no scratch directory); everything after that is in
// the result (CheckResult::error, CheckResult::stopped).
Result<CommandExploreResult> ExploreWithCommand(const trace::Trace& trace,
                                                const CommandExploreOptions& options);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_COMMAND_EXPLORER_H_
