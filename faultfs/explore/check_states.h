// CheckStates: the loop every explorer shares. It runs the crash-state generator over a trace,
// hands each unique state to a StateCheck (on the generating thread, or on `jobs` worker
// threads), and gathers the verdicts in generation order.
//
// The in-process explorer (explorer.h) checks a state with a C++ callable on a SimFileSystem;
// the `powercut` command (harness/) materialises it into a scratch directory and runs a program.
// Both are a StateCheck; everything else (parallelism, counting, which violations are listed,
// stopping early) is here, once.
//
// Stopping: a check that returns an error (it could not be made: a harness problem, not a
// verdict) stops the exploration; so does `CheckOptions::stop` becoming true (Ctrl-C). States
// not yet checked are then dropped, checks that were cancelled count for nothing, and the result
// covers exactly the states that got a verdict.
//
// Thread-safety: with jobs > 1 the StateCheck runs on several threads at once, each call with its
// own state and image; it must not share unsynchronised state across calls.
#ifndef POWERCUT_FAULTFS_EXPLORE_CHECK_STATES_H_
#define POWERCUT_FAULTFS_EXPLORE_CHECK_STATES_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/fs/status.h"
#include "faultfs/image/fs_image.h"

namespace powercut::explore {

// What checking one crash state found.
struct StateOutcome {
  enum class Kind : uint8_t {
    kConsistent,
    kViolation,
    kCancelled,  // stopped before a verdict (CheckOptions::stop): counts for nothing
    kError,      // the check could not be made; `error` says why. Stops the exploration.
  };
  Kind kind = Kind::kConsistent;
  std::string reason;             // kViolation: what broke, in the program's terms
  std::string details;            // kViolation, optional: more of the checker's words
  std::string recovery_state_id;  // kViolation found in a crashed recovery (a nested state)
  size_t recovery_checked = 0;    // checker runs on states of crashed recoveries
  Status error;                   // kError

  static StateOutcome Consistent() { return {}; }
  static StateOutcome Violation(std::string reason, std::string details = "") {
    StateOutcome outcome;
    outcome.kind = Kind::kViolation;
    outcome.reason = std::move(reason);
    outcome.details = std::move(details);
    return outcome;
  }
  static StateOutcome Cancelled() {
    StateOutcome outcome;
    outcome.kind = Kind::kCancelled;
    return outcome;
  }
  static StateOutcome Error(Status status) {
    StateOutcome outcome;
    outcome.kind = Kind::kError;
    outcome.error = std::move(status);
    return outcome;
  }
};

// Checks one crash state: its identity and deviations, its tree, and the output lines the
// workload printed before its crash point.
using StateCheck = std::function<StateOutcome(
    const crash::CrashState& state, const FsImage& image, const std::vector<std::string>& output)>;

struct Violation {
  std::string state_id;                 // materialise it with CrashStateGenerator::Materialize
  size_t crash_point = 0;
  std::vector<std::string> deviations;  // which pending events persisted, or tore
  int deviation_count = 0;
  std::string reason;                   // the checker's
  std::string recovery_state_id;        // set when recovery itself was crashed (nested state)
  std::string details;                  // more of the checker's words, when it gave any
};

struct CheckOptions {
  int jobs = 1;                        // checker threads; 1 checks on the calling thread
  size_t max_violations_listed = 100;  // all are counted; the first this many are kept
  // When it becomes true (from any thread, or a signal handler), no new state is checked.
  const std::atomic<bool>* stop = nullptr;
};

struct CheckResult {
  crash::GeneratorStats stats;  // crash points, states generated, unique, capped
  size_t checked = 0;           // states that got a verdict
  size_t recovery_checked = 0;  // checker runs on states of crashed recoveries
  size_t violating = 0;         // states (of either kind) the checker rejected
  std::vector<Violation> violations;  // in generation order, at most max_violations_listed
  bool stopped = false;  // CheckOptions::stop ended the exploration early
  // Not OK when a check could not be made: the exploration stopped there. Names the state.
  Status error;
};

// Generates every state `generator` gives and checks each with `check`.
CheckResult CheckStates(crash::CrashStateGenerator& generator, const StateCheck& check,
                        const CheckOptions& options);

// "#23 write 4096+104 persisted", "#21 write torn: pieces 0-1 of 3": what made `state`.
std::vector<std::string> DescribeDeviations(const crash::CrashStateGenerator& generator,
                                            const crash::CrashState& state);

}  // namespace powercut::explore

#endif  // POWERCUT_FAULTFS_EXPLORE_CHECK_STATES_H_
