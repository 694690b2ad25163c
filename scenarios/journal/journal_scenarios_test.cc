// The reference journal under the in-process explorer: for each durability mode and workload
// shape (appends, reopens, checkpoints with segment rotation, concurrent writers), every crash
// state each persistence model allows (crash points all, max_deviations 2), with recovery itself
// crashed at each of its steps. Expected: no violation. The workload and the checker are those
// of `powercut-journal` (journal/tool), so this is exactly what the tool promises.
#define BOOST_TEST_MODULE journal_scenarios
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "faultfs/explore/explorer.h"
#include "harness/builtin_journal.h"
#include "journal/tool/workload.h"

namespace powercut::scenarios {
namespace {

using journal::Durability;
using journal::tool::WorkloadOptions;

// The journal's workload and checker as `powercut run` runs its builtin "journal" (harness/
// builtin_journal.h), with its test doubles for a broken journal: a file system that reports
// file syncs, or directory syncs, done without making them.
explore::ExploreResult ExploreJournal(const WorkloadOptions& workload, crash::Model model,
                                      harness::DroppedSyncs dropped = harness::DroppedSyncs::kNone,
                                      int jobs = 2) {
  explore::ExploreOptions options;
  options.generator.model = model;
  options.generator.max_deviations = 2;
  options.generator.crash_points = crash::CrashPoints::kAll;
  options.crash_recovery = true;
  options.jobs = jobs;
  const harness::JournalWorkload journal{.options = workload, .dropped = dropped};
  return explore::Explore(harness::JournalWorkloadFunction(journal),
                          harness::JournalCheckerFunction(journal), options);
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
      Shape(Durability::kImmediate, "append"), crash::Model::kPosix,
      harness::DroppedSyncs::kFileSyncs);
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
                            harness::DroppedSyncs::kFileSyncs)
                 .violating > 0u);
}

BOOST_AUTO_TEST_CASE(skipping_the_directory_sync_is_caught) {
  const explore::ExploreResult result = ExploreJournal(
      Shape(Durability::kImmediate, "append"), crash::Model::kPosix,
      harness::DroppedSyncs::kDirectorySyncs);
  BOOST_REQUIRE(result.violating > 0u);
  BOOST_TEST_MESSAGE(result.violations.front().state_id << ": " << result.violations.front().reason);
  // ext4 commits a new name with any fsync, so there the same journal gets away with it.
  BOOST_TEST(ExploreJournal(Shape(Durability::kImmediate, "append"), crash::Model::kExt4Ordered,
                            harness::DroppedSyncs::kDirectorySyncs)
                 .violating == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::scenarios
