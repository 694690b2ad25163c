#include "journal/tool/workload.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "journal/tool/txn_content.h"

namespace powercut::journal::tool {
namespace {

// Generated transactions stay far below the journal's 1 MiB record limit up to this many ops.
constexpr uint32_t kMaxOpsPerTxn = 4096;

class Workload {
 public:
  Workload(FileSystem& fs, const WorkloadOptions& options, LineSink& out)
      : fs_(fs), options_(options), out_(out) {}

  Status Run();

 private:
  Status OpenJournal();
  // Appends thread `thread`'s share; returns at its first error or once another thread failed.
  Status AppendAll(uint32_t thread);
  Status AfterAck(uint64_t id);
  void RecordError(const Status& status);

  FileSystem& fs_;
  const WorkloadOptions& options_;
  LineSink& out_;
  // Replaced only by a reopen, which ValidateWorkloadOptions allows with a single thread.
  std::unique_ptr<Journal> journal_;
  std::atomic<uint64_t> acked_{0};
  std::mutex checkpoint_mu_;
  std::atomic<bool> stop_{false};
  std::mutex error_mu_;
  Status error_;  // the first error of any thread
};

Status Workload::OpenJournal() {
  Result<std::unique_ptr<Journal>> journal = Journal::Open(
      fs_, options_.dir, MakeJournalOptions(options_.durability, options_.max_segment_bytes));
  if (!journal.ok()) return journal.status().WithContext(options_.dir + ": open journal");
  journal_ = std::move(journal).value();
  return Status::Ok();
}

Status Workload::AppendAll(uint32_t thread) {
  const uint64_t count = TxnsForThread(options_.txns, options_.threads, thread);
  for (uint64_t seq = 0; seq < count && !stop_.load(); ++seq) {
    const TxnTag tag{thread, seq};
    const Result<uint64_t> id =
        journal_->Append(MakeTxnContent(options_.seed, tag, options_.ops_per_txn));
    if (!id.ok()) return id.status().WithContext(options_.dir + ": append " + TagPath(tag));
    POWERCUT_RETURN_IF_ERROR(out_.WriteLine("ack " + std::to_string(*id)));
    POWERCUT_RETURN_IF_ERROR(AfterAck(*id));
    const uint64_t done = seq + 1;
    if (options_.reopen_every > 0 && done % options_.reopen_every == 0 && done < count) {
      const Status closed = journal_->Close();
      if (!closed.ok()) return closed.WithContext(options_.dir + ": close before reopen");
      journal_.reset();
      POWERCUT_RETURN_IF_ERROR(OpenJournal());
    }
  }
  return Status::Ok();
}

// Acknowledgements come back in id order, so when `id` is acknowledged every lower id has been
// written: checkpointing it is always allowed, even if another thread's lower id is still
// printing its ack.
Status Workload::AfterAck(uint64_t id) {
  if (options_.checkpoint_every == 0) return Status::Ok();
  if (++acked_ % options_.checkpoint_every != 0) return Status::Ok();
  std::lock_guard lock(checkpoint_mu_);
  const Status status = journal_->Checkpoint(id);
  if (!status.ok()) return status.WithContext(options_.dir + ": checkpoint " + std::to_string(id));
  return out_.WriteLine("checkpoint " + std::to_string(id));
}

void Workload::RecordError(const Status& status) {
  if (status.ok()) return;
  std::lock_guard lock(error_mu_);
  if (error_.ok()) error_ = status;
  stop_ = true;
}

Status Workload::Run() {
  POWERCUT_RETURN_IF_ERROR(OpenJournal());
  if (journal_->last_txn() > 0) {
    // A second run would restart every thread at seq 0, which the checker rightly reports as
    // duplicates: refuse up front instead.
    const Status closed = journal_->Close();
    return Status::FailedPrecondition(
        options_.dir + ": already holds txns up to " + std::to_string(journal_->last_txn()) +
        "; the workload needs a new journal (its checker expects the content of one run)" +
        (closed.ok() ? "" : "; close: " + closed.ToString()));
  }
  if (options_.threads == 1) {
    RecordError(AppendAll(0));
  } else {
    std::vector<std::thread> threads;
    threads.reserve(options_.threads);
    for (uint32_t t = 0; t < options_.threads; ++t) {
      threads.emplace_back([this, t] { RecordError(AppendAll(t)); });
    }
    for (std::thread& thread : threads) thread.join();
  }
  // Close even after an error, so the files are released; the first error is what counts.
  // (journal_ is null only when a reopen failed.)
  if (journal_ != nullptr) RecordError(journal_->Close().WithContext(options_.dir + ": close"));
  return error_;
}

}  // namespace

Status ValidateWorkloadOptions(const WorkloadOptions& options) {
  if (options.dir.empty()) return Status::InvalidArgument("the journal directory is empty");
  if (options.txns < 1) return Status::InvalidArgument("--txns must be at least 1");
  if (options.threads < 1 || options.threads > kMaxWorkloadThreads) {
    return Status::InvalidArgument("--threads must be between 1 and " +
                                   std::to_string(kMaxWorkloadThreads));
  }
  if (options.ops_per_txn < 1 || options.ops_per_txn > kMaxOpsPerTxn) {
    return Status::InvalidArgument("--ops-per-txn must be between 1 and " +
                                   std::to_string(kMaxOpsPerTxn));
  }
  if (options.max_segment_bytes != 0 && options.max_segment_bytes < kMinSegmentBytes) {
    return Status::InvalidArgument("--max-segment-bytes must be at least " +
                                   std::to_string(kMinSegmentBytes));
  }
  if (options.reopen_every > 0 && options.threads != 1) {
    return Status::InvalidArgument(
        "--reopen-every requires --threads 1 (closing the journal must not race with appends)");
  }
  return Status::Ok();
}

uint64_t TxnsForThread(uint64_t txns, uint32_t threads, uint32_t thread) {
  return txns / threads + (thread < txns % threads ? 1 : 0);
}

JournalOptions MakeJournalOptions(Durability durability, uint64_t max_segment_bytes) {
  JournalOptions options;
  options.durability = durability;
  if (max_segment_bytes > 0) options.max_segment_bytes = max_segment_bytes;
  return options;
}

Status RunWorkload(FileSystem& fs, const WorkloadOptions& options, LineSink& out) {
  POWERCUT_RETURN_IF_ERROR(ValidateWorkloadOptions(options));
  return Workload(fs, options, out).Run();
}

}  // namespace powercut::journal::tool
