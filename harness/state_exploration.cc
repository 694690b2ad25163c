#include "harness/state_exploration.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace powercut::harness {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProgressInterval = std::chrono::milliseconds(200);

// Counts the verdicts per crash point and reports progress; shared by the checking threads.
class Counter {
 public:
  explicit Counter(const StateExplorationOptions& options) : options_(options) {}

  void Count(const crash::CrashState& state, const explore::StateOutcome& outcome) {
    const bool violation = outcome.kind == explore::StateOutcome::Kind::kViolation;
    if (!violation && outcome.kind != explore::StateOutcome::Kind::kConsistent) return;
    std::lock_guard lock(mu_);
    reports::CrashPointSummary& point = points_[state.crash_point];
    point.index = state.crash_point;
    ++point.checked;
    ++checked_;
    if (violation) {
      ++point.violating;
      ++violating_;
    }
    const auto now = Clock::now();
    if (options_.progress && (checked_ == 1 || now - last_ >= kProgressInterval)) {
      last_ = now;
      options_.progress(checked_, violating_);
    }
  }

  // Reports the final counts, which the interval may have kept from the last report.
  void ReportFinal() {
    std::lock_guard lock(mu_);
    if (options_.progress && checked_ > 0) options_.progress(checked_, violating_);
  }

  std::vector<reports::CrashPointSummary> Points() {
    std::lock_guard lock(mu_);
    std::vector<reports::CrashPointSummary> out;
    for (const auto& [index, point] : points_) out.push_back(point);
    return out;
  }

 private:
  const StateExplorationOptions& options_;
  std::mutex mu_;
  std::map<size_t, reports::CrashPointSummary> points_;
  size_t checked_ = 0;
  size_t violating_ = 0;
  Clock::time_point last_;
};

}  // namespace

StateExploration ExploreStates(const trace::Trace& trace, const explore::StateCheck& check,
                               const StateExplorationOptions& options) {
  StateExploration out;
  Counter counter(options);
  // CheckStates counts every state it hands out as checked; another shard's states are passed
  // back as consistent without a check, and taken off its count below.
  std::atomic<size_t> other_shards{0};
  const explore::StateCheck counted = [&](const crash::CrashState& state, const FsImage& image,
                                          const std::vector<std::string>& output) {
    if (!options.shard.Owns(state)) {
      other_shards.fetch_add(1, std::memory_order_relaxed);
      return explore::StateOutcome::Consistent();
    }
    explore::StateOutcome outcome = check(state, image, output);
    counter.Count(state, outcome);
    return outcome;
  };
  const auto start = Clock::now();
  crash::CrashStateGenerator generator(trace, options.reduction.replay.generator);
  out.check = explore::CheckStates(
      generator, counted,
      {.jobs = options.jobs,
       .max_violations_listed = std::max(options.max_violations_listed, options.max_reduced),
       .stop = options.stop});
  out.check.checked -= other_shards.load();
  counter.ReportFinal();
  out.crash_points = counter.Points();
  const auto checked = Clock::now();
  out.checking = checked - start;

  std::vector<explore::Violation>& violations = out.check.violations;
  const bool reduce = options.max_reduced > 0 && out.check.error.ok() && !out.check.stopped;
  if (reduce && !violations.empty()) {
    if (options.reducing) options.reducing();
    const std::vector<explore::Violation> first(
        violations.begin(), violations.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                     violations.size(), options.max_reduced)));
    out.reduction = ReduceViolations(trace, check, first, options.reduction);
  }
  out.not_reduced = out.check.violating - out.reduction.reduced;
  if (violations.size() > options.max_violations_listed) {
    violations.resize(options.max_violations_listed);
  }
  out.reducing = Clock::now() - checked;
  return out;
}

}  // namespace powercut::harness
