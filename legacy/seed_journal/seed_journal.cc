#include "legacy/seed_journal/seed_journal.h"

#include <array>
#include <chrono>
#include <utility>

#include "legacy/seed_journal/seed_record.h"

namespace powercut::legacy {
namespace {

uint64_t RealTimeNs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace

SeedJournal::SeedJournal(FileSystem& fs, std::string path, SeedJournalOptions options,
                         std::unique_ptr<File> file)
    : fs_(fs),
      path_(std::move(path)),
      options_(std::move(options)),
      file_(std::move(file)),
      writer_(file_.get()) {}

Result<std::unique_ptr<SeedJournal>> SeedJournal::Open(FileSystem& fs, const std::string& path,
                                                       SeedJournalOptions options) {
  // Create-if-missing without truncating, no append flag, no directory sync: the seed's open.
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kCreate));
  if (!options.clock_ns) options.clock_ns = RealTimeNs;
  std::unique_ptr<SeedJournal> journal(
      new SeedJournal(fs, path, std::move(options), std::move(file)));
  if (journal->options_.mode == SeedMode::kGroupCommit) {
    journal->flush_thread_ = std::thread([j = journal.get()] { j->FlushLoop(); });
  }
  return journal;
}

SeedJournal::~SeedJournal() {
  (void)Close();
  {
    std::lock_guard lock(thread_mu_);
    if (flush_thread_.joinable()) flush_thread_.join();
  }
  std::lock_guard lock(writer_mu_);
  (void)writer_.Flush();  // BufWriter's drop: a last write, never synced, errors ignored
  (void)file_->Close();
}

void SeedJournal::FlushLoop() {
  while (!stop_.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(options_.max_delay_ms));
    if (!stop_.load()) (void)FlushPending();  // the seed drops the error here
  }
}

Result<uint64_t> SeedJournal::WriteTransaction(const std::vector<journal::Op>& ops) {
  if (!open_.load()) return Status::FailedPrecondition("journal closed");
  const uint64_t txn_id = next_txn_id_.fetch_add(1);
  journal::Bytes payload;
  POWERCUT_RETURN_IF_ERROR(journal::EncodeOps(ops, payload));
  journal::Bytes record = EncodeSeedRecord(txn_id, options_.clock_ns(), payload);
  const journal::ByteView header(record.data(), kSeedHeaderBytes);
  const journal::ByteView body(record.data() + kSeedHeaderBytes, payload.size());
  switch (options_.mode) {
    case SeedMode::kImmediate: {
      std::lock_guard lock(writer_mu_);
      POWERCUT_RETURN_IF_ERROR(writer_.WriteAll(header));
      POWERCUT_RETURN_IF_ERROR(writer_.WriteAll(body));
      POWERCUT_RETURN_IF_ERROR(writer_.Flush());
      POWERCUT_RETURN_IF_ERROR(file_->Sync());
      return txn_id;
    }
    case SeedMode::kRelaxed: {
      std::lock_guard lock(writer_mu_);
      POWERCUT_RETURN_IF_ERROR(writer_.WriteAll(header));
      POWERCUT_RETURN_IF_ERROR(writer_.WriteAll(body));
      return txn_id;  // still in the buffer: "let the OS handle it"
    }
    case SeedMode::kGroupCommit: return WriteGroupCommit(txn_id, std::move(record));
  }
  return Status::InvalidArgument("unknown mode");
}

Result<uint64_t> SeedJournal::WriteGroupCommit(uint64_t txn_id, journal::Bytes record) {
  auto waiter = std::make_shared<Waiter>();
  {
    std::lock_guard lock(waiters_mu_);
    std::erase_if(waiters_, [](const std::weak_ptr<Waiter>& w) { return w.expired(); });
    waiters_.push_back(waiter);
  }
  bool flush_now = false;
  {
    std::lock_guard lock(pending_mu_);
    pending_.push_back(PendingWrite{txn_id, std::move(record), waiter});
    flush_now = pending_.size() >= options_.max_pending_ops;
  }
  // The seed returns this flush's error at once, without waiting (its own record may be in
  // the failed batch, whose other appenders nobody will wake).
  if (flush_now) POWERCUT_RETURN_IF_ERROR(FlushPending());
  std::unique_lock lock(waiter->mu);
  waiter->cv.wait(lock, [&] { return waiter->committed || waiter->released; });
  if (!waiter->committed) {
    return Status::FailedPrecondition("released by the test after blocking (legacy defect 9)");
  }
  return txn_id;
}

Status SeedJournal::FlushPending() {
  std::vector<PendingWrite> writes;
  {
    std::lock_guard lock(pending_mu_);
    writes.assign(std::make_move_iterator(pending_.begin()),
                  std::make_move_iterator(pending_.end()));
    pending_.clear();
  }
  if (writes.empty()) return Status::Ok();
  if (options_.after_drain) {
    std::vector<uint64_t> ids;
    ids.reserve(writes.size());
    for (const PendingWrite& w : writes) ids.push_back(w.txn_id);
    options_.after_drain(ids);
  }
  // Between the drain above and this lock another flush may write and sync a later batch.
  {
    std::lock_guard lock(writer_mu_);
    for (const PendingWrite& w : writes) POWERCUT_RETURN_IF_ERROR(writer_.WriteAll(w.data));
    POWERCUT_RETURN_IF_ERROR(writer_.Flush());
    POWERCUT_RETURN_IF_ERROR(file_->Sync());
  }
  for (const PendingWrite& w : writes) {
    std::lock_guard lock(w.waiter->mu);
    w.waiter->committed = true;
    w.waiter->cv.notify_one();
  }
  return Status::Ok();
}

Result<std::vector<journal::Transaction>> SeedJournal::Replay(const SeedReplayOptions& options) {
  return ReplayFile(fs_, path_, options);
}

Result<std::vector<journal::Transaction>> SeedJournal::ReplayFile(
    FileSystem& fs, const std::string& path, const SeedReplayOptions& options) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kReadOnly));
  std::vector<journal::Transaction> txns;
  uint64_t offset = 0;
  std::array<std::byte, kSeedHeaderBytes> header_bytes{};
  while (true) {
    // read_exact: a short header, even a partial one, is taken as the end of the log.
    POWERCUT_ASSIGN_OR_RETURN(size_t got, file->ReadAt(offset, header_bytes));
    if (got < kSeedHeaderBytes) break;
    offset += kSeedHeaderBytes;
    POWERCUT_ASSIGN_OR_RETURN(SeedHeader header, DecodeSeedHeader(header_bytes));
    if (header.payload_len > options.max_payload_allocation) {
      return Status::FailedPrecondition(
          "replay would allocate " + std::to_string(header.payload_len) +
          " bytes for the payload of the record at offset " + std::to_string(offset - kSeedHeaderBytes) +
          " (memory limit " + std::to_string(options.max_payload_allocation) + ")");
    }
    journal::Bytes payload(header.payload_len);  // allocated before anything is checked
    POWERCUT_ASSIGN_OR_RETURN(size_t read, file->ReadAt(offset, payload));
    if (read < payload.size()) {
      return Status::Corruption("failed to fill whole buffer: the payload of txn " +
                                std::to_string(header.txn_id) + " needs " +
                                std::to_string(payload.size()) + " bytes, " +
                                std::to_string(read) + " present");
    }
    offset += payload.size();
    if (!SeedChecksumMatches(header, payload)) return Status::Corruption("checksum mismatch");
    if (header.flags != SeedFlags::kCommitted) continue;
    POWERCUT_ASSIGN_OR_RETURN(std::vector<journal::Op> ops, journal::DecodeOps(payload));
    txns.push_back(journal::Transaction{header.txn_id, header.timestamp_ns, std::move(ops)});
  }
  (void)file->Close();
  return txns;
}

Status SeedJournal::Checkpoint() {
  POWERCUT_RETURN_IF_ERROR(FlushPending());
  std::lock_guard lock(writer_mu_);
  POWERCUT_RETURN_IF_ERROR(file_->Truncate(0));
  // Seeking flushes the buffer first, at the old position: after the truncate (as in the seed).
  POWERCUT_RETURN_IF_ERROR(writer_.SeekToStart());
  return file_->Sync();
}

Status SeedJournal::Close() {
  open_.store(false);
  stop_.store(true);
  Status flushed = FlushPending();
  std::lock_guard lock(thread_mu_);
  // The seed returns a flush error before joining and leaks the thread; here it is joined now
  // or by the destructor's Close.
  if (!flushed.ok()) return flushed;
  if (flush_thread_.joinable()) flush_thread_.join();
  return Status::Ok();
}

void SeedJournal::ReleaseBlockedWaitersForTest() {
  std::lock_guard lock(waiters_mu_);
  for (const std::weak_ptr<Waiter>& weak : waiters_) {
    if (const std::shared_ptr<Waiter> waiter = weak.lock()) {
      std::lock_guard waiter_lock(waiter->mu);
      waiter->released = true;
      waiter->cv.notify_all();
    }
  }
}

}  // namespace powercut::legacy
