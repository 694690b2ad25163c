#include "legacy/seed_journal/tool/seed_workload.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "journal/tool/txn_content.h"
#include "legacy/seed_journal/tool/faulty_file_system.h"
#include "legacy/seed_journal/tool/journal_under_test.h"

namespace powercut::legacy::tool {
namespace {

using Clock = std::chrono::steady_clock;

class SeedWorkload {
 public:
  SeedWorkload(FileSystem& fs, const SeedWorkloadOptions& options, journal::tool::LineSink& out)
      : base_(fs),
        faulty_(fs),
        options_(options),
        out_(out),
        append_began_(std::make_unique<std::atomic<int64_t>[]>(options.threads)) {}

  Status Run();

 private:
  Status Open();
  Status AppendAll(uint32_t thread);
  Status AfterAck(uint64_t id);
  // Waits for the threads; reports (and releases) an append blocked past the timeout.
  void WatchForHangs();
  void Finish(const Status& status);
  // The flush_race schedule (legacy): hold the batch holding txn 1 until txn 2 is acknowledged.
  void HoldFirstBatch(const std::vector<uint64_t>& ids);
  bool WaitFor(const std::function<bool()>& ready);

  FileSystem& base_;
  FaultyFileSystem faulty_;
  const SeedWorkloadOptions& options_;
  journal::tool::LineSink& out_;
  std::unique_ptr<JournalUnderTest> journal_;
  std::unique_ptr<std::atomic<int64_t>[]> append_began_;  // per thread; 0: not in Append
  std::atomic<uint64_t> acked_count_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> hung_{false};  // an append was reported hung
  std::mutex checkpoint_mu_;

  std::mutex mu_;  // guards what follows
  std::condition_variable changed_;
  uint32_t finished_ = 0;
  Status error_;
  bool first_batch_drained_ = false;
  std::set<uint64_t> acked_;
};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

bool SeedWorkload::WaitFor(const std::function<bool()>& ready) {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, std::chrono::milliseconds(options_.hang_timeout_ms), ready);
}

void SeedWorkload::HoldFirstBatch(const std::vector<uint64_t>& ids) {
  const bool has_first = std::find(ids.begin(), ids.end(), 1) != ids.end();
  if (!has_first || std::find(ids.begin(), ids.end(), 2) != ids.end()) return;
  {
    std::lock_guard lock(mu_);
    first_batch_drained_ = true;
  }
  changed_.notify_all();
  // Half the hang timeout, so that the watchdog never mistakes this hold for a hang.
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, std::chrono::milliseconds(options_.hang_timeout_ms / 2),
                    [&] { return acked_.contains(2); });
}

Status SeedWorkload::Open() {
  DrainHook hook;
  if (options_.flush_race) hook = [this](const std::vector<uint64_t>& ids) { HoldFirstBatch(ids); };
  Result<std::unique_ptr<JournalUnderTest>> journal =
      OpenJournalUnderTest(faulty_, options_, std::move(hook));
  if (!journal.ok()) return journal.status().WithContext(options_.path + ": open journal");
  journal_ = std::move(journal).value();
  return Status::Ok();
}

Status SeedWorkload::AppendAll(uint32_t thread) {
  if (options_.flush_race && options_.design == Design::kLegacy && thread > 0) {
    WaitFor([&] { return first_batch_drained_; });  // txn 1 is thread 0's, in a held batch
  }
  const uint64_t count = journal::tool::TxnsForThread(options_.txns, options_.threads, thread);
  for (uint64_t seq = 0; seq < count && !stop_.load(); ++seq) {
    const journal::tool::TxnTag tag{thread, seq};
    append_began_[thread] = NowNs();
    const Result<uint64_t> id = journal_->Append(
        journal::tool::MakeTxnContent(options_.seed, tag, options_.ops_per_txn));
    append_began_[thread] = 0;
    if (!id.ok()) {
      stop_ = true;
      if (options_.fail_sync == 0 && !hung_) {
        return id.status().WithContext(options_.path + ": append " + journal::tool::TagPath(tag));
      }
      const std::lock_guard lock(mu_);
      if (hung_) return Status::Ok();  // released after the hang was reported
      return out_.WriteLine(std::string(kAppendFailedPrefix) + journal::tool::TagPath(tag) + ": " +
                            id.status().ToString());
    }
    POWERCUT_RETURN_IF_ERROR(out_.WriteLine("ack " + std::to_string(*id)));
    {
      std::lock_guard lock(mu_);
      acked_.insert(*id);
    }
    changed_.notify_all();
    POWERCUT_RETURN_IF_ERROR(AfterAck(*id));
    const uint64_t done = seq + 1;
    if (options_.reopen_every > 0 && done % options_.reopen_every == 0 && done < count) {
      const Status closed = journal_->Close();
      if (!closed.ok()) return closed.WithContext(options_.path + ": close before reopen");
      journal_.reset();
      POWERCUT_RETURN_IF_ERROR(Open());
    }
  }
  return Status::Ok();
}

Status SeedWorkload::AfterAck(uint64_t id) {
  const uint64_t acked = ++acked_count_;
  if (options_.process_crash_after > 0 && acked >= options_.process_crash_after) {
    stop_ = true;
    return Status::Ok();
  }
  if (options_.checkpoint_every == 0 || acked % options_.checkpoint_every != 0) {
    return Status::Ok();
  }
  std::lock_guard lock(checkpoint_mu_);
  const Status status = journal_->Checkpoint(id);
  if (!status.ok()) return status.WithContext(options_.path + ": checkpoint " + std::to_string(id));
  return out_.WriteLine("checkpoint " + std::to_string(id));
}

void SeedWorkload::Finish(const Status& status) {
  {
    std::lock_guard lock(mu_);
    if (error_.ok() && !status.ok()) error_ = status;
    ++finished_;
  }
  if (!status.ok()) stop_ = true;
  changed_.notify_all();
}

void SeedWorkload::WatchForHangs() {
  const int64_t timeout_ns = static_cast<int64_t>(options_.hang_timeout_ms) * 1'000'000;
  std::unique_lock lock(mu_);
  while (finished_ < options_.threads) {
    changed_.wait_for(lock, std::chrono::milliseconds(10));
    for (uint32_t t = 0; t < options_.threads && !hung_; ++t) {
      const int64_t began = append_began_[t].load();
      if (began == 0 || NowNs() - began < timeout_ns) continue;
      hung_ = true;
      stop_ = true;
      (void)out_.WriteLine(std::string(kHungPrefix) + "an append of thread " + std::to_string(t) +
                           " has been blocked for " + std::to_string(options_.hang_timeout_ms) +
                           " ms (after an error?), and would be forever");
      journal_->ReleaseBlockedAppends();
    }
  }
}

Status SeedWorkload::Run() {
  POWERCUT_RETURN_IF_ERROR(Open());
  if (options_.fail_sync > 0) faulty_.FailNthSync(options_.fail_sync);
  std::vector<std::thread> threads;
  threads.reserve(options_.threads);
  for (uint32_t t = 0; t < options_.threads; ++t) {
    threads.emplace_back([this, t] { Finish(AppendAll(t)); });
  }
  WatchForHangs();
  for (std::thread& thread : threads) thread.join();
  if (options_.process_crash_after > 0 && acked_count_.load() >= options_.process_crash_after) {
    // kill -9: whatever the journal still holds in memory never reaches the OS; its
    // destructor's writes fail. Then the OS, which survives, writes back what it was given.
    faulty_.Kill();
    journal_.reset();
    POWERCUT_RETURN_IF_ERROR(WriteBackJournal(base_, options_));
    return out_.WriteLine(kWrittenBackLine);
  }
  if (journal_ != nullptr) {
    const Status closed = journal_->Close();
    // After an injected fault the journal's error is expected to stick.
    std::lock_guard lock(mu_);
    if (!closed.ok() && options_.fail_sync == 0 && !hung_ && error_.ok()) {
      error_ = closed.WithContext(options_.path + ": close");
    }
  }
  std::lock_guard lock(mu_);
  return error_;
}

}  // namespace

Status RunSeedWorkload(FileSystem& fs, const SeedWorkloadOptions& options,
                       journal::tool::LineSink& out) {
  POWERCUT_RETURN_IF_ERROR(ValidateSeedWorkloadOptions(options));
  return SeedWorkload(fs, options, out).Run();
}

}  // namespace powercut::legacy::tool
