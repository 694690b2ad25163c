// SeedJournal: the *legacy* design this project started from, ported on purpose WITH ITS DEFECTS.
//
//   !!! NEVER USE THIS AS A JOURNAL. It loses acknowledged data. It exists only so that the !!!
//   !!! crash tester can be shown finding the seed's known defects (scenarios/seed-journal). !!!
//
// It reproduces the logic of the seed journal (tzervas/embeddenator-fs src/fs/versioned/journal.rs
// @5992aa80) on powercut's FileSystem interface, so it runs on the real OS and on SimFileSystem.
// The reference journal (journal/) is what this project ships; journal/FORMAT.md says how it
// fixes each defect. Kept from the seed, deliberately:
//   1. Open does not recover or seek: the first write lands at offset 0, over existing records;
//   2. transaction ids restart at 1 on every Open;
//   3. Replay fails on a torn or zeroed last record (only a short *header* ends the log);
//   4. creating the file is never made durable (no directory sync);
//   5. group commit: FlushPending drains the queue, then takes the writer lock, so two flushes can
//      write and acknowledge a later batch before an earlier one (a hole after a crash);
//   6. Relaxed mode acknowledges records still in an 8 KiB user-space buffer (BufWriter);
//   7. Checkpoint truncates the file to zero and records nothing about what was applied;
//   8. Replay allocates the header's payload_len (up to 4 GiB) before checking anything;
//   9. a failed flush returns before signalling its batch: those appenders wait forever.
// Not reproduced: the background thread's Arc cycle (here the destructor joins the thread), the
// op decoder's unbounded chunk_count (ops are encoded and decoded by journal/ops.h, the seed's byte
// format with bounded decoding), and the doc-vs-code magic mismatch.
//
// Thread-safety: WriteTransaction, FlushPending and Checkpoint may be called from any thread, as
// in the seed. Close and the destructor must not race with them.
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_SEED_JOURNAL_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_SEED_JOURNAL_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/ops.h"
#include "legacy/seed_journal/buffered_writer.h"

namespace powercut::legacy {

enum class SeedMode : uint8_t { kImmediate, kGroupCommit, kRelaxed };

struct SeedJournalOptions {
  SeedMode mode = SeedMode::kGroupCommit;
  // Group commit: the background thread flushes every max_delay_ms; an appender that finds
  // max_pending_ops queued flushes itself. The seed's defaults.
  uint64_t max_delay_ms = 5;
  size_t max_pending_ops = 100;
  // Record timestamps (ns). Default: the real-time clock, as in the seed.
  std::function<uint64_t()> clock_ns;
  // Test seam: called by FlushPending after it drained a non-empty batch (with the batch's ids)
  // and before it takes the writer lock. It lets a test choose a schedule the seed's code allows
  // (defect 5); it changes no logic.
  std::function<void(const std::vector<uint64_t>&)> after_drain;
};

struct SeedReplayOptions {
  // A payload_len above this is refused (kFailedPrecondition naming the size) instead of being
  // allocated: a memory limit, as `ulimit -v` would impose, so a test can observe defect 8
  // without allocating gigabytes. Default: no limit, as in the seed.
  uint64_t max_payload_allocation = std::numeric_limits<uint64_t>::max();
};

class SeedJournal {
 public:
  // Opens `path`, creating it if missing, writing from offset 0, ids from 1 (defects 1, 2, 4).
  // Starts the flush thread in group-commit mode. `fs` must outlive the journal.
  static Result<std::unique_ptr<SeedJournal>> Open(FileSystem& fs, const std::string& path,
                                                   SeedJournalOptions options);
  // Close(), then the buffered writer's flush with errors dropped (the seed's Drop order).
  ~SeedJournal();
  SeedJournal(const SeedJournal&) = delete;
  SeedJournal& operator=(const SeedJournal&) = delete;

  // The seed's write_transaction: returns the id once "committed" as the mode understands it.
  // Group commit blocks until a flush signals this record, which may be never (defect 9) unless
  // ReleaseBlockedWaitersForTest is called.
  Result<uint64_t> WriteTransaction(const std::vector<journal::Op>& ops);
  // Writes every queued record, syncs, then signals their appenders; on an error returns it
  // without signalling (defect 9).
  Status FlushPending();
  // Every committed record of the file from offset 0 (defects 3, 8).
  Result<std::vector<journal::Transaction>> Replay(const SeedReplayOptions& options = {});
  static Result<std::vector<journal::Transaction>> ReplayFile(FileSystem& fs,
                                                              const std::string& path,
                                                              const SeedReplayOptions& options);
  // FlushPending, then truncates the file to 0, seeks to 0 and syncs (defect 7).
  Status Checkpoint();
  // Marks closed, stops the flush thread, flushes the queue (not the buffered writer), joins.
  Status Close();

  // Test cleanup only, after a test observed appenders blocked by defect 9: wakes them, and
  // their WriteTransaction returns kFailedPrecondition. The seed has no such escape.
  void ReleaseBlockedWaitersForTest();

 private:
  struct Waiter {
    std::mutex mu;
    std::condition_variable cv;
    bool committed = false;
    bool released = false;
  };
  struct PendingWrite {
    uint64_t txn_id = 0;
    journal::Bytes data;
    std::shared_ptr<Waiter> waiter;
  };

  SeedJournal(FileSystem& fs, std::string path, SeedJournalOptions options,
              std::unique_ptr<File> file);
  Result<uint64_t> WriteGroupCommit(uint64_t txn_id, journal::Bytes record);
  void FlushLoop();

  FileSystem& fs_;
  const std::string path_;
  const SeedJournalOptions options_;
  std::unique_ptr<File> file_;
  std::mutex writer_mu_;
  BufferedWriter writer_;  // guarded by writer_mu_
  std::atomic<uint64_t> next_txn_id_{1};
  std::atomic<bool> open_{true};
  std::mutex pending_mu_;
  std::deque<PendingWrite> pending_;  // guarded by pending_mu_
  std::atomic<bool> stop_{false};
  std::mutex thread_mu_;
  std::thread flush_thread_;  // guarded by thread_mu_
  std::mutex waiters_mu_;
  std::vector<std::weak_ptr<Waiter>> waiters_;  // for ReleaseBlockedWaitersForTest only
};

}  // namespace powercut::legacy

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_SEED_JOURNAL_H_
