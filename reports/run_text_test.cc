// The plain-text summary of a run and the plain progress lines.
#include "reports/run_text.h"

#include <unistd.h>

#include <array>
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "reports/progress_summary.h"

namespace powercut::reports {
namespace {

using Outcome = ExploreReport::Outcome;

ViolationGroup Group(const std::string& key, const std::string& classification) {
  ViolationGroup g;
  g.key = key;
  g.classification = classification;
  g.summary = classification + ": what broke";
  g.explanation = {"checker: f is empty"};
  g.fix_hint = "fsync `f.tmp` before the rename";
  g.checker_reason = "f is empty";
  g.minimal_state_id = "c5+e4";
  g.violations = 2;
  g.crash_points = {5, 6};
  g.replay = {"powercut", "replay", "t.trace", "--state", "c5+e4"};
  g.differences = {{"f", "2 bytes: \"v2\"", "0 bytes"}};
  return g;
}

ModelResult Model(const std::string& name, bool met, Outcome outcome, size_t checked,
                  std::vector<ViolationGroup> groups = {}) {
  ModelResult m;
  m.model = name;
  m.met = met;
  m.expected = {.result = "consistent"};
  m.verdict = met ? "consistent as expected" : "expected no violation, found 2";
  m.exploration.outcome = outcome;
  m.exploration.stats.checked = checked;
  m.exploration.stats.violating = groups.empty() ? 0 : 2;
  m.groups = std::move(groups);
  return m;
}

// A failed scenario (posix and prefix found the same cause, ext4 nothing), a skipped one and one
// that could not run.
RunReport Sample() {
  RunReport r;
  ScenarioReport failed;
  failed.name = "save";
  failed.file = "save.toml";
  failed.verdict = ScenarioReport::Verdict::kFailed;
  failed.recording.trace_path = "work/save/save.trace";
  failed.models = {
      Model("posix", false, Outcome::kViolation, 14, {Group("k1", "non-atomic update")}),
      Model("ext4-ordered", true, Outcome::kConsistent, 8),
      Model("prefix", false, Outcome::kViolation, 10, {Group("k1", "non-atomic update")})};
  ScenarioReport skipped;
  skipped.name = "sqlite";
  skipped.verdict = ScenarioReport::Verdict::kSkipped;
  skipped.verdict_reason = "sqlite3 is not installed (not found in PATH)";
  ScenarioReport error;
  error.name = "broken-setup";
  error.file = "setup.toml";
  error.verdict = ScenarioReport::Verdict::kError;
  error.verdict_reason = "recording the workload: setup command 1 exited 3";
  r.scenarios = {failed, skipped, error};
  r.exit_code = 2;
  return r;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

BOOST_AUTO_TEST_SUITE(run_text)

BOOST_AUTO_TEST_CASE(a_failed_model_shows_its_groups_once_per_cause) {
  const std::string text = RenderRunText(Sample());
  BOOST_TEST(Has(text,
                 "NOT MET: save under posix: expected no violation, found 2\n"
                 "  scenario save.toml, trace work/save/save.trace\n"
                 "  violation group 1 of 1: non-atomic update (2 violating states, at crash "
                 "points 5-6)\n"
                 "    what broke\n"
                 "    checker: f is empty\n"),
             text);
  BOOST_TEST(Has(text, "    fix: fsync `f.tmp` before the rename\n"), text);
  BOOST_TEST(Has(text, "      f: expected 2 bytes: \"v2\", found 0 bytes\n"), text);
  BOOST_TEST(Has(text,
                 "NOT MET: save under prefix: expected no violation, found 2\n"
                 "  scenario save.toml, trace work/save/save.trace\n"
                 "  violation group 1 of 1: non-atomic update (2 violating states): the same "
                 "minimal cause as group 1 under posix\n"
                 "    replay: powercut replay t.trace --state c5+e4\n"),
             text);
  BOOST_TEST(!Has(text, "under ext4-ordered"), text);
  BOOST_TEST(Has(text,
                 "\nERROR: broken-setup (setup.toml): recording the workload: setup command "
                 "1 exited 3\n"),
             text);
}

BOOST_AUTO_TEST_CASE(the_summary_table_and_totals_come_last) {
  const RunReport r = Sample();
  const std::string text = RenderRunText(r);
  const std::string table = RenderRunSummaryTable(r);
  BOOST_TEST(text.ends_with("\n\n" + table), text);
  BOOST_TEST(table.ends_with("(exit 2)\n"), table);
}

BOOST_AUTO_TEST_CASE(model_results_read_as_in_the_table) {
  BOOST_TEST(ModelResultWord(Model("posix", true, Outcome::kConsistent, 1)) == "met");
  BOOST_TEST(ModelResultWord(Model("posix", false, Outcome::kViolation, 1)) == "NOT MET");
  BOOST_TEST(ModelResultWord(Model("posix", false, Outcome::kError, 1)) == "ERROR");
  BOOST_TEST(ModelResultWord(Model("posix", false, Outcome::kInterrupted, 1)) == "INTERRUPTED");
}

BOOST_AUTO_TEST_CASE(progress_prints_a_line_per_model_and_per_scenario_that_did_not_run) {
  const RunReport r = Sample();
  std::ostringstream out;
  TextRunProgress progress(out, nullptr);
  progress.ScenarioStarted(r.scenarios[0], 0, 3);
  progress.States({.scenario = "save", .states_checked = 3});  // no line off a terminal
  ModelResult posix = r.scenarios[0].models[0];
  posix.exploration.stats.seconds = 0.0125;
  progress.ModelFinished(r.scenarios[0], posix);
  progress.ScenarioFinished(r.scenarios[0]);  // failed, with models: no extra line
  progress.ScenarioStarted(r.scenarios[1], 1, 3);
  progress.ScenarioFinished(r.scenarios[1]);
  BOOST_TEST(out.str() ==
             "[1/3] save posix: NOT MET: expected no violation, found 2 (14 states, 12 ms)\n"
             "[2/3] sqlite: skipped: sqlite3 is not installed (not found in PATH)\n");
}

BOOST_AUTO_TEST_CASE(on_a_terminal_the_progress_line_is_cleared_before_each_printed_line) {
  std::array<int, 2> fds{};
  BOOST_REQUIRE(::pipe(fds.data()) == 0);
  {
    ProgressLine line(fds[1], {.is_tty = true, .width = 80}, std::chrono::milliseconds(0));
    std::ostringstream out;
    TextRunProgress progress(out, &line);
    const RunReport r = Sample();
    progress.ScenarioStarted(r.scenarios[1], 1, 3);
    progress.States({.scenario_index = 1,
                     .scenario_count = 3,
                     .scenario = "sqlite",
                     .model = "posix",
                     .states_checked = 7});
    progress.ScenarioFinished(r.scenarios[1]);
    progress.RunFinished(r);
  }
  ::close(fds[1]);
  std::string written(4096, '\0');
  const ssize_t n = ::read(fds[0], written.data(), written.size());
  ::close(fds[0]);
  BOOST_REQUIRE(n > 0);
  written.resize(static_cast<size_t>(n));
  const size_t drawn = written.find("[2/3] sqlite | posix | 7");
  BOOST_TEST(drawn != std::string::npos, written);
  // Cleared (a carriage return after blanks) after it was drawn.
  BOOST_TEST(written.find('\r', drawn) != std::string::npos, written);
  BOOST_TEST(written.back() == '\r', written);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
