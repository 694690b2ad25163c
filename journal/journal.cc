#include "journal/journal.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <new>
#include <random>

#include "journal/format.h"
#include "journal/io.h"
#include "journal/recovery.h"
#include "journal/segment_writer.h"

namespace powercut::journal {

namespace {

uint64_t SystemClockNs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

uint64_t RandomEntropy() {
  static std::mutex mu;
  static std::random_device device;
  std::lock_guard lock(mu);
  return (static_cast<uint64_t>(device()) << 32) | device();
}

Status ValidateOptions(const JournalOptions& options) {
  if (options.max_segment_bytes < kMinSegmentBytes) {
    return Status::InvalidArgument("max_segment_bytes must be at least " +
                                   std::to_string(kMinSegmentBytes));
  }
  if (options.max_batch_bytes < kRecordPrefixBytes) {
    return Status::InvalidArgument("max_batch_bytes must be at least " +
                                   std::to_string(kRecordPrefixBytes));
  }
  return Status::Ok();
}

// Writes [from, to) of `file` again with the bytes it reads there, in bounded pieces.
Status Rewrite(File& file, uint64_t from, uint64_t to) {
  constexpr uint64_t kPieceBytes = uint64_t{1} << 20;
  Bytes piece;
  for (uint64_t at = from; at < to; at += piece.size()) {
    piece.resize(static_cast<size_t>(std::min(kPieceBytes, to - at)));
    POWERCUT_RETURN_IF_ERROR(io::ReadExactly(file, at, piece));
    POWERCUT_RETURN_IF_ERROR(io::WriteAt(file, at, piece));
  }
  return Status::Ok();
}

// Cuts the unacknowledged tail of the last segment and makes what remains durable, so that
// everything recovery returns is on disk before anyone acts on it.
Status CutTail(FileSystem& fs, SegmentState& last, RecoveryReport& report) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file,
                            io::Open(fs, last.path, OpenMode::kReadWrite));
  if (last.end_offset < last.file_size) {
    report.truncated_bytes = last.file_size - last.end_offset;
    report.truncated_tail = last.path + ": " + last.tail;
    POWERCUT_RETURN_IF_ERROR(io::Truncate(*file, last.end_offset));
    last.file_size = last.end_offset;
  }
  // Records no watermark vouches for may be readable only from the page cache: after a failed
  // fsync Linux keeps the pages but marks them clean, so an fsync now would do nothing. Writing
  // them again makes the fsync below really persist them (or fail).
  POWERCUT_RETURN_IF_ERROR(Rewrite(*file, last.vouched_end, last.end_offset));
  POWERCUT_RETURN_IF_ERROR(io::Sync(*file));
  return file->Close();
}

}  // namespace

std::string_view DurabilityName(Durability durability) {
  switch (durability) {
    case Durability::kImmediate: return "immediate";
    case Durability::kGroupCommit: return "group";
    case Durability::kRelaxed: return "relaxed";
  }
  return "unknown";
}

std::optional<Durability> ParseDurability(std::string_view name) {
  if (name == "immediate") return Durability::kImmediate;
  if (name == "group") return Durability::kGroupCommit;
  if (name == "relaxed") return Durability::kRelaxed;
  return std::nullopt;
}

bool ShouldUseJournal(size_t data_bytes, size_t op_count) {
  return data_bytes >= kJournalThresholdBytes || op_count > 1;
}

Journal::Journal(FileSystem& fs, std::string dir, JournalOptions options, uint64_t journal_id)
    : fs_(fs), dir_(std::move(dir)), options_(std::move(options)), journal_id_(journal_id) {
  writer_ = std::make_unique<SegmentWriter>(fs_, dir_, journal_id_, options_.entropy);
}

Journal::~Journal() { (void)Close(); }

Result<std::unique_ptr<Journal>> Journal::Open(FileSystem& fs, const std::string& dir,
                                               JournalOptions options) {
  POWERCUT_RETURN_IF_ERROR(ValidateOptions(options));
  if (!options.clock_ns) options.clock_ns = SystemClockNs;
  if (!options.entropy) options.entropy = RandomEntropy;

  Result<JournalState> state = AnalyzeJournal(fs, dir);
  if (!state.ok() && state.status().IsNotFound() && options.create_if_missing) {
    // A new directory's own name must be durable too: sync its parent.
    POWERCUT_RETURN_IF_ERROR(io::CreateDir(fs, dir));
    POWERCUT_RETURN_IF_ERROR(io::SyncDir(fs, ParentDir(dir)));
    state = JournalState{};
  }
  if (!state.ok()) return state.status();
  if (!state->exists && !options.create_if_missing) {
    return Status::NotFound(dir + ": no journal here (no MANIFEST) and create_if_missing is off");
  }

  const uint64_t journal_id = state->exists ? state->manifest.journal_id : options.entropy();
  std::unique_ptr<Journal> journal(new Journal(fs, dir, std::move(options), journal_id));
  POWERCUT_RETURN_IF_ERROR(journal->Recover(std::move(state).value()));
  return journal;
}

// Applies the decision AnalyzeJournal made. Each step is idempotent, so a crash here leads the
// next Open to the same decision and the same end state.
Status Journal::Recover(JournalState state) {
  for (const std::string& path : state.leftovers) {
    Status s = io::Unlink(fs_, path);
    if (!s.ok() && !s.IsNotFound()) return s;
  }
  // Also with nothing deleted: a MANIFEST renamed by a checkpoint that died before its directory
  // sync must be durable before this open reports that checkpoint.
  if (state.exists || !state.leftovers.empty()) POWERCUT_RETURN_IF_ERROR(io::SyncDir(fs_, dir_));
  recovery_.leftovers_removed = state.leftovers.size();

  if (!state.exists) {
    state.manifest = Manifest{journal_id_, 0, 1};
    POWERCUT_RETURN_IF_ERROR(io::WriteFileAtomically(fs_, dir_, std::string(kManifestName),
                                                     EncodeManifest(state.manifest)));
    recovery_.created = true;
  }
  if (state.segments.empty()) {
    POWERCUT_RETURN_IF_ERROR(
        writer_->StartSegment(state.manifest.oldest_segment, state.manifest.checkpoint_txn + 1));
  } else {
    POWERCUT_RETURN_IF_ERROR(CutTail(fs_, state.segments.back(), recovery_));
    POWERCUT_RETURN_IF_ERROR(writer_->Resume(std::move(state.segments)));
    // After a cut, continue in a new segment with a new salt: should the file system ever
    // re-expose the cut bytes, they cannot pass for records of the segment that follows.
    if (recovery_.truncated_bytes > 0) POWERCUT_RETURN_IF_ERROR(writer_->Rotate());
  }
  const uint64_t last = std::max(state.last_txn, state.manifest.checkpoint_txn);
  recovery_.checkpoint_txn = state.manifest.checkpoint_txn;
  recovery_.last_txn = last;
  checkpoint_txn_ = state.manifest.checkpoint_txn;
  CommitQueue::Options queue_options;
  queue_options.max_batch_bytes =
      options_.durability == Durability::kImmediate ? 0 : options_.max_batch_bytes;
  queue_options.await_stragglers = options_.durability == Durability::kGroupCommit;
  queue_ = std::make_unique<CommitQueue>(
      queue_options, [this](const auto& batch) { return WriteBatch(batch); }, last + 1);
  written_txn_ = last;
  durable_txn_ = last;
  return Status::Ok();
}

Result<uint64_t> Journal::Append(const std::vector<Op>& ops) {
  if (ops.empty()) return Status::InvalidArgument("a transaction needs at least one operation");
  const size_t ops_bytes = EncodedSize(ops);
  if (ops_bytes + kWatermarkBytes > kMaxPayloadBytes) {
    return Status::InvalidArgument("transaction of " + std::to_string(ops_bytes) +
                                   " bytes exceeds the record limit of " +
                                   std::to_string(kMaxPayloadBytes - kWatermarkBytes));
  }
  // Encode outside any lock; only the header, which needs the segment's salt, is left to the
  // leader.
  CommitQueue::Entry entry;
  entry.record.reserve(kRecordPrefixBytes + ops_bytes);
  entry.record.resize(kRecordPrefixBytes);
  POWERCUT_RETURN_IF_ERROR(EncodeOps(ops, entry.record));
  entry.ops_crc = Crc32(0, ByteView(entry.record).subspan(kRecordPrefixBytes));
  POWERCUT_RETURN_IF_ERROR(queue_->Commit(entry, dir_));
  return entry.txn_id;
}

Status Journal::WriteBatch(const std::vector<CommitQueue::Entry*>& batch) {
  std::lock_guard io_lock(io_mu_);
  POWERCUT_RETURN_IF_ERROR(queue_->failure());  // a checkpoint may have failed meanwhile
  size_t bytes = 0;
  for (const CommitQueue::Entry* entry : batch) bytes += entry->record.size();
  if (writer_->ShouldRotate(bytes, options_.max_segment_bytes)) {
    POWERCUT_RETURN_IF_ERROR(writer_->Rotate());  // syncs the old segment
    durable_txn_ = written_txn_.load();
  }
  // The watermark: what is durable now, before this batch. Recovery uses it to tell a torn tail
  // from damage to acknowledged records.
  const uint64_t durable = durable_txn_.load();
  const uint64_t now = options_.clock_ns();
  for (CommitQueue::Entry* entry : batch) {
    SealRecord(entry->record, writer_->salt(), entry->txn_id, now, durable, entry->ops_crc);
  }
  ByteView records = batch.front()->record;
  if (batch.size() > 1) {
    batch_buffer_.clear();
    for (const CommitQueue::Entry* entry : batch) PutBytes(batch_buffer_, entry->record);
    records = batch_buffer_;
  }
  POWERCUT_RETURN_IF_ERROR(writer_->Append(records, batch.back()->txn_id));
  written_txn_ = batch.back()->txn_id;
  if (options_.durability != Durability::kRelaxed) {
    const auto start = std::chrono::steady_clock::now();
    POWERCUT_RETURN_IF_ERROR(writer_->DataSync());
    durable_txn_ = batch.back()->txn_id;
    queue_->RecordSyncTime(static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                             start)
            .count()));
  }
  return Status::Ok();
}

Status Journal::Checkpoint(uint64_t applied_txn) {
  std::lock_guard io_lock(io_mu_);
  POWERCUT_RETURN_IF_ERROR(queue_->Usable(dir_));
  if (applied_txn > written_txn_) {
    return Status::InvalidArgument("cannot checkpoint txn " + std::to_string(applied_txn) +
                                   ": the last appended txn is " +
                                   std::to_string(written_txn_.load()));
  }
  if (applied_txn <= checkpoint_txn_) return Status::Ok();
  Status status = CheckpointLocked(applied_txn);
  if (!status.ok()) queue_->Fail(status);
  return status;
}

Status Journal::CheckpointLocked(uint64_t applied_txn) {
  // The log must hold everything the checkpoint does not cover before the MANIFEST moves.
  POWERCUT_RETURN_IF_ERROR(writer_->DataSync());
  durable_txn_ = written_txn_.load();
  if (writer_->active().record_count > 0 && writer_->active().last_txn <= applied_txn) {
    POWERCUT_RETURN_IF_ERROR(writer_->Rotate());  // lets the whole active segment go
  }
  const uint64_t oldest = writer_->OldestNeeded(applied_txn);
  POWERCUT_RETURN_IF_ERROR(
      io::WriteFileAtomically(fs_, dir_, std::string(kManifestName),
                              EncodeManifest(Manifest{journal_id_, applied_txn, oldest})));
  checkpoint_txn_ = applied_txn;
  // Only now, with the new MANIFEST durable, may covered segments go.
  return writer_->RemoveBelow(oldest);
}

Status Journal::Replay(uint64_t after_txn,
                       const std::function<Status(const Transaction&)>& visit) {
  std::lock_guard io_lock(io_mu_);
  const Status usable = queue_->Usable(dir_);
  if (usable.IsFailedPrecondition()) return usable;  // closed; a failed journal may still replay
  return ReplaySegments(fs_, writer_->segments(), std::max(after_txn, checkpoint_txn_.load()),
                        visit);
}

Status Journal::Close() {
  std::call_once(close_once_, [&] {
    if (!queue_) {  // Open failed before recovery finished: only files to release
      close_status_ = writer_->Close();
      return;
    }
    queue_->CloseAndDrain();
    std::lock_guard io_lock(io_mu_);
    Status status = queue_->failure();
    if (status.ok()) {
      status = writer_->DataSync();  // Relaxed mode's writes become durable at a clean close
      if (status.ok()) {
        durable_txn_ = written_txn_.load();
      } else {
        queue_->Fail(status);
      }
    }
    const Status closed = writer_->Close();
    if (status.ok()) status = closed;
    close_status_ = status;
  });
  return close_status_;
}

uint64_t Journal::last_txn() const { return written_txn_; }
uint64_t Journal::durable_txn() const { return durable_txn_; }
uint64_t Journal::checkpoint_txn() const { return checkpoint_txn_; }
Status Journal::health() const { return queue_->failure(); }

}  // namespace powercut::journal
