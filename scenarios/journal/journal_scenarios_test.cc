// The reference journal under the in-process explorer: for each durability mode and workload
// shape (appends, reopens, checkpoints with segment rotation, concurrent writers), every crash
// state each persistence model allows (crash points all, max_deviations 2), with recovery itself
// crashed at each of its steps. Expected: no violation. The workload and the checker are those
// of `powercut-journal` (journal/tool), so this is exactly what the tool promises.
#define BOOST_TEST_MODULE journal_scenarios
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "faultfs/explore/explorer.h"
#include "journal/tool/checker.h"
#include "journal/tool/workload.h"

namespace powercut::scenarios {
namespace {

using journal::Durability;
using journal::tool::WorkloadOptions;

// The workload's `ack`/`checkpoint` lines go to the explorer as output events.
class ToOutput final : public journal::tool::LineSink {
 public:
  explicit ToOutput(OutputSink& out) : out_(out) {}
  Status WriteLine(std::string_view line) override {
    out_.Line(line);
    return Status::Ok();
  }

 private:
  OutputSink& out_;
};

// Test doubles for a broken journal: a file system that drops (reports OK without doing) file
// syncs, or directory syncs. The journal above it then acknowledges what is not durable.
enum class Dropped { kNothing, kFileSyncs, kDirectorySyncs };

class DroppingFile final : public File {
 public:
  DroppingFile(std::unique_ptr<File> base, bool drop) : base_(std::move(base)), drop_(drop) {}
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

class DroppingFileSystem final : public FileSystem {
 public:
  DroppingFileSystem(FileSystem& base, Dropped dropped) : base_(base), dropped_(dropped) {}
  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override {
    POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, base_.Open(path, mode));
    return std::unique_ptr<File>(
        std::make_unique<DroppingFile>(std::move(file), dropped_ == Dropped::kFileSyncs));
  }
  Status Rename(const std::string& a, const std::string& b) override { return base_.Rename(a, b); }
  Status Unlink(const std::string& path) override { return base_.Unlink(path); }
  Status CreateDir(const std::string& path) override { return base_.CreateDir(path); }
  Status SyncDir(const std::string& path) override {
    return dropped_ == Dropped::kDirectorySyncs ? Status::Ok() : base_.SyncDir(path);
  }
  Result<std::vector<std::string>> List(const std::string& path) override {
    return base_.List(path);
  }

 private:
  FileSystem& base_;
  const Dropped dropped_;
};

explore::ExploreResult ExploreJournal(const WorkloadOptions& workload, crash::Model model,
                                      Dropped dropped = Dropped::kNothing, int jobs = 2) {
  explore::ExploreOptions options;
  options.generator.model = model;
  options.generator.max_deviations = 2;
  options.generator.crash_points = crash::CrashPoints::kAll;
  options.crash_recovery = true;
  options.jobs = jobs;
  const explore::Workload run = [&](FileSystem& fs, OutputSink& out) {
    ToOutput sink(out);
    DroppingFileSystem broken(fs, dropped);
    return journal::tool::RunWorkload(broken, workload, sink);
  };
  const explore::Checker check = [&](FileSystem& fs, const std::vector<std::string>& output) {
    std::string text;
    for (const std::string& line : output) text += line + "\n";
    journal::tool::CheckOptions check_options;
    check_options.dir = workload.dir;
    check_options.durability = workload.durability;
    check_options.seed = workload.seed;
    check_options.ops_per_txn = workload.ops_per_txn;
    check_options.max_segment_bytes = workload.max_segment_bytes;
    const Result<journal::tool::CheckVerdict> verdict = journal::tool::RunCheckWithOutput(
        fs, check_options, journal::tool::ParseAckOutput(text));
    if (!verdict.ok()) {
      return explore::Verdict::Violation("the checker could not run: " +
                                         verdict.status().ToString());
    }
    return verdict->consistent ? explore::Verdict::Consistent()
                               : explore::Verdict::Violation(verdict->reason);
  };
  return explore::Explore(run, check, options);
}

WorkloadOptions Shape(Durability durability, const std::string& shape) {
  WorkloadOptions w;
  w.dir = "wal";
  w.durability = durability;
  w.ops_per_txn = 2;
  w.txns = 6;
  if (shape == "reopen") w.reopen_every = 2;
  if (shape == "checkpoint") {
    w.txns = 8;
    w.checkpoint_every = 3;
    w.max_segment_bytes = 512;  // a few records per segment: rotations
  }
  if (shape == "threads") w.threads = 3;
  return w;
}

void ExpectNoViolation(Durability durability, const std::string& shape) {
  for (const crash::Model model : crash::AllModels()) {
    const explore::ExploreResult result = ExploreJournal(Shape(durability, shape), model);
    BOOST_TEST_CONTEXT(journal::DurabilityName(durability) << " " << shape << " under "
                                                           << crash::ModelName(model)) {
      BOOST_TEST_MESSAGE(journal::DurabilityName(durability)
                         << " " << shape << " " << crash::ModelName(model) << ": "
                         << result.trace.events.size() << " events, " << result.stats.unique
                         << " states, " << result.checked << " checked, "
                         << result.recovery_checked << " recovery states, "
                         << result.violating << " violations");
      BOOST_REQUIRE_MESSAGE(result.workload_status.ok(), result.workload_status.ToString());
      BOOST_TEST(!result.stats.capped);
      BOOST_TEST(result.checked > 0u);
      BOOST_TEST(result.recovery_checked > 0u);
      BOOST_TEST(result.violating == 0u);
      for (const explore::Violation& v : result.violations) {
        BOOST_TEST_MESSAGE(v.state_id << ": " << v.reason);
        for (const std::string& d : v.deviations) BOOST_TEST_MESSAGE("    " << d);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE(journal_under_crashes)

BOOST_AUTO_TEST_CASE(immediate_appends_survive_every_crash) { ExpectNoViolation(Durability::kImmediate, "append"); }
BOOST_AUTO_TEST_CASE(immediate_reopens_survive_every_crash) { ExpectNoViolation(Durability::kImmediate, "reopen"); }
BOOST_AUTO_TEST_CASE(immediate_checkpoints_and_rotations_survive_every_crash) { ExpectNoViolation(Durability::kImmediate, "checkpoint"); }
BOOST_AUTO_TEST_CASE(immediate_concurrent_writers_survive_every_crash) { ExpectNoViolation(Durability::kImmediate, "threads"); }
BOOST_AUTO_TEST_CASE(group_commit_appends_survive_every_crash) { ExpectNoViolation(Durability::kGroupCommit, "append"); }
BOOST_AUTO_TEST_CASE(group_commit_reopens_survive_every_crash) { ExpectNoViolation(Durability::kGroupCommit, "reopen"); }
BOOST_AUTO_TEST_CASE(group_commit_checkpoints_and_rotations_survive_every_crash) { ExpectNoViolation(Durability::kGroupCommit, "checkpoint"); }
BOOST_AUTO_TEST_CASE(group_commit_concurrent_writers_survive_every_crash) { ExpectNoViolation(Durability::kGroupCommit, "threads"); }
BOOST_AUTO_TEST_CASE(relaxed_appends_keep_a_prefix_after_every_crash) { ExpectNoViolation(Durability::kRelaxed, "append"); }
BOOST_AUTO_TEST_CASE(relaxed_reopens_keep_a_prefix_after_every_crash) { ExpectNoViolation(Durability::kRelaxed, "reopen"); }
BOOST_AUTO_TEST_CASE(relaxed_checkpoints_and_rotations_keep_a_prefix_after_every_crash) { ExpectNoViolation(Durability::kRelaxed, "checkpoint"); }
BOOST_AUTO_TEST_CASE(relaxed_concurrent_writers_keep_a_prefix_after_every_crash) { ExpectNoViolation(Durability::kRelaxed, "threads"); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(broken_journal)

BOOST_AUTO_TEST_CASE(acknowledging_before_the_sync_is_caught) {
  const explore::ExploreResult result = ExploreJournal(
      Shape(Durability::kImmediate, "append"), crash::Model::kPosix, Dropped::kFileSyncs);
  BOOST_REQUIRE(result.violating > 0u);
  // Among them, acknowledged transactions that a power cut took away.
  const auto lost = std::find_if(result.violations.begin(), result.violations.end(),
                                 [](const explore::Violation& v) {
                                   return v.reason.starts_with("acknowledged txn");
                                 });
  BOOST_REQUIRE(lost != result.violations.end());
  BOOST_TEST_MESSAGE(lost->state_id << ": " << lost->reason);
  // Even the gentlest model loses what was never synced.
  BOOST_TEST(ExploreJournal(Shape(Durability::kImmediate, "append"), crash::Model::kDropUnsynced,
                            Dropped::kFileSyncs)
                 .violating > 0u);
}

BOOST_AUTO_TEST_CASE(skipping_the_directory_sync_is_caught) {
  const explore::ExploreResult result = ExploreJournal(
      Shape(Durability::kImmediate, "append"), crash::Model::kPosix, Dropped::kDirectorySyncs);
  BOOST_REQUIRE(result.violating > 0u);
  BOOST_TEST_MESSAGE(result.violations.front().state_id << ": " << result.violations.front().reason);
  // ext4 commits a new name with any fsync, so there the same journal gets away with it.
  BOOST_TEST(ExploreJournal(Shape(Durability::kImmediate, "append"), crash::Model::kExt4Ordered,
                            Dropped::kDirectorySyncs)
                 .violating == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::scenarios
