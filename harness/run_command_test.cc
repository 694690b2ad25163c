// `powercut run`: scenario files recorded, explored, reduced and judged; exit codes, overrides,
// skips, determinism, the work directory and Ctrl-C. Builtin journal workloads run in process.
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <iterator>
#include <regex>
#include <sstream>

#include "faultfs/testing/temp_dir.h"
#include "harness/cli.h"
#include "harness/exit_codes.h"
#include "harness/run_test_fixture.h"
#include "harness/scenario_loader.h"
#include "harness/scenario_runner.h"
#include "harness/test_util.h"
#include "harness/workload_recording.h"
#include "reports/run_json.h"
#include "reports/run_text.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::Has;
using test::kBroken;
using test::kCorrect;
using test::Run;
using test::Scenarios;

std::string WithName(const std::string& text, const std::string& name) {
  return std::regex_replace(text, std::regex("name = \"[a-z-]+\""), "name = \"" + name + "\"");
}

BOOST_AUTO_TEST_SUITE(run_command)

BOOST_AUTO_TEST_CASE(a_scenario_that_meets_its_expectation_exits_0) {
  Scenarios s;
  const Run r = s.Powercut({s.Write("correct.toml", kCorrect)});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out, "[1/1] correct posix: met: consistent as expected: no violation in"),
             r.out);
  BOOST_TEST(Has(r.out, "[1/1] correct drop-unsynced: met:"), r.out);
  BOOST_TEST(Has(r.out, "1 scenario: 1 passed, 0 failed, 0 skipped, 0 errors (exit 0)"), r.out);
  BOOST_TEST(fs::exists(s.work + "/correct/correct.trace"));
}

BOOST_AUTO_TEST_CASE(an_expected_violation_is_found_reduced_explained_and_replayable) {
  Scenarios s;
  const Run r = s.Powercut({s.Write("broken.toml", kBroken)});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out,
                 "[1/1] broken posix: met: violation as expected: non-atomic update: "
                 "recovery failed: Corruption: wal/MANIFEST: invalid MANIFEST"),
             r.out);
  // The same scenario expecting consistency fails, and shows the group with fix and replay.
  std::string consistent = kBroken;
  consistent.erase(consistent.find("[expect]"));
  const Run failed = s.Powercut({s.Write("consistent.toml", consistent)});
  BOOST_TEST(failed.exit_code == kExitViolation, failed.out << failed.err);
  BOOST_TEST(Has(failed.out, "NOT MET: broken under posix: expected no violation"), failed.out);
  BOOST_TEST(Has(failed.out, "violation group 1 of 1: non-atomic update"), failed.out);
  BOOST_TEST(Has(failed.out, "fix: fsync `wal/MANIFEST.tmp`"), failed.out);
  BOOST_TEST(Has(failed.out, "      wal/MANIFEST: expected 48 bytes, binary:"), failed.out);
  std::smatch replay;
  BOOST_REQUIRE(
      std::regex_search(failed.out, replay, std::regex("replay: (powercut replay (\\S+) .*)\n")));
  BOOST_TEST(replay[2].str() == s.work + "/broken/broken.trace");
  // The replay command as printed works after the run: the state it names violates.
  const std::string path = fs::path(POWERCUT_BINARY).parent_path().string() + ":" +
                           fs::path(POWERCUT_JOURNAL_TOOL).parent_path().string() + ":$PATH";
  const ProcessResult replayed =
      test::RunShell("cd " + s.dir.path() + " && PATH=" + path + " " + replay[1].str());
  BOOST_TEST(replayed.exit_code == kExitViolation, replayed.out << replayed.err);
  BOOST_TEST(Has(replayed.out, "invalid MANIFEST"), replayed.out);
}

BOOST_AUTO_TEST_CASE(several_scenarios_with_mixed_results_exit_1_and_list_each) {
  Scenarios s;
  std::string wrong_class = WithName(kBroken, "wrong-class");
  wrong_class.replace(wrong_class.find("non-atomic update"), 17, "torn write");
  std::string no_violation = WithName(kCorrect, "no-violation");
  no_violation += "[expect]\nresult = \"violation\"\n";
  const Run r = s.Powercut({s.Write("a.toml", kCorrect), s.Write("b.toml", wrong_class),
                            s.Write("c.toml", kBroken), s.Write("d.toml", no_violation)});
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(Has(r.out,
                 "[2/4] wrong-class posix: NOT MET: expected a violation of class 'torn "
                 "write' matching /invalid MANIFEST/, found"),
             r.out);
  BOOST_TEST(Has(r.out, "[3/4] broken posix: met"), r.out);
  BOOST_TEST(
      Has(r.out, "[4/4] no-violation posix: NOT MET: expected a violation, found no violation"),
      r.out);
  BOOST_TEST(Has(r.out, "4 scenarios: 2 passed, 2 failed, 0 skipped, 0 errors (exit 1)"), r.out);
  const std::regex row(
      "\nwrong-class +posix +violation +NOT MET +[0-9,]+ +[0-9,]+ +1 +[0-9.]+ s\n");
  BOOST_TEST(std::regex_search(r.out, row), r.out);
}

BOOST_AUTO_TEST_CASE(an_invalid_file_exits_2_before_anything_runs_naming_file_and_line) {
  Scenarios s;
  const std::string good = s.Write("good.toml", kCorrect);
  const std::string bad = s.Write("bad.toml", std::string(kCorrect) + "max_deviation = 1\n");
  const Run r = s.Powercut({good, bad});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(r.err == bad +
                          ":10: [explore] max_deviation: unknown key (did you mean "
                          "max_deviations?)\n");
  BOOST_TEST(r.out.empty(), r.out);
  BOOST_TEST(!fs::exists(s.work + "/correct"));
  const Run twice = s.Powercut({good, s.Write("again.toml", kCorrect)});
  BOOST_TEST(twice.exit_code == kExitUsage);
  BOOST_TEST(Has(twice.err, "name \"correct\" is also the name of " + good), twice.err);
  BOOST_TEST(s.Powercut({s.dir.Join("missing.toml")}).exit_code == kExitUsage);
  BOOST_TEST(s.Powercut({good, "--model", "zfs"}).exit_code == kExitUsage);
}

BOOST_AUTO_TEST_CASE(a_missing_program_skips_with_77_and_skips_combine_with_passes_as_0) {
  Scenarios s;
  const std::string missing = s.Write("missing.toml", R"(
name = "missing"
[workload]
command = ["powercut-no-such-program", "run"]
[checker]
command = ["true"]
)");
  const Run r = s.Powercut({missing});
  BOOST_TEST(r.exit_code == kExitSkipped, r.out << r.err);
  BOOST_TEST(Has(r.out, "[1/1] missing: skipped: powercut-no-such-program is not installed"),
             r.out);
  BOOST_TEST(Has(r.out, "1 scenario: 0 passed, 0 failed, 1 skipped, 0 errors (exit 77)"), r.out);
  const Run mixed = s.Powercut({missing, s.Write("correct.toml", kCorrect)});
  BOOST_TEST(mixed.exit_code == kExitOk, mixed.out);
  BOOST_TEST(Has(mixed.out, "2 scenarios: 1 passed, 0 failed, 1 skipped, 0 errors (exit 0)"),
             mixed.out);
}

BOOST_AUTO_TEST_CASE(a_scenario_that_cannot_run_is_an_error_exit_2) {
  Scenarios s;
  const Run r = s.Powercut({s.Write("setup.toml", R"(
name = "setup-fails"
[workload]
builtin = "journal"
options = { mode = "group" }
setup = [["sh", "-c", "echo no room >&2; exit 3"]]
[checker]
builtin = "journal"
)"),
                            s.Write("correct.toml", kCorrect)});
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err,
                 "recording the workload: [workload] setup command 1 (sh -c 'echo no room "
                 ">&2; exit 3') exited 3: no room"),
             r.err);
  BOOST_TEST(Has(r.out, "2 scenarios: 1 passed, 0 failed, 0 skipped, 1 error (exit 2)"), r.out);
}

BOOST_AUTO_TEST_CASE(files_and_setup_make_the_initial_state) {
  Scenarios s;
  const Run r = s.Powercut({s.Write("setup.toml", R"(
name = "initial"
[workload]
builtin = "journal"
options = { mode = "group", txns = 2, ops_per_txn = 1, dir = "db/wal" }
files = { "db/README" = "hello" }
setup = [["mkdir", "db/wal"]]
[checker]
builtin = "journal"
)")});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  const ProcessResult shown = test::RunPowercut({"show", s.work + "/initial/initial.trace"});
  BOOST_TEST(Has(shown.out, "mkdir db/wal"), shown.out);
  BOOST_TEST(Has(shown.out, "write db/README @0+5"), shown.out);
  BOOST_TEST(shown.out.find("--- initial state ends") > shown.out.find("mkdir db/wal"), shown.out);
}

BOOST_AUTO_TEST_CASE(overrides_replace_the_files_values) {
  Scenarios s;
  const std::string file = s.Write("correct.toml", kCorrect);
  const Run model = s.Powercut({file, "--model", "prefix"});
  BOOST_TEST(model.exit_code == kExitOk, model.out);
  BOOST_TEST(Has(model.out, "correct prefix: met"), model.out);
  BOOST_TEST(!Has(model.out, "correct posix"), model.out);
  const Run capped = s.Powercut({file, "--max-states", "3"});
  BOOST_TEST(Has(capped.out, "no violation in 3 states (capped at max_states 3"), capped.out);
  std::string sampled = kCorrect;
  sampled += "strategy = \"sample\"\nsamples = 5\n";
  const std::string sample_file = s.Write("sample.toml", sampled);
  std::string text_a = s.Powercut({sample_file, "--seed", "1"}).out;
  std::string text_b = s.Powercut({sample_file, "--seed", "2"}).out;
  BOOST_TEST(Has(text_a, "correct posix: met"), text_a);
  BOOST_TEST(Has(text_b, "correct posix: met"), text_b);
}

// `report` with every duration and the start time zeroed: what may differ between two runs.
reports::RunReport WithoutTimes(reports::RunReport report) {
  report.started.clear();
  for (reports::ScenarioReport& s : report.scenarios) {
    s.seconds = 0;
    s.recording.seconds = 0;
    for (reports::ModelResult& m : s.models) {
      m.exploration.stats.seconds = 0;
      m.exploration.stats.reduce_seconds = 0;
      m.exploration.scratch.clear();
    }
  }
  return report;
}

// Two runs of the same scenarios with the same seed produce the same report, times aside.
BOOST_AUTO_TEST_CASE(runs_are_deterministic_for_a_seed) {
  Scenarios s;
  std::string sampled = WithName(kBroken, "sampled");
  sampled += "[explore]\nstrategy = \"sample\"\nsamples = 40\nseed = 9\n";
  std::vector<Scenario> scenarios;
  for (const auto& [name, text] :
       {std::pair{"broken.toml", std::string(kBroken)}, std::pair{"sampled.toml", sampled}}) {
    Result<Scenario> loaded = LoadScenario(s.Write(name, text));
    BOOST_REQUIRE(loaded.ok());
    scenarios.push_back(*loaded);
  }
  auto run = [&] {
    reports::RunProgress quiet;
    RunSettings settings;
    settings.work_dir = s.work;
    settings.jobs = 1;
    return RunScenarios(scenarios, {.settings = settings, .progress = &quiet});
  };
  const reports::RunReport first = run();
  const reports::RunReport second = run();
  // The journal writes timestamps, so the bytes of the traces differ; everything else does not.
  BOOST_TEST(reports::RenderRunText(WithoutTimes(first)) ==
             reports::RenderRunText(WithoutTimes(second)));
  BOOST_REQUIRE(first.scenarios.size() == 2u);
  for (size_t i = 0; i < 2; ++i) {
    const reports::ModelResult& a = first.scenarios[i].models.at(0);
    const reports::ModelResult& b = second.scenarios[i].models.at(0);
    BOOST_TEST(a.exploration.stats.checked == b.exploration.stats.checked);
    BOOST_REQUIRE(a.groups.size() == b.groups.size());
    for (size_t g = 0; g < a.groups.size(); ++g) {
      BOOST_TEST(a.groups[g].key == b.groups[g].key);
      BOOST_TEST(a.groups[g].minimal_state_id == b.groups[g].minimal_state_id);
      BOOST_TEST(a.groups[g].crash_points == b.groups[g].crash_points,
                 boost::test_tools::per_element());
    }
    BOOST_REQUIRE(a.crash_points.size() == b.crash_points.size());
    for (size_t p = 0; p < a.crash_points.size(); ++p) {
      BOOST_TEST(a.crash_points[p].index == b.crash_points[p].index);
      BOOST_TEST(a.crash_points[p].checked == b.crash_points[p].checked);
      BOOST_TEST(a.crash_points[p].violating == b.crash_points[p].violating);
    }
    BOOST_TEST(!a.groups.empty());
  }
}

// The progress line switches to "reducing" with every violation of the exploration counted,
// not with the count of the last report the 200 ms interval let through.
BOOST_AUTO_TEST_CASE(progress_counts_every_violation_before_reducing) {
  struct Recorder : reports::RunProgress {
    void States(const reports::ProgressState& now) override { states.push_back(now); }
    std::vector<reports::ProgressState> states;
  };
  Scenarios s;
  Result<Scenario> scenario = LoadScenario(s.Write("broken.toml", kBroken));
  BOOST_REQUIRE(scenario.ok());
  Recorder progress;
  RunSettings settings;
  settings.work_dir = s.work;
  const reports::RunReport report =
      RunScenarios({*scenario}, {.settings = settings, .progress = &progress});
  const size_t violating = report.scenarios.at(0).models.at(0).exploration.stats.violating;
  BOOST_REQUIRE(violating > 1u);
  const auto reducing = std::find_if(
      progress.states.begin(), progress.states.end(),
      [](const auto& state) { return state.phase == reports::ProgressState::Phase::kReducing; });
  BOOST_REQUIRE((reducing != progress.states.end()));
  BOOST_TEST(reducing->violations == violating);
  BOOST_REQUIRE((reducing != progress.states.begin()));
  BOOST_TEST(std::prev(reducing)->violations == violating);  // the exploring phase's last line
}

BOOST_AUTO_TEST_CASE(the_report_holds_recording_timeline_and_crash_points) {
  Scenarios s;
  Result<Scenario> scenario = LoadScenario(s.Write("broken.toml", kBroken));
  BOOST_REQUIRE(scenario.ok());
  reports::RunProgress quiet;
  RunSettings settings;
  settings.work_dir = s.work;
  const reports::RunReport report =
      RunScenarios({*scenario}, {.settings = settings, .progress = &quiet});
  BOOST_TEST(report.exit_code == kExitOk);
  const reports::ScenarioReport& r = report.scenarios.at(0);
  BOOST_TEST((r.verdict == reports::ScenarioReport::Verdict::kPassed));
  BOOST_TEST(r.recording.builtin == "journal");
  BOOST_TEST(r.recording.events == r.timeline.size());
  BOOST_TEST(r.recording.events > 0u);
  size_t barriers = 0;
  size_t outputs = 0;
  for (const reports::TimelineEvent& e : r.timeline) {
    barriers += e.barrier ? 1 : 0;
    outputs += e.output ? 1 : 0;
  }
  BOOST_TEST(barriers > 0u);  // directory syncs still happen
  BOOST_TEST(outputs == 3u);  // ack 1..3
  const reports::ModelResult& m = r.models.at(0);
  BOOST_TEST(m.met);
  BOOST_TEST(m.expected.result == "violation");
  size_t violating = 0;
  for (const reports::CrashPointSummary& p : m.crash_points) violating += p.violating;
  BOOST_TEST(violating == m.exploration.stats.violating);
  BOOST_TEST(m.groups.at(0).violations == m.exploration.stats.violating);
}

BOOST_AUTO_TEST_CASE(ctrl_c_stops_the_run_and_still_prints_the_partial_report) {
  Scenarios s;
  const std::string file = s.Write("slow.toml", R"(
name = "slow"
[workload]
builtin = "journal"
options = { mode = "immediate", txns = 40, ops_per_txn = 1 }
[checker]
command = ["sh", "-c", "sleep 0.2"]
)");
  const std::string log = s.dir.Join("log");
  BOOST_TEST(test::InterruptPowercut({"run", file, "--work-dir", s.work, "--jobs", "2"}, log,
                                     1500ms, SIGINT) == 130);
  const std::string out = test::ReadFile(log);
  BOOST_TEST(Has(out, "slow posix: INTERRUPTED"), out);
  BOOST_TEST(Has(out,
                 "1 scenario: 0 passed, 0 failed, 0 skipped, 1 error; interrupted: a partial "
                 "result (exit 130)"),
             out);
}

// `script` (util-linux) runs the binary on a pseudo-terminal: its stdout is a terminal there.
BOOST_AUTO_TEST_CASE(a_terminal_gets_the_progress_line_and_a_pipe_plain_lines) {
  if (test::RunShell("command -v script").exit_code != 0) {
    BOOST_TEST_MESSAGE("skipped: no `script` to make a terminal");
    return;
  }
  Scenarios s;
  const std::string file = s.Write("broken.toml", kBroken);
  const std::string command =
      std::string(POWERCUT_BINARY) + " run " + file + " --work-dir " + s.work + " --jobs 1";
  const ProcessResult tty = test::RunShell("script -qec '" + command + "' /dev/null");
  BOOST_TEST(tty.exit_code == kExitOk, tty.out << tty.err);
  BOOST_TEST(Has(tty.out, "\r[1/1] broken | posix | "), tty.out);
  BOOST_TEST(Has(tty.out, "[1/1] broken posix: met"), tty.out);
  const ProcessResult piped = test::RunShell(command + " | cat");
  BOOST_TEST(piped.exit_code == kExitOk, piped.out << piped.err);
  BOOST_TEST(!Has(piped.out, "\r"), piped.out);
  BOOST_TEST(Has(piped.out, "[1/1] broken posix: met"), piped.out);
}

boost::test_tools::assertion_result WithoutRecorder(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result result(!CanRecordCommands());
  result.message() << "this build records commands (the shell scenarios test it)";
  return result;
}

boost::test_tools::assertion_result WithRecorder(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result result(CanRecordCommands());
  result.message() << "this build has no LD_PRELOAD recorder (faultfs/record)";
  return result;
}

// The classic bug as a shell one-liner: a new version written to f.tmp and renamed over f, with
// no fsync. `sync FILE` (coreutils) fsyncs FILE; `sync .` the directory.
std::string ReplaceScenario(const std::string& name, const std::string& workload) {
  return "name = \"" + name + "\"\n[workload]\ncommand = [\"sh\", \"-c\", \"" + workload +
         "\"]\nfiles = { f = \"v1\" }\n[checker]\ncommand = [\"sh\", \"-c\", \"c=$(cat f "
         "2>/dev/null); test \\\"$c\\\" = v1 -o \\\"$c\\\" = v2 || { echo \\\"f holds '$c'\\\"; "
         "exit 1; }\"]\n[explore]\nmodels = [\"posix\", \"ext4-ordered\", \"prefix\", "
         "\"drop-unsynced\"]\n";
}

BOOST_AUTO_TEST_CASE(a_shell_rename_without_fsync_violates_under_posix_with_class_and_hint,
                     *boost::unit_test::precondition(WithRecorder)) {
  Scenarios s;
  std::string text = ReplaceScenario("rename", "printf v2 > f.tmp && mv f.tmp f && echo saved");
  text +=
      "[expect.posix]\nresult = \"violation\"\nmessage = \"f holds ''\"\n"
      "class = \"non-atomic update\"\n";
  const Run r = s.Powercut({s.Write("rename.toml", text)});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out, "rename posix: met: violation as expected: non-atomic update: f holds ''"),
             r.out);
  for (const char* model : {"ext4-ordered", "prefix", "drop-unsynced"}) {
    BOOST_TEST(Has(r.out, std::string("rename ") + model + ": met: consistent as expected"), r.out);
  }
  // Expecting consistency under posix shows the explanation and the fix.
  const Run failed = s.Powercut(
      {s.Write("strict.toml", ReplaceScenario("strict", "printf v2 > f.tmp && mv f.tmp f"))});
  BOOST_TEST(failed.exit_code == kExitViolation, failed.out << failed.err);
  BOOST_TEST(Has(failed.out, "violation group 1 of 1: non-atomic update"), failed.out);
  BOOST_TEST(Has(failed.out, "      f: expected 2 bytes: \"v2\", found 0 bytes"), failed.out);
  BOOST_TEST(Has(failed.out,
                 "fix: fsync `f.tmp` after `write f.tmp @0+2` (#3) and before "
                 "`rename f.tmp -> f` (#4)"),
             failed.out);
}

BOOST_AUTO_TEST_CASE(the_same_update_with_fsyncs_is_consistent_under_every_model,
                     *boost::unit_test::precondition(WithRecorder)) {
  Scenarios s;
  const Run r = s.Powercut({s.Write(
      "durable.toml",
      ReplaceScenario("durable",
                      "printf v2 > f.tmp && sync f.tmp && mv f.tmp f && sync . && echo saved"))});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out, "1 scenario: 1 passed, 0 failed, 0 skipped, 0 errors (exit 0)"), r.out);
  const ProcessResult shown = test::RunPowercut({"show", s.work + "/durable/durable.trace"});
  BOOST_TEST(Has(shown.out, "fsync f.tmp"), shown.out);
}

BOOST_AUTO_TEST_CASE(a_shell_scenario_reports_exactly_the_same_twice,
                     *boost::unit_test::precondition(WithRecorder)) {
  Scenarios s;
  Result<Scenario> scenario = LoadScenario(s.Write(
      "rename.toml", ReplaceScenario("rename", "printf v2 > f.tmp && mv f.tmp f && echo saved")));
  BOOST_REQUIRE(scenario.ok());
  auto run = [&] {
    reports::RunProgress quiet;
    RunSettings settings;
    settings.work_dir = s.work;
    settings.jobs = 1;
    return RunScenarios({*scenario}, {.settings = settings, .progress = &quiet});
  };
  const std::string first = reports::RunReportJson(WithoutTimes(run()));
  BOOST_TEST(first == reports::RunReportJson(WithoutTimes(run())));
  BOOST_TEST(first.find("non-atomic update") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(faults_env_and_relative_programs_reach_the_workload,
                     *boost::unit_test::precondition(WithRecorder)) {
  Scenarios s;
  test::WriteTextFile(s.dir.Join("save.sh"),
                      "#!/bin/sh\nprintf \"$VALUE\" > f.tmp\nsync f.tmp || echo sync failed\n");
  ::chmod(s.dir.Join("save.sh").c_str(), 0755);
  const Run r = s.Powercut({s.Write("fault.toml", R"toml(
name = "fault"
[workload]
command = ["./save.sh"]
env = { VALUE = "v9" }
[checker]
command = ["sh", "-c", "test \"$VALUE\" = v9 || { echo \"VALUE is '$VALUE'\"; exit 1; }"]
[faults]
fsync = { errno = "EIO", nth = 1 }
)toml")});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  const ProcessResult shown = test::RunPowercut({"show", s.work + "/fault/fault.trace"});
  BOOST_TEST(Has(shown.out, "write f.tmp @0+2 76 39"), shown.out);
  BOOST_TEST(Has(shown.out, "sync-failed f.tmp"), shown.out);
  BOOST_TEST(Has(shown.out, "output \"sync failed\""), shown.out);
}

BOOST_AUTO_TEST_CASE(a_workload_past_its_timeout_is_killed_and_its_trace_explored,
                     *boost::unit_test::precondition(WithRecorder)) {
  Scenarios s;
  Result<Scenario> scenario = LoadScenario(s.Write("slow.toml", R"(
name = "slow"
[workload]
command = ["sh", "-c", "echo x > f; sleep 30"]
timeout_s = 0.5
[checker]
command = ["true"]
)"));
  BOOST_REQUIRE(scenario.ok());
  reports::RunProgress quiet;
  RunSettings settings;
  settings.work_dir = s.work;
  const reports::RunReport report =
      RunScenarios({*scenario}, {.settings = settings, .progress = &quiet});
  const reports::ScenarioReport& r = report.scenarios.at(0);
  BOOST_TEST(r.recording.timed_out);
  BOOST_TEST(r.recording.events > 0u);
  BOOST_TEST((r.verdict == reports::ScenarioReport::Verdict::kPassed), r.verdict_reason);
  bool warned = false;
  for (const std::string& w : r.recording.warnings) warned = warned || Has(w, "timeout_s");
  BOOST_TEST(warned);
}

BOOST_AUTO_TEST_CASE(a_workload_that_fails_is_explored_with_a_warning_shown_even_when_met,
                     *boost::unit_test::precondition(WithRecorder)) {
  Scenarios s;
  const Run r = s.Powercut({s.Write("fails.toml", R"(
name = "fails"
[workload]
command = ["sh", "-c", "echo x > f; exit 3"]
[checker]
command = ["true"]
)"), "--json", s.dir.Join("run.json")});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out, "WARNING: fails ("), r.out);
  BOOST_TEST(Has(r.out, "  the workload exited 3; the trace up to then is explored"), r.out);
  BOOST_TEST(Has(test::ReadFile(s.dir.Join("run.json")), "the workload exited 3"));
}

BOOST_AUTO_TEST_CASE(a_workload_that_fails_before_any_file_operation_is_an_error_not_a_pass,
                     *boost::unit_test::precondition(WithRecorder)) {
  // Nothing recorded means nothing explored: "consistent" would be vacuous (e.g. a program
  // that cannot start, or dies of a signal at once).
  Scenarios s;
  const Run r = s.Powercut({s.Write("dies.toml", R"(
name = "dies"
[workload]
command = ["sh", "-c", "echo starting; kill -SEGV $$"]
[checker]
command = ["true"]
)")});
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "the workload was killed by SIGSEGV before doing any file operation in "
                        "the directory under test, so there is nothing to explore"),
             r.err);
  BOOST_TEST(Has(r.out, "1 scenario: 0 passed, 0 failed, 0 skipped, 1 error (exit 2)"), r.out);
}

BOOST_AUTO_TEST_CASE(a_command_workload_needs_the_recorder,
                     *boost::unit_test::precondition(WithoutRecorder)) {
  Scenarios s;
  const Run r = s.Powercut({s.Write("cmd.toml", R"(
name = "cmd"
[workload]
command = ["sh", "-c", "echo hi > f"]
[checker]
command = ["true"]
)")});
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "built without the LD_PRELOAD recorder"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
