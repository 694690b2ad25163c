#include "faultfs/explore/explorer.h"

#include <exception>

namespace powercut::explore {
namespace {

using crash::CrashState;
using crash::CrashStateGenerator;

Verdict RunChecker(const Checker& checker, FileSystem& fs, const std::vector<std::string>& output) {
  try {
    return checker(fs, output);
  } catch (const std::exception& e) {
    return Verdict::Violation(std::string("recovery threw an exception: ") + e.what());
  } catch (...) {
    return Verdict::Violation("recovery threw an exception");
  }
}

// The in-process StateCheck: the checker on a private SimFileSystem holding the state, and with
// crash_recovery, again on every state its own run can be crashed into (nested once).
class InProcessCheck {
 public:
  InProcessCheck(const Checker& checker, const ExploreOptions& options)
      : checker_(checker), options_(options) {}

  StateOutcome operator()(const CrashState& /*state*/, const FsImage& image,
                          const std::vector<std::string>& output) const {
    // Recording the checker costs a copy of the state into the trace: only when it is crashed.
    SimFileSystem fs(image, options_.crash_recovery ? SimFileSystem::Recording::kOn
                                                    : SimFileSystem::Recording::kOff);
    const Verdict verdict = RunChecker(checker_, fs, output);
    if (!verdict.consistent) return StateOutcome::Violation(verdict.reason);
    if (!options_.crash_recovery) return StateOutcome::Consistent();
    return CrashRecovery(fs.TakeTrace(), output);
  }

 private:
  // Crashes the recovery that just ran at each of its crash points, and recovers again.
  StateOutcome CrashRecovery(const trace::Trace& recovery,
                             const std::vector<std::string>& output) const {
    StateOutcome outcome = StateOutcome::Consistent();
    CrashStateGenerator generator(recovery, options_.generator);
    generator.Run([&](const CrashState& inner, const FsImage& image) {
      if (inner.crash_point == recovery.first_crash_point) return true;  // the state itself
      SimFileSystem fs(image, SimFileSystem::Recording::kOff);
      const Verdict verdict = RunChecker(checker_, fs, output);
      ++outcome.recovery_checked;
      if (verdict.consistent) return true;
      const size_t runs = outcome.recovery_checked;
      outcome = StateOutcome::Violation("after recovery crashed at " + inner.id + ": " +
                                        verdict.reason);
      outcome.recovery_state_id = inner.id;
      outcome.recovery_checked = runs;
      return false;  // one nested violation per state is enough to report it
    });
    return outcome;
  }

  const Checker& checker_;
  const ExploreOptions& options_;
};

}  // namespace

StateCheck InProcessStateCheck(const Checker& checker, const ExploreOptions& options) {
  return InProcessCheck(checker, options);
}

ExploreResult ExploreTrace(trace::Trace trace, const Checker& checker,
                           const ExploreOptions& options) {
  ExploreResult result;
  result.trace = std::move(trace);
  CrashStateGenerator generator(result.trace, options.generator);
  const CheckOptions check_options{.jobs = options.jobs,
                                   .max_violations_listed = options.max_violations_listed};
  static_cast<CheckResult&>(result) =
      CheckStates(generator, InProcessStateCheck(checker, options), check_options);
  return result;
}

ExploreResult Explore(const Workload& workload, const Checker& checker,
                      const ExploreOptions& options, FsImage initial) {
  SimFileSystem fs(std::move(initial));
  Status status;
  try {
    status = workload(fs, fs.output());
  } catch (const std::exception& e) {
    status = Status::FailedPrecondition(std::string("workload threw: ") + e.what());
  }
  ExploreResult result = ExploreTrace(fs.TakeTrace(), checker, options);
  result.workload_status = status;
  return result;
}

}  // namespace powercut::explore
