#include "faultfs/reduce/explain.h"

#include <boost/test/unit_test.hpp>

#include "faultfs/reduce/bugs_test_util.h"
#include "faultfs/reduce/promises.h"

namespace powercut::reduce {
namespace {

using crash::Model;
using testing::ExploreAndReduce;
using testing::Explored;

std::string Describe(const Reduction& r) {
  std::string out = "\n" + r.explanation.summary + "\n";
  for (const std::string& d : r.explanation.details) out += "  " + d + "\n";
  return out + "  fix: " + r.explanation.fix_hint + "\n  " + r.replay + "\n  key: " + r.group_key;
}

// The single group an exploration must have found, shown in the test log.
const Reduction& OnlyGroup(const Explored& explored) {
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 1u);
  const Reduction& r = explored.groups.front().representative;
  BOOST_TEST_MESSAGE(explored.violations << " violations, " << explored.oracle_calls
                                         << " oracle calls" << Describe(r));
  return r;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

BOOST_AUTO_TEST_SUITE(explain)

BOOST_AUTO_TEST_CASE(a_rename_without_fsync_is_a_non_atomic_update_fixed_by_fsyncing_the_new_file) {
  for (const Model model : {Model::kPosix, Model::kPrefix}) {
    const Explored explored = ExploreAndReduce(testing::RenameWithoutFsync(), {.model = model});
    const Reduction& r = OnlyGroup(explored);
    for (const Reduction& each : explored.reductions) {
      BOOST_TEST((each.cause.kind == ViolationClass::kNonAtomicUpdate), Describe(each));
      BOOST_TEST(each.explanation.fix_hint ==
                     "fsync `f.tmp` after `write f.tmp @0+9` (#3) and before "
                     "`rename f.tmp -> f` (#4)",
                 Describe(each));
    }
    BOOST_TEST(Contains(r.explanation.summary, "`rename f.tmp -> f` (#4)"));
    BOOST_TEST(Contains(r.explanation.summary, "without the data it names"));
  }
  BOOST_TEST(ExploreAndReduce(testing::RenameWithoutFsync(/*fsync_tmp=*/true), {}).violations == 0u);
  // ext4's auto_da_alloc writes the data before the replacing rename: no violation there.
  BOOST_TEST(ExploreAndReduce(testing::RenameWithoutFsync(), {.model = Model::kExt4Ordered})
                 .violations == 0u);
}

BOOST_AUTO_TEST_CASE(an_append_acknowledged_before_fsync_is_acknowledged_before_durable) {
  const Explored explored = ExploreAndReduce(testing::AckBeforeFsync(4), {});
  const Reduction& r = OnlyGroup(explored);
  BOOST_TEST((r.cause.kind == ViolationClass::kAcknowledgedBeforeDurable));
  BOOST_TEST(r.explanation.summary ==
             "acknowledged before durable: `ack 1` (#2) was printed while "
             "`write log @0+8` (#1, bytes 0-7) was not durable");
  BOOST_TEST(r.explanation.fix_hint ==
             "fsync `log` after `write log @0+8` (#1) and before printing `ack 1` (#2)");
  BOOST_TEST(r.minimal.state.id == "c3");  // right after the promise
  BOOST_TEST(ExploreAndReduce(testing::AckBeforeFsync(4, /*fsync_each=*/true), {}).violations == 0u);
}

BOOST_AUTO_TEST_CASE(a_commit_by_unlink_without_a_directory_fsync_names_that_fsync) {
  const Explored r_explored = ExploreAndReduce(testing::JournalUnlinkWithoutDirSync(), {});
  const Reduction& r = OnlyGroup(r_explored);
  BOOST_TEST((r.cause.kind == ViolationClass::kAcknowledgedBeforeDurable));
  BOOST_TEST(r.explanation.fix_hint ==
             "fsync the directory `.` after `unlink db-journal` (#8) and before printing "
             "`ack 3` (#9)");
  BOOST_TEST(r.cause.unsynced_confirmed);
  BOOST_TEST(r.cause.promises == std::vector<size_t>{9});  // "txn 3 ..." names "ack 3"
}

BOOST_AUTO_TEST_CASE(a_torn_sector_is_a_torn_write_with_its_byte_ranges) {
  const Explored r_explored = ExploreAndReduce(testing::OverwriteInPlace(), {});
  const Reduction& r = OnlyGroup(r_explored);
  BOOST_TEST((r.cause.kind == ViolationClass::kTornWrite));
  BOOST_TEST(r.minimal.deviations == 1);
  BOOST_TEST((Contains(r.explanation.summary, "bytes 0-511 persisted, bytes 512-1023 did not") ||
              Contains(r.explanation.summary, "bytes 512-1023 persisted, bytes 0-511 did not")));
  BOOST_TEST(Contains(r.explanation.fix_hint, "can tear at 512-byte sectors"));
  BOOST_TEST(Contains(r.explanation.fix_hint, "do not overwrite `f` in place"));
}

BOOST_AUTO_TEST_CASE(an_append_whose_size_persisted_without_its_data_is_a_torn_write) {
  const Explored r_explored = ExploreAndReduce(testing::AppendWithoutChecksum(), {});
  const Reduction& r = OnlyGroup(r_explored);
  BOOST_TEST((r.cause.kind == ViolationClass::kTornWrite));
  BOOST_TEST(Contains(r.explanation.summary,
                      "its size change to 1024 persisted, bytes 0-1023 did not (they read as zeros)"));
  BOOST_TEST(Contains(r.explanation.fix_hint, "recovery must detect a torn tail of `f`"));
}

BOOST_AUTO_TEST_CASE(a_later_file_durable_before_an_earlier_one_is_a_reordering) {
  // Persisted out of order (one deviation), and made durable by syncing the later file only
  // (no deviation: the drop-unsynced state violates): the same cause, one key, one fix.
  const Explored reordered_explored = ExploreAndReduce(testing::DataThenIndex(false), {});
  const Reduction& reordered = OnlyGroup(reordered_explored);
  const Explored synced_explored = ExploreAndReduce(testing::DataThenIndex(true), {.max_deviations = 0});
  const Reduction& synced = OnlyGroup(synced_explored);
  for (const Reduction* r : {&reordered, &synced}) {
    BOOST_TEST((r->cause.kind == ViolationClass::kReordering));
    BOOST_TEST(r->explanation.fix_hint ==
               "fsync `data` after `write data @0+7` (#2) and before `write index @0+1` (#3)");
  }
  BOOST_TEST(reordered.minimal.deviations == 1);
  BOOST_TEST(synced.minimal.deviations == 0);
  BOOST_TEST(Contains(synced.explanation.summary, "became durable at `fsync index` (#4)"));
  BOOST_TEST(reordered.group_key == synced.group_key);
}

BOOST_AUTO_TEST_CASE(half_an_update_made_durable_is_a_non_atomic_update) {
  const Explored explored =
      ExploreAndReduce(testing::TwoFilesInPlace(), {.max_deviations = 0, .deduplicate = false});
  bool found = false;
  for (const Reduction& r : explored.reductions) {
    if (r.minimal.deviations > 0 || !r.cause.breaking_event) continue;
    found = true;
    BOOST_TEST_MESSAGE(Describe(r));
    BOOST_TEST((r.cause.kind == ViolationClass::kNonAtomicUpdate));
    BOOST_TEST(Contains(r.explanation.summary,
                        "`write a @0+3` (#4) became durable at `fsync a` (#6) but the later "
                        "`write b @0+3` (#5, bytes 0-2), part of the same update, was still pending"));
    BOOST_TEST(Contains(r.explanation.fix_hint, "must persist together"));
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(a_crash_cut_update_is_non_atomic_but_a_bad_state_of_its_own_is_not) {
  const Explored cut = ExploreAndReduce(testing::TwoFilesInPlace(), {});
  const auto interrupted = std::find_if(cut.reductions.begin(), cut.reductions.end(),
                                        [](const Reduction& r) { return !r.cause.culprit; });
  BOOST_REQUIRE(interrupted != cut.reductions.end());
  BOOST_TEST((interrupted->cause.kind == ViolationClass::kNonAtomicUpdate));
  BOOST_TEST(Contains(interrupted->explanation.summary, "interrupted an update"));
  const Explored bad_explored = ExploreAndReduce(testing::SyncsABadState(), {});
  const Reduction& bad = OnlyGroup(bad_explored);
  BOOST_TEST((bad.cause.kind == ViolationClass::kSyncedStateViolates));
  BOOST_TEST(bad.cause.final_state_violates);
}

BOOST_AUTO_TEST_CASE(a_crashing_recovery_is_its_own_class_with_the_shape_of_its_state) {
  testing::Bug bug = testing::OverwriteInPlace();
  const auto plain = bug.checker;
  bug.checker = [plain](const FsImage& image, const std::vector<std::string>& output) {
    const Judgement j = plain(image, output);
    return j.violates() ? Judgement::FromReason("recovery crashed: killed by SIGSEGV") : j;
  };
  const Explored r_explored = ExploreAndReduce(bug, {});
  const Reduction& r = OnlyGroup(r_explored);
  BOOST_TEST((r.cause.kind == ViolationClass::kRecoveryFailed));
  BOOST_TEST((r.cause.shape == ViolationClass::kTornWrite));
  BOOST_TEST(r.explanation.summary.starts_with(
      "recovery crashed or hung (recovery crashed: killed by SIGSEGV) on a state where "));
  BOOST_TEST(Contains(r.explanation.fix_hint, "make recovery survive this state"));
  BOOST_TEST(Contains(r.group_key, "(crashed) torn write"));
}

BOOST_AUTO_TEST_CASE(a_crashing_recovery_is_not_reduced_to_another_kind_of_violation) {
  // "done" is printed before any fsync: the drop-unsynced state violates plainly, while a torn
  // write makes recovery hang. The hang is what is reduced, to one tear, not to the promise.
  SimFileSystem fs(testing::InitialFile("f", std::string(1024, 'A')));
  auto f = fs.Open("f", OpenMode::kReadWrite);
  testing::Check((*f)->WriteAt(0, testing::Bytes(std::string(1024, 'B'))));
  fs.output().Line("done");
  testing::Bug bug{fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>& output) {
    const std::string contents = testing::FileAt(image, "f").value_or("");
    if (contents != std::string(1024, 'A') && contents != std::string(1024, 'B')) {
      return Judgement::FromReason("recovery hung: no exit after 5 s");
    }
    if (testing::Printed(output, "done") && contents[0] != 'B') {
      return Judgement::Violation("done, but f is old");
    }
    return Judgement::Consistent();
  }};
  const Explored explored = ExploreAndReduce(bug, {});
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 2u);
  const crash::CrashStateGenerator generator(bug.trace, {});
  size_t hung = 0;
  for (const Reduction& r : explored.reductions) {
    auto original = generator.Materialize(r.minimal.original_id);
    BOOST_REQUIRE(original.ok());
    const Judgement was = bug.checker(original->second, generator.OutputBefore(original->first.crash_point));
    BOOST_TEST((r.minimal.judgement.kind == was.kind), r.minimal.original_id);
    if (was.kind != Judgement::Kind::kRecoveryHung) continue;
    ++hung;
    BOOST_TEST((r.cause.kind == ViolationClass::kRecoveryFailed));
    BOOST_TEST(r.minimal.deviations == 1);
    BOOST_TEST(Contains(r.group_key, "(hung) torn write"));
  }
  BOOST_TEST(hung > 0u);
}

BOOST_AUTO_TEST_CASE(a_spent_budget_is_reported_and_nothing_unjudged_is_claimed) {
  const Explored explored =
      ExploreAndReduce(testing::DataThenIndex(false), {}, {.max_oracle_calls = 1});
  BOOST_REQUIRE(!explored.reductions.empty());
  for (const Reduction& r : explored.reductions) {
    BOOST_TEST(r.oracle_calls <= 1u);
    if (!r.budget_exhausted) continue;
    BOOST_TEST(Contains(r.explanation.details.back(), "the oracle budget of 1 call ran out"));
    BOOST_TEST(!r.cause.culprit_confirmed);
    for (const std::string& d : r.explanation.details) {
      BOOST_TEST(!Contains(d, "the state is consistent"), d);
    }
  }
  BOOST_TEST(std::any_of(explored.reductions.begin(), explored.reductions.end(),
                         [](const Reduction& r) { return r.budget_exhausted; }));
}

BOOST_AUTO_TEST_CASE(judgements_read_recovery_failures_from_the_reason) {
  BOOST_TEST((Judgement::FromReason("recovery crashed: killed by SIGABRT").kind ==
              Judgement::Kind::kRecoveryCrashed));
  BOOST_TEST((Judgement::FromReason("recovery hung: no exit after 5 s").kind ==
              Judgement::Kind::kRecoveryHung));
  BOOST_TEST((Judgement::FromReason("txn 3 missing").kind == Judgement::Kind::kViolation));
}

BOOST_AUTO_TEST_CASE(promises_are_tied_by_their_text_or_their_numbers) {
  trace::Trace trace;
  for (const char* line : {"ack 1", "ack 6", "ack 16", "saved"}) {
    trace.events.push_back(trace::Event{.type = trace::EventType::kOutput, .data = line});
  }
  BOOST_TEST(TiedPromises(trace, 4, "acknowledged txn 6 missing") == std::vector<size_t>{1});
  BOOST_TEST(TiedPromises(trace, 4, "\"saved\" printed but f is old") == std::vector<size_t>{3});
  BOOST_TEST(TiedPromises(trace, 4, "f is empty").empty());
  BOOST_TEST(TiedPromises(trace, 2, "txn 16 missing").empty());  // printed after the crash
}

BOOST_AUTO_TEST_CASE(the_same_reduction_gives_the_same_words) {
  const Explored a = ExploreAndReduce(testing::TwoFilesInPlace(), {});
  const Explored b = ExploreAndReduce(testing::TwoFilesInPlace(), {});
  BOOST_REQUIRE_EQUAL(a.reductions.size(), b.reductions.size());
  for (size_t i = 0; i < a.reductions.size(); ++i) {
    BOOST_TEST(Describe(a.reductions[i]) == Describe(b.reductions[i]));
  }
}

BOOST_AUTO_TEST_CASE(the_replay_command_names_the_options_the_id_depends_on) {
  BOOST_TEST(ReplayCommand({.model = Model::kExt4Ordered, .sector_bytes = 4096}, "run.trace",
                           "c5+e4") ==
             "powercut replay run.trace --state c5+e4 --model ext4-ordered --sector-bytes 4096 "
             "-o state-c5+e4");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reduce
