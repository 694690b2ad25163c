#include "legacy/seed_journal/tool/journal_under_test.h"

#include <algorithm>
#include <atomic>

#include "legacy/seed_journal/seed_journal.h"

namespace powercut::legacy::tool {
namespace {

// 2026-01-01T00:00:00Z, then one microsecond per record.
std::function<uint64_t()> DeterministicClock() {
  auto next = std::make_shared<std::atomic<uint64_t>>(uint64_t{1'767'225'600} * 1'000'000'000);
  return [next] { return next->fetch_add(1000); };
}

SeedMode LegacyMode(journal::Durability mode) {
  switch (mode) {
    case journal::Durability::kImmediate: return SeedMode::kImmediate;
    case journal::Durability::kGroupCommit: return SeedMode::kGroupCommit;
    case journal::Durability::kRelaxed: return SeedMode::kRelaxed;
  }
  return SeedMode::kImmediate;
}

class LegacyUnderTest final : public JournalUnderTest {
 public:
  explicit LegacyUnderTest(std::unique_ptr<SeedJournal> journal) : journal_(std::move(journal)) {}
  Result<uint64_t> Append(const std::vector<journal::Op>& ops) override {
    return journal_->WriteTransaction(ops);
  }
  Status Checkpoint(uint64_t /*applied_txn: the seed's checkpoint takes none*/) override {
    return journal_->Checkpoint();
  }
  Status Close() override { return journal_->Close(); }
  void ReleaseBlockedAppends() override { journal_->ReleaseBlockedWaitersForTest(); }

 private:
  std::unique_ptr<SeedJournal> journal_;
};

class ReferenceUnderTest final : public JournalUnderTest {
 public:
  explicit ReferenceUnderTest(std::unique_ptr<journal::Journal> journal)
      : journal_(std::move(journal)) {}
  Result<uint64_t> Append(const std::vector<journal::Op>& ops) override {
    return journal_->Append(ops);
  }
  Status Checkpoint(uint64_t applied_txn) override { return journal_->Checkpoint(applied_txn); }
  Status Close() override { return journal_->Close(); }
  void ReleaseBlockedAppends() override {}  // its appends never wait on a failed batch

 private:
  std::unique_ptr<journal::Journal> journal_;
};

journal::JournalOptions ReferenceOptions(const SeedWorkloadOptions& options) {
  journal::JournalOptions reference = journal::tool::MakeJournalOptions(options.mode, 0);
  reference.clock_ns = DeterministicClock();
  return reference;
}

Result<bool> NameExists(FileSystem& fs, const std::string& path) {
  POWERCUT_ASSIGN_OR_RETURN(std::vector<std::string> names, fs.List(ParentDir(path)));
  const std::string base = path.substr(path.find_last_of('/') + 1);
  return std::find(names.begin(), names.end(), base) != names.end();
}

Status SyncFile(FileSystem& fs, const std::string& path) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kReadOnly));
  POWERCUT_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

}  // namespace

Result<std::unique_ptr<JournalUnderTest>> OpenJournalUnderTest(FileSystem& fs,
                                                               const SeedWorkloadOptions& options,
                                                               DrainHook after_drain) {
  if (options.design == Design::kReference) {
    POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<journal::Journal> journal,
                              journal::Journal::Open(fs, options.path, ReferenceOptions(options)));
    return std::unique_ptr<JournalUnderTest>(
        std::make_unique<ReferenceUnderTest>(std::move(journal)));
  }
  SeedJournalOptions legacy;
  legacy.mode = LegacyMode(options.mode);
  legacy.max_delay_ms = options.max_delay_ms;
  legacy.max_pending_ops = options.max_pending_ops;
  legacy.clock_ns = DeterministicClock();
  legacy.after_drain = std::move(after_drain);
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<SeedJournal> journal,
                            SeedJournal::Open(fs, options.path, std::move(legacy)));
  return std::unique_ptr<JournalUnderTest>(std::make_unique<LegacyUnderTest>(std::move(journal)));
}

Result<RecoveredJournal> RecoverJournal(FileSystem& fs, const SeedWorkloadOptions& options) {
  RecoveredJournal recovered;
  POWERCUT_ASSIGN_OR_RETURN(recovered.existed, NameExists(fs, options.path));
  if (options.design == Design::kReference) {
    POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<journal::Journal> journal,
                              journal::Journal::Open(fs, options.path, ReferenceOptions(options)));
    POWERCUT_RETURN_IF_ERROR(journal->Replay(0, [&](const journal::Transaction& txn) {
      recovered.txns.push_back(txn);
      return Status::Ok();
    }));
    recovered.checkpoint_txn = journal->checkpoint_txn();
    POWERCUT_RETURN_IF_ERROR(journal->Close());
    return recovered;
  }
  // The seed's mount: open (creating the file if missing), then replay it.
  POWERCUT_ASSIGN_OR_RETURN(
      std::unique_ptr<SeedJournal> journal,
      SeedJournal::Open(fs, options.path, {.mode = SeedMode::kImmediate}));
  uint64_t file_bytes = 0;
  {
    POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file,
                              fs.Open(options.path, OpenMode::kReadOnly));
    POWERCUT_ASSIGN_OR_RETURN(file_bytes, file->Size());
  }
  POWERCUT_ASSIGN_OR_RETURN(recovered.txns,
                            journal->Replay({.max_payload_allocation = file_bytes}));
  POWERCUT_RETURN_IF_ERROR(journal->Close());
  return recovered;
}

Status WriteBackJournal(FileSystem& fs, const SeedWorkloadOptions& options) {
  if (options.design == Design::kLegacy) {
    POWERCUT_RETURN_IF_ERROR(SyncFile(fs, options.path));
  } else {
    POWERCUT_ASSIGN_OR_RETURN(std::vector<std::string> names, fs.List(options.path));
    for (const std::string& name : names) {
      POWERCUT_RETURN_IF_ERROR(SyncFile(fs, JoinPath(options.path, name)));
    }
    POWERCUT_RETURN_IF_ERROR(fs.SyncDir(options.path));
  }
  return fs.SyncDir(ParentDir(options.path));
}

}  // namespace powercut::legacy::tool
