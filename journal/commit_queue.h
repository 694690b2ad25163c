// CommitQueue: the leader/follower queue behind Journal::Append (LevelDB's writer queue).
//
// Appenders queue in id order. The one at the front leads: it takes a batch from the front,
// calls the write function (which writes, and syncs unless the mode is Relaxed) without holding
// the queue's mutex, then completes the batch. Everyone else in the batch is a follower: it
// learns its outcome without taking the mutex again (a journal-wide generation counter, so no
// waker ever touches a follower's stack after the follower may have returned). Acknowledgements
// are therefore in id order, and every member of a failed batch gets the batch's error.
//
// The queue also owns the journal's sticky failure and its closed state, because both decide
// whether an append may enter. Thread-safe.
#ifndef POWERCUT_JOURNAL_COMMIT_QUEUE_H_
#define POWERCUT_JOURNAL_COMMIT_QUEUE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "faultfs/fs/status.h"
#include "journal/coding.h"

namespace powercut::journal {

class CommitQueue {
 public:
  // One appender's transaction, on the appending thread's stack while it waits.
  struct Entry {
    Bytes record;          // kRecordPrefixBytes for the leader to seal, then the encoded ops
    uint32_t ops_crc = 0;  // Crc32(0, ops)
    uint64_t txn_id = 0;   // assigned by Commit
    Status status;         // the batch's outcome, valid once `done`
    std::atomic<bool> done{false};
    std::condition_variable stragglers;  // a waiting leader sleeps here (with the mutex)
  };
  // Writes a batch (entries of consecutive ids), returning its outcome. Called by one leader at
  // a time, without the queue's mutex.
  using WriteFn = std::function<Status(const std::vector<Entry*>& batch)>;

  struct Options {
    size_t max_batch_bytes = 1u << 20;  // 0: one entry per batch (Immediate)
    bool await_stragglers = false;      // GroupCommit: see AwaitStragglers
  };

  CommitQueue(Options options, WriteFn write, uint64_t next_txn);

  // Assigns `entry` the next id and returns once its batch is written: the batch's status, or at
  // once the sticky error / "closed" if appends are refused.
  Status Commit(Entry& entry, const std::string& name);

  // Makes the queue failed (sticky) with `status`, unless it already is.
  void Fail(const Status& status);
  // OK, or the sticky error.
  Status failure() const;
  // OK while appends are accepted; else the sticky error or "closed".
  Status Usable(const std::string& name) const;
  // Refuses new appends, then waits until every queued one has completed.
  void CloseAndDrain();
  // A leader's measured sync time, which bounds how long the next one waits for stragglers.
  void RecordSyncTime(uint64_t sync_ns);

 private:
  Status UsableLocked(const std::string& name) const;  // REQUIRES: mu_ held
  void WaitForTurn(Entry& entry);
  void AwaitStragglers(std::unique_lock<std::mutex>& lock, Entry& leader);
  std::vector<Entry*> TakeBatch() const;
  void Complete(const std::vector<Entry*>& batch, const Status& status);

  const Options options_;
  const WriteFn write_;

  mutable std::mutex mu_;  // guards the fields up to generation_
  std::deque<Entry*> queue_;  // waiting appenders in id order; the front one leads
  uint64_t next_txn_;
  Status failed_;
  bool closed_ = false;
  std::condition_variable drained_;
  size_t last_batch_size_ = 0;
  size_t straggler_target_ = 0;  // queue size a waiting leader wants; 0 when none waits

  std::atomic<Entry*> leader_{nullptr};  // compared, never dereferenced, outside mu_
  std::atomic<uint64_t> generation_{0};  // bumped whenever entries complete or a leader is named
  std::atomic<uint64_t> sync_ns_average_{0};
};

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_COMMIT_QUEUE_H_
