#include "harness/builtin_journal.h"

#include <memory>

#include "harness/builtin_workloads.h"
#include "journal/tool/checker.h"
#include "journal/tool/expected_txns.h"
#include "journal/tool/workload.h"

namespace powercut::harness {
namespace {

// A file whose syncs may be dropped: reported done, not made.
class SyncDroppingFile final : public File {
 public:
  SyncDroppingFile(std::unique_ptr<File> base, bool drop) : base_(std::move(base)), drop_(drop) {}
  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    return base_->ReadAt(offset, out);
  }
  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    return base_->WriteAt(offset, data);
  }
  Status Truncate(uint64_t size_bytes) override { return base_->Truncate(size_bytes); }
  Status Sync() override { return drop_ ? Status::Ok() : base_->Sync(); }
  Status DataSync() override { return drop_ ? Status::Ok() : base_->DataSync(); }
  Result<uint64_t> Size() override { return base_->Size(); }
  Status Close() override { return base_->Close(); }
  const std::string& path() const override { return base_->path(); }

 private:
  std::unique_ptr<File> base_;
  const bool drop_;
};

// The test double of JournalWorkload::dropped over the real (simulated) file system.
class SyncDroppingFileSystem final : public FileSystem {
 public:
  SyncDroppingFileSystem(FileSystem& base, DroppedSyncs dropped) : base_(base), dropped_(dropped) {}
  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override {
    POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, base_.Open(path, mode));
    return std::unique_ptr<File>(
        std::make_unique<SyncDroppingFile>(std::move(file), dropped_ == DroppedSyncs::kFileSyncs));
  }
  Status Rename(const std::string& from, const std::string& to) override {
    return base_.Rename(from, to);
  }
  Status Unlink(const std::string& path) override { return base_.Unlink(path); }
  Status CreateDir(const std::string& path) override { return base_.CreateDir(path); }
  Status SyncDir(const std::string& path) override {
    return dropped_ == DroppedSyncs::kDirectorySyncs ? Status::Ok() : base_.SyncDir(path);
  }
  Result<std::vector<std::string>> List(const std::string& path) override {
    return base_.List(path);
  }

 private:
  FileSystem& base_;
  const DroppedSyncs dropped_;
};

journal::tool::CheckOptions CheckOptionsFor(const journal::tool::WorkloadOptions& w) {
  journal::tool::CheckOptions options;
  options.dir = w.dir;
  options.durability = w.durability;
  options.seed = w.seed;
  options.ops_per_txn = w.ops_per_txn;
  options.max_segment_bytes = w.max_segment_bytes;
  options.expected = std::make_shared<const journal::tool::ExpectedTxns>(
      journal::tool::ExpectedTxns::ForWorkload(w));
  return options;
}

}  // namespace

explore::Workload JournalWorkloadFunction(const JournalWorkload& workload) {
  return [workload](FileSystem& fs, OutputSink& out) {
    OutputLineSink sink(out);
    if (workload.dropped == DroppedSyncs::kNone) {
      return journal::tool::RunWorkload(fs, workload.options, sink);
    }
    SyncDroppingFileSystem broken(fs, workload.dropped);
    return journal::tool::RunWorkload(broken, workload.options, sink);
  };
}

explore::Checker JournalCheckerFunction(const JournalWorkload& workload) {
  return [options = CheckOptionsFor(workload.options)](FileSystem& fs,
                                                       const std::vector<std::string>& output) {
    const Result<journal::tool::CheckVerdict> verdict =
        journal::tool::RunCheckWithOutput(fs, options, journal::tool::ParseAckLines(output));
    if (!verdict.ok()) {
      return explore::Verdict::Violation("the checker could not run: " +
                                         verdict.status().ToString());
    }
    return verdict->consistent ? explore::Verdict::Consistent()
                               : explore::Verdict::Violation(verdict->reason);
  };
}

std::vector<std::string> JournalCheckerCommand(const JournalWorkload& workload) {
  const journal::tool::WorkloadOptions& w = workload.options;
  std::vector<std::string> argv = {"powercut-journal",
                                   "check",
                                   w.dir,
                                   "--acked",
                                   "{output}",
                                   "--mode",
                                   std::string(journal::DurabilityName(w.durability)),
                                   "--seed",
                                   std::to_string(w.seed),
                                   "--ops-per-txn",
                                   std::to_string(w.ops_per_txn)};
  if (w.max_segment_bytes != 0) {
    argv.insert(argv.end(), {"--max-segment-bytes", std::to_string(w.max_segment_bytes)});
  }
  return argv;
}

}  // namespace powercut::harness
