#include "reports/run_junit.h"

#include <boost/test/unit_test.hpp>

#include "reports/golden_file.h"
#include "reports/group_text.h"
#include "reports/run_report_fixtures.h"
#include "reports/test_text.h"

namespace powercut::reports {
namespace {

using testing::Contains;
using testing::Occurrences;

BOOST_AUTO_TEST_SUITE(run_junit)

BOOST_AUTO_TEST_CASE(a_mixed_run_renders_as_its_golden_file) {
  const std::string difference =
      testing::CompareWithGolden("run_mixed.junit.xml", RunReportJunit(fixtures::MixedRun()));
  BOOST_TEST(difference.empty(), difference);
}

BOOST_AUTO_TEST_CASE(one_testcase_per_scenario_with_counts_that_add_up) {
  const std::string xml = RunReportJunit(fixtures::MixedRun());
  BOOST_TEST(Occurrences(xml, "<testcase ") == 4u);
  BOOST_TEST(Occurrences(xml, "<testsuite ") == 1u);
  BOOST_TEST(Occurrences(xml,
                         "tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\" "
                         "time=\"4.750\"") == 2u);
  BOOST_TEST(Occurrences(xml, "<failure ") == 1u);
  BOOST_TEST(Occurrences(xml, "<error ") == 1u);
  BOOST_TEST(Occurrences(xml, "<skipped ") == 1u);
  BOOST_TEST(Contains(xml,
                      "<testcase name=\"journal-immediate\" classname=\"scenarios.journal."
                      "immediate\" file=\"scenarios/journal/immediate.toml\" time=\"1.250\">"),
             xml);
}

BOOST_AUTO_TEST_CASE(the_failure_holds_each_minimal_reproducer) {
  const std::string xml = RunReportJunit(fixtures::MixedRun());
  BOOST_TEST(Contains(xml,
                      "<failure message=\"posix: expected consistent, found 5 violating "
                      "states in 2 groups\" type=\"acknowledged before durable\">"));
  BOOST_TEST(Contains(xml,
                      "violation group 1 of 2: acknowledged before durable (3 violating "
                      "states, at crash points 10-12)"));
  BOOST_TEST(Contains(xml,
                      "  fix: fsync the directory `.` after `unlink db-journal` (#8) and "
                      "before printing `ack 3` (#9)"));
  BOOST_TEST(Contains(xml,
                      "  replay: powercut replay build/powercut/sqlite-style-commit.trace "
                      "--state c10 --model posix --sector-bytes 512 -o state-c10 --checker "
                      "'sqlite-check db {output}'"));
  BOOST_TEST(Contains(xml, "violation group 2 of 2: torn write"));
  BOOST_TEST(Contains(xml, "(the reduction ran out of its budget"));
  // The model that met its expectation is in system-out only.
  BOOST_TEST(!Contains(xml, "\next4-ordered: expected consistent"));
  BOOST_TEST(Contains(xml, "ext4-ordered: met: expected consistent and found no violation"));
}

BOOST_AUTO_TEST_CASE(markup_control_bytes_and_bad_utf8_are_escaped) {
  const std::string xml = RunReportJunit(fixtures::MixedRun());
  // In content, from the torn write's summary; in an attribute, from the skipped reason.
  BOOST_TEST(Contains(xml, "write #11 (w&lt;&amp;&gt;\"'\\x01\\xff.tmp, bytes 0-1023)"));
  BOOST_TEST(Contains(xml, "checksum &lt;CRC mismatch&gt; &amp; was not discarded"));
  for (const char raw : {'\x01', '\xff'}) BOOST_TEST(xml.find(raw) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(attributes_escape_quotes_and_newlines) {
  RunReport run = fixtures::MixedRun();
  run.scenarios[2].verdict_reason = "a \"quoted\" 'name'\nsecond line";
  const std::string xml = RunReportJunit(run);
  BOOST_TEST(Contains(xml,
                      "<skipped message=\"a &quot;quoted&quot; &#39;name&#39;&#10;second "
                      "line\"/>"));
}

BOOST_AUTO_TEST_CASE(an_interrupted_run_says_so_and_lists_the_cut_scenario_as_an_error) {
  const std::string xml = RunReportJunit(fixtures::InterruptedRun());
  BOOST_TEST(Contains(xml, "<property name=\"interrupted\" value=\"true\"/>"));
  BOOST_TEST(Contains(xml, "<property name=\"shard\" value=\"2/4\"/>"));
  BOOST_TEST(Contains(xml,
                      "<error message=\"interrupted by SIGINT after 40 states: a partial "
                      "result\" type=\"error\">"));
  BOOST_TEST(Contains(xml, "<system-err>interrupted: a partial report</system-err>"));
}

BOOST_AUTO_TEST_CASE(an_empty_run_is_a_suite_without_testcases) {
  const std::string xml = RunReportJunit(RunReport{});
  BOOST_TEST(Contains(xml, "tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\""));
  BOOST_TEST(!Contains(xml, "<testcase"));
}

BOOST_AUTO_TEST_CASE(class_names_follow_the_scenario_file) {
  BOOST_TEST(JunitClassName("scenarios/journal/immediate.toml") == "scenarios.journal.immediate");
  BOOST_TEST(JunitClassName("./a.b/c.toml") == "a_b.c");
  BOOST_TEST(JunitClassName("/abs/../x.toml") == "abs.x");
  BOOST_TEST(JunitClassName("") == "powercut");
}

BOOST_AUTO_TEST_CASE(a_group_block_says_the_class_once_and_adds_only_what_is_missing) {
  const ViolationGroup group = fixtures::FailedScenario().models[0].groups[0];
  const std::string text = ViolationGroupText(group, 1, 2);
  BOOST_TEST(Occurrences(text, "acknowledged before durable") == 1u, text);
  BOOST_TEST(Occurrences(text, "txn 3 acknowledged but rolled back") == 1u, text);
  BOOST_TEST(Occurrences(text, "reproducer: state c10") == 1u, text);
  ViolationGroup bare = group;
  bare.explanation.clear();
  const std::string added = ViolationGroupText(bare, 1, 1);
  BOOST_TEST(Contains(added, "  checker: txn 3 acknowledged but rolled back\n"), added);
  BOOST_TEST(Contains(added,
                      "  reproducer: state c10 at crash point 10, 0 deviations from "
                      "dropping everything unsynced\n"),
             added);
}

BOOST_AUTO_TEST_CASE(crash_points_are_listed_as_ranges_up_to_a_limit) {
  BOOST_TEST(CrashPointList({10, 11, 12, 15, 40, 41}) == "10-12, 15, 40-41");
  BOOST_TEST(CrashPointList({1, 3, 5, 7, 9}, 3) == "1, 3, 5 and 2 more");
  BOOST_TEST(CrashPointList({}) == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
