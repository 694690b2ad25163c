#include "faultfs/explore/explorer.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "faultfs/trace/path_tracker.h"
#include "faultfs/trace/trace_printer.h"

namespace powercut::explore {
namespace {

using crash::CrashState;
using crash::CrashStateGenerator;

// What checking one workload state found: counts, and violations in a fixed order.
struct Outcome {
  size_t checked = 0;
  size_t recovery_checked = 0;
  size_t violating = 0;
  std::vector<Violation> violations;
};

Verdict RunChecker(const Checker& checker, FileSystem& fs, const std::vector<std::string>& output) {
  try {
    return checker(fs, output);
  } catch (const std::exception& e) {
    return Verdict::Violation(std::string("recovery threw an exception: ") + e.what());
  } catch (...) {
    return Verdict::Violation("recovery threw an exception");
  }
}

class StateChecker {
 public:
  StateChecker(const Checker& checker, const ExploreOptions& options,
               const CrashStateGenerator& generator)
      : checker_(checker), options_(options), generator_(generator) {}

  Outcome Check(const CrashState& state, const FsImage& image) const {
    Outcome outcome;
    const std::vector<std::string> output = generator_.OutputBefore(state.crash_point);
    // Recording the checker costs a copy of the state into the trace: only when it is crashed.
    SimFileSystem fs(image, options_.crash_recovery ? SimFileSystem::Recording::kOn
                                                    : SimFileSystem::Recording::kOff);
    const Verdict verdict = RunChecker(checker_, fs, output);
    outcome.checked = 1;
    if (!verdict.consistent) {
      outcome.violating = 1;
      outcome.violations.push_back(MakeViolation(state, verdict.reason, ""));
      return outcome;
    }
    if (options_.crash_recovery) CrashRecovery(state, fs.TakeTrace(), output, outcome);
    return outcome;
  }

 private:
  // Crashes the recovery that just ran at each of its crash points, and recovers again.
  void CrashRecovery(const CrashState& state, const trace::Trace& recovery,
                     const std::vector<std::string>& output, Outcome& outcome) const {
    crash::GeneratorOptions nested = options_.generator;
    CrashStateGenerator generator(recovery, nested);
    generator.Run([&](const CrashState& inner, const FsImage& image) {
      if (inner.crash_point == recovery.first_crash_point) return true;  // the state itself
      SimFileSystem fs(image, SimFileSystem::Recording::kOff);
      const Verdict verdict = RunChecker(checker_, fs, output);
      ++outcome.recovery_checked;
      if (!verdict.consistent) {
        ++outcome.violating;
        outcome.violations.push_back(MakeViolation(
            state, "after recovery crashed at " + inner.id + ": " + verdict.reason, inner.id));
        return false;  // one nested violation per state is enough to report it
      }
      return true;
    });
  }

  Violation MakeViolation(const CrashState& state, const std::string& reason,
                          const std::string& recovery_id) const {
    return Violation{state.id, state.crash_point, DescribeDeviations(generator_, state),
                     state.deviations, reason, recovery_id};
  }

  const Checker& checker_;
  const ExploreOptions& options_;
  const CrashStateGenerator& generator_;
};

// Runs StateChecker::Check on `jobs` threads; results are merged in generation order.
class ParallelChecks {
 public:
  ParallelChecks(const StateChecker& checker, int jobs) : checker_(checker) {
    for (int i = 0; i < jobs; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~ParallelChecks() { Finish(); }

  void Submit(size_t index, CrashState state, FsImage image) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return queue_.size() < 4 * workers_.size(); });
    queue_.push_back({index, std::move(state), std::move(image)});
    ready_.notify_one();
  }

  // Waits for every submitted check; returns the outcomes by submission index.
  std::map<size_t, Outcome> Finish() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
      ready_.notify_all();
    }
    for (std::thread& worker : workers_) {
      if (worker.joinable()) worker.join();
    }
    return std::move(outcomes_);
  }

 private:
  struct Item {
    size_t index;
    CrashState state;
    FsImage image;
  };

  void Work() {
    while (true) {
      Item item;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        item = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
      }
      Outcome outcome = checker_.Check(item.state, item.image);
      std::lock_guard lock(mu_);
      outcomes_.emplace(item.index, std::move(outcome));
    }
  }

  const StateChecker& checker_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<Item> queue_;
  bool done_ = false;
  std::map<size_t, Outcome> outcomes_;
  std::vector<std::thread> workers_;
};

void Merge(Outcome outcome, const ExploreOptions& options, ExploreResult& result) {
  result.checked += outcome.checked;
  result.recovery_checked += outcome.recovery_checked;
  result.violating += outcome.violating;
  for (Violation& v : outcome.violations) {
    if (result.violations.size() < options.max_violations_listed) {
      result.violations.push_back(std::move(v));
    }
  }
}

}  // namespace

std::vector<std::string> DescribeDeviations(const CrashStateGenerator& generator,
                                            const CrashState& state) {
  const trace::Trace& trace = generator.timeline().trace();
  trace::PathTracker names;  // the names just before event `named`
  size_t named = 0;
  auto describe = [&](size_t e) {
    while (named < e) names.Apply(trace.events[named++]);
    return "#" + std::to_string(e) + " " +
           trace::FormatEvent(trace.events[e], names, {.data_bytes = 0});
  };
  constexpr size_t kLostShown = 3;
  std::vector<std::string> lines;
  std::vector<std::string> lost;  // pending events before the next persisted one that were lost
  size_t next = 0;
  for (const size_t e : state.pending) {
    const bool kept = next < state.persisted.size() && state.persisted[next].event == e;
    if (!kept) {
      lost.push_back(describe(e));
      continue;
    }
    const crash::Persisted& p = state.persisted[next++];
    std::string line = describe(e);
    if (p.whole) {
      line += " persisted";
    } else {
      line += " torn: pieces " + crash::FormatRuns(p.runs) + " of " +
              std::to_string(generator.timeline().at(e).pieces.size()) + " persisted";
    }
    if (!lost.empty()) {
      line += " while ";
      for (size_t i = 0; i < lost.size() && i < kLostShown; ++i) {
        line += (i > 0 ? ", " : "") + lost[i];
      }
      if (lost.size() > kLostShown) line += " and " + std::to_string(lost.size() - kLostShown) + " more";
      line += " did not";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

ExploreResult ExploreTrace(trace::Trace trace, const Checker& checker,
                           const ExploreOptions& options) {
  ExploreResult result;
  result.trace = std::move(trace);
  CrashStateGenerator generator(result.trace, options.generator);
  const StateChecker state_checker(checker, options, generator);
  if (options.jobs <= 1) {
    result.stats = generator.Run(
        [&](const CrashState& state, const FsImage& image) {
          Merge(state_checker.Check(state, image), options, result);
          return true;
        });
    return result;
  }
  ParallelChecks parallel(state_checker, options.jobs);
  size_t index = 0;
  result.stats = generator.Run(
      [&](const CrashState& state, const FsImage& image) {
        parallel.Submit(index++, state, image);
        return true;
      });
  for (auto& [i, outcome] : parallel.Finish()) Merge(std::move(outcome), options, result);
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
