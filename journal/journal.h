// Journal: the reference write-ahead journal.
//
// A transaction is a list of operations (ops.h) stored atomically under a transaction id. Ids
// are strictly increasing and gap-free (1, 2, 3, ...) across reopen, checkpoint and an emptied
// log. After a crash, recovery returns a prefix of the appended transactions that holds every
// acknowledged one (see Durability for what "acknowledged" promises).
//
// On disk (FORMAT.md): a directory with a MANIFEST (the checkpoint) and numbered segment files of
// 32-byte-header records with salted CRC-32s. The journal touches the disk only through the
// FileSystem interface, so the same code runs on the OS, in the simulator and under the shim.
//
// Thread-safety: Append may be called from any number of threads at once; Checkpoint, Replay and
// the accessors too. Close and the destructor must not race with other calls. The journal starts
// no thread: the first waiting appender leads each group commit.
//
// Errors: any failed write or sync makes the journal *failed* (sticky): the batch in flight and
// every later Append/Checkpoint return that error, nothing is acknowledged afterwards, and only
// reopening (which runs recovery) clears it. After a failed fsync Linux may already have dropped
// the dirty pages, so a retry that succeeds would prove nothing.
#ifndef POWERCUT_JOURNAL_JOURNAL_H_
#define POWERCUT_JOURNAL_JOURNAL_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/commit_queue.h"
#include "journal/ops.h"

namespace powercut::journal {

class SegmentWriter;

enum class Durability : uint8_t {
  // Append returns after its record was written and fdatasync'ed, one sync per transaction:
  // acknowledged means durable.
  kImmediate,
  // Concurrent appenders share one write and one fdatasync (leader/follower, acknowledged in id
  // order); a lone appender pays exactly what Immediate pays, with no timer. Acknowledged means
  // durable. An error reaches every appender of the batch.
  kGroupCommit,
  // Append returns after its record was handed to the OS with write(): it survives a crash of
  // the process, not a power cut. Nothing is ever left in a user-space buffer. Recovery still
  // returns a prefix.
  kRelaxed,
};

std::string_view DurabilityName(Durability durability);  // "immediate", "group", "relaxed"
std::optional<Durability> ParseDurability(std::string_view name);

// The smallest JournalOptions::max_segment_bytes accepted.
inline constexpr uint64_t kMinSegmentBytes = 512;

struct JournalOptions {
  Durability durability = Durability::kGroupCommit;
  // A segment is closed (synced) and the next one started when a batch would grow it past this.
  uint64_t max_segment_bytes = 64ull << 20;
  // Group commit: the most record bytes one leader writes and syncs at once.
  size_t max_batch_bytes = 1u << 20;
  bool create_if_missing = true;
  // Record timestamps (ns). Default: the system's real-time clock.
  std::function<uint64_t()> clock_ns;
  // Journal ids and per-segment salts. Default: std::random_device.
  std::function<uint64_t()> entropy;
};

// What Open found and did.
struct RecoveryReport {
  bool created = false;           // a new journal was created
  uint64_t checkpoint_txn = 0;    // transactions <= this are covered by the checkpoint
  uint64_t last_txn = 0;          // recovered: (checkpoint_txn, last_txn]
  uint64_t truncated_bytes = 0;   // torn/unacknowledged tail cut from the last segment
  std::string truncated_tail;     // what that tail was, e.g. "torn record: 12 of 90 bytes present"
  size_t leftovers_removed = 0;   // temp files and checkpointed segments deleted
};

class Journal {
 public:
  // Opens (recovering) or creates the journal in `dir`. `fs` must outlive the journal.
  // kCorruption when damage provably covers acknowledged data; the directory is then untouched.
  static Result<std::unique_ptr<Journal>> Open(FileSystem& fs, const std::string& dir,
                                               JournalOptions options = {});
  ~Journal();  // Close(), with its status dropped: call Close() to see it.
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Stores `ops` as one transaction and returns its id once acknowledged (see Durability).
  // kInvalidArgument for an empty list or one over the record size limit.
  Result<uint64_t> Append(const std::vector<Op>& ops);

  // Declares that the caller's own state durably reflects every transaction <= applied_txn, so
  // the log may drop them. Records it atomically in the MANIFEST, then deletes the segments it
  // covers. Never truncates the active segment. kInvalidArgument if applied_txn was not yet
  // appended; an applied_txn at or below the current checkpoint changes nothing.
  Status Checkpoint(uint64_t applied_txn);

  // Calls `visit` for every transaction with id > max(after_txn, checkpoint) that was appended
  // (written) so far, in id order; stops at the first non-OK status it returns. Blocks commits
  // while it runs, so `visit` must not call Append, Checkpoint, Replay or Close (deadlock).
  Status Replay(uint64_t after_txn, const std::function<Status(const Transaction&)>& visit);

  // Waits for appends in flight, makes everything written durable, releases the files.
  // Idempotent: later calls return the first call's status. Returns the sticky error if failed.
  Status Close();

  uint64_t last_txn() const;        // highest id written (acknowledged or in flight)
  uint64_t durable_txn() const;     // highest id known durable
  uint64_t checkpoint_txn() const;
  Status health() const;            // OK, or the sticky error
  const RecoveryReport& recovery() const { return recovery_; }
  const std::string& dir() const { return dir_; }

 private:
  Journal(FileSystem& fs, std::string dir, JournalOptions options, uint64_t journal_id);

  Status Recover(struct JournalState state);
  // The commit queue's write function. REQUIRES: called by the queue's leader only.
  Status WriteBatch(const std::vector<CommitQueue::Entry*>& batch);
  Status CheckpointLocked(uint64_t applied_txn);  // REQUIRES: io_mu_ held

  FileSystem& fs_;
  const std::string dir_;
  const JournalOptions options_;
  const uint64_t journal_id_;
  RecoveryReport recovery_;
  std::unique_ptr<CommitQueue> queue_;  // created by Recover, once the next id is known
  std::once_flag close_once_;
  Status close_status_;

  std::mutex io_mu_;  // held by whoever does I/O: the commit leader, Checkpoint, Replay, Close
  std::unique_ptr<SegmentWriter> writer_;
  Bytes batch_buffer_;
  std::atomic<uint64_t> checkpoint_txn_{0};
  std::atomic<uint64_t> written_txn_{0};
  std::atomic<uint64_t> durable_txn_{0};
};

// The seed's hybrid policy: a single small write is cheapest as the file write plus an fsync
// barrier; anything bigger or spanning several operations should go through the journal.
// True when data_bytes >= 64 KiB or op_count > 1.
bool ShouldUseJournal(size_t data_bytes, size_t op_count);
inline constexpr size_t kJournalThresholdBytes = size_t{64} * 1024;

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_JOURNAL_H_
