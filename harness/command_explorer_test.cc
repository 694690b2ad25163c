#include "harness/command_explorer.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

using namespace std::chrono_literals;

// "f" must never be empty.
constexpr const char* kNotEmpty = "test -s f || { echo 'f is empty'; exit 1; }";
// "f" holds "old" or "new", and "new" once "saved" was printed.
constexpr const char* kKeepsPromise =
    "c=$(cat f) || exit 3; "
    "if grep -qx saved \"$POWERCUT_OUTPUT\"; then test \"$c\" = new || { echo \"saved, but f "
    "holds '$c'\"; exit 1; }; "
    "else test \"$c\" = old || test \"$c\" = new || { echo \"f holds '$c'\"; exit 1; }; fi";

CommandExploreResult Explore(const trace::Trace& trace, const std::string& command,
                             crash::Model model = crash::Model::kPosix, int jobs = 2,
                             std::chrono::milliseconds timeout = 10s, size_t max_states = 100000) {
  CommandExploreOptions options;
  options.generator.model = model;
  options.generator.max_states = max_states;
  options.checker = {.command = command, .timeout = timeout, .scenario = "test"};
  options.jobs = jobs;
  Result<CommandExploreResult> result = ExploreWithCommand(trace, options);
  BOOST_REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  BOOST_TEST(!std::filesystem::exists(result->scratch_root), "scratch left behind");
  return *result;
}

BOOST_AUTO_TEST_SUITE(command_explorer)

BOOST_AUTO_TEST_CASE(posix_finds_the_empty_file_of_a_rename_without_fsync) {
  const CommandExploreResult r = Explore(test::ReplaceWithoutFsync(), kNotEmpty);
  BOOST_TEST(r.error.ok(), r.error.ToString());
  BOOST_TEST(r.checked == r.stats.unique);
  BOOST_REQUIRE(r.violating > 0u);
  const explore::Violation& v = r.violations.front();
  BOOST_TEST(v.reason == "f is empty");
  BOOST_TEST(v.details.starts_with("exit 1"));
  BOOST_TEST(std::any_of(v.deviations.begin(), v.deviations.end(), [](const std::string& d) {
    return d.find("rename f.tmp -> f persisted while") != std::string::npos;
  }));
}

BOOST_AUTO_TEST_CASE(prefix_drop_unsynced_and_ext4_keep_the_old_file_without_fsync) {
  // prefix persists the rename only after the write before it; drop-unsynced persists nothing
  // unsynced; ext4-ordered's auto_da_alloc makes a replacing rename wait for the data.
  for (const crash::Model model :
       {crash::Model::kPrefix, crash::Model::kDropUnsynced, crash::Model::kExt4Ordered}) {
    const CommandExploreResult r = Explore(test::ReplaceWithoutFsync(), kNotEmpty, model);
    BOOST_TEST(r.error.ok());
    BOOST_TEST(r.violating == 0u, crash::ModelName(model));
    BOOST_TEST(r.checked == r.stats.unique);
  }
  // drop-unsynced gives one state per crash point, all of them the initial one here.
  const CommandExploreResult drop =
      Explore(test::ReplaceWithoutFsync(), kNotEmpty, crash::Model::kDropUnsynced);
  BOOST_TEST(drop.stats.generated == drop.stats.crash_points);
}

BOOST_AUTO_TEST_CASE(but_not_the_promise_when_the_data_was_never_synced) {
  // Without fsync nothing is durable: "saved" was printed and the old file is all there is.
  const CommandExploreResult r =
      Explore(test::ReplaceWithoutFsync(), kKeepsPromise, crash::Model::kDropUnsynced);
  BOOST_REQUIRE(r.violating > 0u);
  BOOST_TEST(r.violations.front().reason == "saved, but f holds 'old'");
}

BOOST_AUTO_TEST_CASE(a_correct_fsync_rename_dir_fsync_has_no_violation_in_any_model) {
  for (const crash::Model model : crash::AllModels()) {
    const CommandExploreResult r = Explore(test::ReplaceDurably(), kKeepsPromise, model);
    BOOST_TEST(r.error.ok(), r.error.ToString());
    BOOST_TEST(r.violating == 0u, crash::ModelName(model));
    BOOST_TEST(r.checked > 1u);
  }
}

BOOST_AUTO_TEST_CASE(the_output_file_holds_the_lines_before_the_crash_point) {
  powercut::testing::TempDir dir;
  const trace::Trace trace = test::ManyUnsyncedFiles(3, 1);
  const CommandExploreResult r =
      Explore(trace, "cp \"$POWERCUT_OUTPUT\" " + dir.path() + "/out-$POWERCUT_CRASH_POINT",
              crash::Model::kDropUnsynced);
  BOOST_TEST(r.violating == 0u);
  size_t compared = 0;
  std::string expected;
  for (size_t c = trace.first_crash_point; c <= trace.events.size(); ++c) {
    if (c > 0 && trace.events[c - 1].type == trace::EventType::kOutput) {
      expected += trace.events[c - 1].data + "\n";
    }
    const std::string path = dir.path() + "/out-" + std::to_string(c);
    if (!std::filesystem::exists(path)) continue;  // a duplicate state, checked elsewhere
    BOOST_TEST(test::ReadFile(path) == expected, "crash point " << c);
    ++compared;
  }
  BOOST_TEST(compared == r.checked);
  BOOST_TEST(expected == "wrote file0\nwrote file1\nwrote file2\n");
}

BOOST_AUTO_TEST_CASE(a_checker_that_hangs_is_a_hung_recovery) {
  const auto start = std::chrono::steady_clock::now();
  const CommandExploreResult r = Explore(test::ReplaceWithoutFsync(), "sleep 30",
                                         crash::Model::kPosix, 2, 200ms, 3);
  BOOST_TEST(r.checked == 3u);
  BOOST_TEST(r.violating == 3u);
  BOOST_REQUIRE(!r.violations.empty());
  BOOST_TEST(r.violations.front().reason == "recovery hung: no exit after 0.2 s");
  BOOST_TEST((std::chrono::steady_clock::now() - start < 20s));
}

BOOST_AUTO_TEST_CASE(a_checker_that_segfaults_is_a_crashed_recovery) {
  const CommandExploreResult r =
      Explore(test::ReplaceWithoutFsync(), "kill -SEGV $$", crash::Model::kPosix, 2, 10s, 2);
  BOOST_TEST(r.violating == 2u);
  BOOST_REQUIRE(!r.violations.empty());
  BOOST_TEST(r.violations.front().reason == "recovery crashed: killed by SIGSEGV");
}

BOOST_AUTO_TEST_CASE(a_checker_that_cannot_run_stops_everything_with_its_reason) {
  for (const std::string& command :
       {std::string("echo 'no journal here'; exit 125"), std::string("no-such-checker-xyz")}) {
    const CommandExploreResult r = Explore(test::ManyUnsyncedFiles(4, 2), command);
    BOOST_TEST(!r.error.ok());
    BOOST_TEST(r.violating == 0u);
    BOOST_TEST(r.checked == 0u);
    BOOST_TEST(r.error.message().find("crash state c") != std::string::npos, r.error.ToString());
  }
  const CommandExploreResult r125 = Explore(test::ManyUnsyncedFiles(4, 2), "echo nope; exit 125");
  BOOST_TEST(r125.error.message().find("the checker could not run (exit 125): nope") !=
                 std::string::npos,
             r125.error.ToString());
  const CommandExploreResult r127 = Explore(test::ManyUnsyncedFiles(4, 2), "no-such-checker-xyz");
  BOOST_TEST(r127.error.message().find("was not found (sh exit 127)") != std::string::npos,
             r127.error.ToString());
}

BOOST_AUTO_TEST_CASE(a_checker_that_prints_megabytes_gives_a_bounded_reason_and_details) {
  const CommandExploreResult r =
      Explore(test::ReplaceWithoutFsync(), "head -c 5000000 /dev/zero | tr '\\0' x; exit 1",
              crash::Model::kPosix, 2, 30s, 2);
  BOOST_REQUIRE(r.violations.size() == 2u);
  const explore::Violation& v = r.violations.front();
  BOOST_TEST(v.reason == std::string(300, 'x') + "...");
  BOOST_TEST(v.details.size() < 4096u);
  BOOST_TEST(v.details.find("(4997952 more bytes of stdout not shown)") != std::string::npos,
             v.details);
}

BOOST_AUTO_TEST_CASE(a_checker_may_leave_unreadable_things_behind) {
  const CommandExploreResult r =
      Explore(test::ReplaceWithoutFsync(), "mkdir -p locked/in && chmod 000 locked",
              crash::Model::kPosix, 1, 10s, 3);
  BOOST_TEST(r.error.ok(), r.error.ToString());
  BOOST_TEST(r.checked == 3u);
}

BOOST_AUTO_TEST_CASE(the_bytes_a_state_may_need_are_the_largest_size_of_each_file) {
  BOOST_TEST(MaxStateBytes(test::ManyUnsyncedFiles(3, 2)) == 3u * 1024u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
