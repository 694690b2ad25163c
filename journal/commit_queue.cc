#include "journal/commit_queue.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <new>

#include "faultfs/fs/result.h"

namespace powercut::journal {

CommitQueue::CommitQueue(Options options, WriteFn write, uint64_t next_txn)
    : options_(options), write_(std::move(write)), next_txn_(next_txn) {}

Status CommitQueue::Commit(Entry& entry, const std::string& name) {
  std::unique_lock lock(mu_);
  POWERCUT_RETURN_IF_ERROR(UsableLocked(name));
  entry.txn_id = next_txn_++;
  queue_.push_back(&entry);
  if (queue_.size() == 1) leader_ = &entry;
  if (straggler_target_ != 0 && queue_.size() >= straggler_target_) {
    queue_.front()->stragglers.notify_one();
  }
  if (leader_ != &entry) {
    lock.unlock();
    WaitForTurn(entry);
    if (entry.done.load(std::memory_order_acquire)) return entry.status;
    lock.lock();
  }

  // This thread leads: it writes (and syncs) a batch from the front of the queue.
  AwaitStragglers(lock, entry);
  const std::vector<Entry*> batch = TakeBatch();
  lock.unlock();
  Status status;
  // The queue must be settled whatever happens, or followers and Close would wait forever: an
  // allocation failure becomes the batch's (sticky) error.
  try {
    status = write_(batch);
  } catch (const std::bad_alloc&) {
    status = Status::IoError(name + ": building a group commit", ENOMEM);
  }
  lock.lock();
  Complete(batch, status);
  lock.unlock();
  generation_.fetch_add(1, std::memory_order_release);
  generation_.notify_all();
  return status;
}

// Sleeps until the entry is done or leads. The generation is read before the conditions, so a
// change between the check and the wait makes the wait return at once.
void CommitQueue::WaitForTurn(Entry& entry) {
  while (true) {
    const uint64_t seen = generation_.load(std::memory_order_acquire);
    if (entry.done.load(std::memory_order_acquire) || leader_.load() == &entry) return;
    generation_.wait(seen, std::memory_order_acquire);
  }
}

// With many appenders on few cores, the ones a batch just acknowledged have often not been
// scheduled yet when the next leader looks at the queue: it would sync alone, and the rest would
// queue behind that sync. So a leader that finds fewer appenders queued than the last batch held
// waits for them, at most half of an average sync and only while they keep coming. A lone
// appender (last batch of one) never waits: it pays exactly what Immediate pays.
void CommitQueue::AwaitStragglers(std::unique_lock<std::mutex>& lock, Entry& leader) {
  if (!options_.await_stragglers) return;
  const size_t target = last_batch_size_;
  if (target <= 1 || queue_.size() >= target) return;
  constexpr uint64_t kMaxWaitNs = 1'000'000;
  const auto wait = std::chrono::nanoseconds(std::min(sync_ns_average_.load() / 2, kMaxWaitNs));
  straggler_target_ = target;
  leader.stragglers.wait_for(lock, wait, [&] { return queue_.size() >= target || closed_; });
  straggler_target_ = 0;
}

std::vector<CommitQueue::Entry*> CommitQueue::TakeBatch() const {
  std::vector<Entry*> batch;
  size_t bytes = 0;
  for (Entry* entry : queue_) {
    if (!batch.empty() && bytes + entry->record.size() > options_.max_batch_bytes) break;
    batch.push_back(entry);
    bytes += entry->record.size();
  }
  return batch;
}

// Completes `batch` (the front of the queue) with `status`, and everything queued behind it too
// if the queue has failed. Names the next leader. REQUIRES: mu_ held.
void CommitQueue::Complete(const std::vector<Entry*>& batch, const Status& status) {
  if (!status.ok() && failed_.ok()) failed_ = status;
  for (size_t i = 0; i < batch.size(); ++i) queue_.pop_front();
  last_batch_size_ = batch.size();
  if (!failed_.ok()) {
    // Nothing queued behind a failure may be acknowledged.
    for (Entry* entry : queue_) {
      entry->status = failed_;
      entry->done.store(true, std::memory_order_release);
    }
    queue_.clear();
  }
  // The next leader is named before the followers are released, so its write and sync can
  // start while they are still waking.
  leader_ = queue_.empty() ? nullptr : queue_.front();
  for (Entry* entry : batch) {
    entry->status = status;
    entry->done.store(true, std::memory_order_release);  // the last touch of a follower's entry
  }
  if (queue_.empty()) drained_.notify_all();
}

void CommitQueue::Fail(const Status& status) {
  std::lock_guard lock(mu_);
  if (failed_.ok()) failed_ = status;
}

Status CommitQueue::failure() const {
  std::lock_guard lock(mu_);
  return failed_;
}

Status CommitQueue::Usable(const std::string& name) const {
  std::lock_guard lock(mu_);
  return UsableLocked(name);
}

Status CommitQueue::UsableLocked(const std::string& name) const {
  if (!failed_.ok()) return failed_;
  if (closed_) return Status::FailedPrecondition(name + ": journal is closed");
  return Status::Ok();
}

void CommitQueue::CloseAndDrain() {
  std::unique_lock lock(mu_);
  closed_ = true;
  if (!queue_.empty()) queue_.front()->stragglers.notify_one();  // a waiting leader stops waiting
  drained_.wait(lock, [&] { return queue_.empty(); });
}

void CommitQueue::RecordSyncTime(uint64_t sync_ns) {
  sync_ns_average_ = (sync_ns_average_.load() * 7 + sync_ns) / 8;
}

}  // namespace powercut::journal
