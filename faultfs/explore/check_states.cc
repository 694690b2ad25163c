#include "faultfs/explore/check_states.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace powercut::explore {
namespace {

using crash::CrashState;
using crash::CrashStateGenerator;

// The verdicts so far, from any thread. Violations are kept by generation index, so the listed
// ones are the first in generation order however the threads interleave.
class Tally {
 public:
  Tally(const CrashStateGenerator& generator, const CheckOptions& options)
      : generator_(generator), options_(options) {}

  void Add(size_t index, const CrashState& state, StateOutcome outcome) {
    std::optional<Violation> violation;
    // Describing the deviations walks the trace: only for violations that may be listed.
    if (outcome.kind == StateOutcome::Kind::kViolation && MayBeListed(index)) {
      violation = Violation{state.id, state.crash_point, DescribeDeviations(generator_, state),
                            state.deviations, std::move(outcome.reason),
                            std::move(outcome.recovery_state_id), std::move(outcome.details)};
    }
    std::lock_guard lock(mu_);
    switch (outcome.kind) {
      case StateOutcome::Kind::kCancelled:
        cut_short_ = true;
        return;
      case StateOutcome::Kind::kError:
        if (index < error_index_) {
          error_index_ = index;
          result_.error = outcome.error.WithContext("crash state " + state.id);
        }
        failed_.store(true);
        return;
      case StateOutcome::Kind::kViolation:
        ++result_.violating;
        if (!violation) break;
        listed_.emplace(index, std::move(*violation));
        if (listed_.size() > options_.max_violations_listed) listed_.erase(std::prev(listed_.end()));
        break;
      case StateOutcome::Kind::kConsistent:
        break;
    }
    ++result_.checked;
    result_.recovery_checked += outcome.recovery_checked;
  }

  // Whether a violation of state `index` would be among the first max_violations_listed.
  bool MayBeListed(size_t index) {
    std::lock_guard lock(mu_);
    return listed_.size() < options_.max_violations_listed ||
           (!listed_.empty() && index < std::prev(listed_.end())->first);
  }

  // True once the exploration must end early: a check failed, or the caller asked to stop.
  bool ShouldStop() const {
    return failed_.load() || (options_.stop != nullptr && options_.stop->load());
  }

  // The generator stopped early, or some state got no verdict.
  void CutShort() {
    std::lock_guard lock(mu_);
    cut_short_ = true;
  }

  CheckResult Take(const crash::GeneratorStats& stats) {
    std::lock_guard lock(mu_);
    result_.stats = stats;
    for (auto& [index, violation] : listed_) result_.violations.push_back(std::move(violation));
    result_.stopped = cut_short_ && result_.error.ok();
    return std::move(result_);
  }

 private:
  const CrashStateGenerator& generator_;
  const CheckOptions& options_;
  std::mutex mu_;
  CheckResult result_;
  std::map<size_t, Violation> listed_;
  size_t error_index_ = SIZE_MAX;
  bool cut_short_ = false;
  std::atomic<bool> failed_{false};
};

// Runs checks on `jobs` threads, fed through a short queue so generation never runs far ahead
// of checking (each queued state holds an image).
class ParallelChecks {
 public:
  ParallelChecks(const CrashStateGenerator& generator, const StateCheck& check, Tally& tally,
                 int jobs)
      : generator_(generator), check_(check), tally_(tally) {
    for (int i = 0; i < jobs; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~ParallelChecks() { Finish(); }
  ParallelChecks(const ParallelChecks&) = delete;
  ParallelChecks& operator=(const ParallelChecks&) = delete;

  void Submit(size_t index, CrashState state, FsImage image) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return queue_.size() < 2 * workers_.size(); });
    queue_.push_back({index, std::move(state), std::move(image)});
    ready_.notify_one();
  }

  // Waits until every submitted state was checked or dropped.
  void Finish() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
      ready_.notify_all();
    }
    for (std::thread& worker : workers_) {
      if (worker.joinable()) worker.join();
    }
  }

 private:
  struct Item {
    size_t index = 0;
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
      if (tally_.ShouldStop()) {
        tally_.CutShort();  // dropped unchecked
        continue;
      }
      StateOutcome outcome =
          check_(item.state, item.image, generator_.OutputBefore(item.state.crash_point));
      tally_.Add(item.index, item.state, std::move(outcome));
    }
  }

  const CrashStateGenerator& generator_;
  const StateCheck& check_;
  Tally& tally_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<Item> queue_;
  bool done_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

CheckResult CheckStates(CrashStateGenerator& generator, const StateCheck& check,
                        const CheckOptions& options) {
  Tally tally(generator, options);
  size_t index = 0;
  crash::GeneratorStats stats;
  if (options.jobs <= 1) {
    stats = generator.Run([&](const CrashState& state, const FsImage& image) {
      if (tally.ShouldStop()) {
        tally.CutShort();
        return false;
      }
      tally.Add(index++, state, check(state, image, generator.OutputBefore(state.crash_point)));
      return true;
    });
  } else {
    ParallelChecks parallel(generator, check, tally, options.jobs);
    stats = generator.Run([&](const CrashState& state, const FsImage& image) {
      if (tally.ShouldStop()) {
        tally.CutShort();
        return false;
      }
      parallel.Submit(index++, state, image);
      return true;
    });
    parallel.Finish();
  }
  return tally.Take(stats);
}

}  // namespace powercut::explore
