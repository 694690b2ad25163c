#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "faultfs/testing/temp_dir.h"
#include "reports/explore_json.h"
#include "reports/explore_report.h"
#include "reports/explore_text.h"

namespace powercut::reports {
namespace {

using nlohmann::json;

ExploreReport Sample() {
  ExploreReport r;
  r.powercut_version = "0.1.0";
  r.trace = {.path = "save.trace", .events = 9, .first_crash_point = 2, .output_lines = 1,
             .warnings = {"mmap write to x not recorded"}};
  r.options = {.model = "posix", .sector_bytes = 512, .crash_points = "all",
               .strategy = "exhaustive", .max_deviations = 2, .samples = 2000, .seed = 1,
               .max_states = 100000, .jobs = 2};
  r.checker = {.command = "test -s f", .timeout_seconds = 0.5, .scenario = "save"};
  r.scratch = "/dev/shm/powercut-abc123";
  r.stats = {.crash_points = 8, .generated = 40, .unique = 17, .checked = 17, .violating = 3,
             .capped = false, .seconds = 0.5};
  r.violations.push_back({.state_id = "c5+e2+e4",
                          .crash_point = 5,
                          .deviation_count = 1,
                          .deviations = {"#4 rename f.tmp -> f persisted while #3 write did not"},
                          .reason = "f is \xff empty",  // not UTF-8: a checker may print anything
                          .details = "exit 1\nstdout: f is empty",
                          .replay = {"powercut", "replay", "save.trace", "--state", "c5+e2+e4",
                                     "--checker", "test -s f"}});
  r.outcome = ExploreReport::Outcome::kViolation;
  r.exit_code = 1;
  return r;
}

BOOST_AUTO_TEST_SUITE(explore_report)

BOOST_AUTO_TEST_CASE(json_holds_every_field_of_the_schema) {
  const json j = json::parse(ExploreReportJson(Sample()));
  BOOST_TEST(j["schema"] == "powercut-explore/1");
  BOOST_TEST(j["powercut_version"] == "0.1.0");
  BOOST_TEST(j["outcome"] == "violation");
  BOOST_TEST(j["exit_code"] == 1);
  BOOST_TEST(j["complete"] == true);
  BOOST_TEST(j["error"].is_null());
  BOOST_TEST(j["interruption"].is_null());
  BOOST_TEST(j["trace"]["first_crash_point"] == 2);
  BOOST_TEST(j["trace"]["warnings"][0] == "mmap write to x not recorded");
  BOOST_TEST(j["options"]["max_deviations"] == 2);
  BOOST_TEST(j["options"]["crash_points"] == "all");
  BOOST_TEST(j["checker"]["timeout_seconds"] == 0.5);
  BOOST_TEST(j["stats"]["states_per_second"] == 34.0);
  BOOST_TEST(j["stats"]["violating"] == 3);
  BOOST_REQUIRE(j["violations"].size() == 1u);
  const json& v = j["violations"][0];
  BOOST_TEST(v["state_id"] == "c5+e2+e4");
  BOOST_TEST(v["crash_point"] == 5);
  BOOST_TEST(v["reason"] == "f is \xef\xbf\xbd empty");  // U+FFFD
  BOOST_TEST(v["replay"] == "powercut replay save.trace --state c5+e2+e4 --checker 'test -s f'");
  BOOST_TEST(v["replay_argv"].size() == 7u);
}

BOOST_AUTO_TEST_CASE(a_partial_run_says_why_it_is_partial) {
  ExploreReport r = Sample();
  r.outcome = ExploreReport::Outcome::kInterrupted;
  r.interruption = "SIGINT";
  r.exit_code = 130;
  json j = json::parse(ExploreReportJson(r));
  BOOST_TEST(j["outcome"] == "interrupted");
  BOOST_TEST(j["complete"] == false);
  BOOST_TEST(j["interruption"] == "SIGINT");
  r.outcome = ExploreReport::Outcome::kError;
  r.error = "the scratch directory /x is full";
  j = json::parse(ExploreReportJson(r));
  BOOST_TEST(j["outcome"] == "error");
  BOOST_TEST(j["error"] == "the scratch directory /x is full");
}

BOOST_AUTO_TEST_CASE(the_json_file_is_written_and_an_unwritable_path_is_an_error) {
  powercut::testing::TempDir dir;
  BOOST_TEST(WriteExploreJson(Sample(), dir.Join("r.json")).ok());
  const Status bad = WriteExploreJson(Sample(), dir.Join("missing/r.json"));
  BOOST_TEST(!bad.ok());
  BOOST_TEST(bad.message().find("missing/r.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_summary_shows_counts_violations_and_the_replay_command) {
  const std::string text = RenderExploreText(Sample());
  BOOST_TEST(text.find("powercut explore: save.trace (9 events, crash points from #2, 1 output "
                       "line)") != std::string::npos, text);
  BOOST_TEST(text.find("trace warning: mmap write to x not recorded") != std::string::npos);
  BOOST_TEST(text.find("checker: sh -c 'test -s f' (timeout 0.5 s), 2 jobs") != std::string::npos,
             text);
  BOOST_TEST(text.find("40 generated, 17 unique, 17 checked in 0.50 s (34 states/s)") !=
                 std::string::npos,
             text);
  BOOST_TEST(text.find("violation 1 of 3: state c5+e2+e4 at crash point 5") != std::string::npos);
  BOOST_TEST(text.find("replay:  powercut replay save.trace --state c5+e2+e4 --checker "
                       "'test -s f'") != std::string::npos);
  BOOST_TEST(text.find("(2 more violating states are counted but not listed)") !=
             std::string::npos);
  BOOST_TEST(text.ends_with("result: VIOLATION in 3 of 17 states checked (exit 1)\n"), text);
}

BOOST_AUTO_TEST_CASE(shell_quoting_leaves_plain_words_alone) {
  BOOST_TEST(ShellQuote("c5+e2+e4:0-1,3") == "c5+e2+e4:0-1,3");
  BOOST_TEST(ShellQuote("a b") == "'a b'");
  BOOST_TEST(ShellQuote("it's") == "'it'\\''s'");
  BOOST_TEST(ShellQuote("") == "''");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
