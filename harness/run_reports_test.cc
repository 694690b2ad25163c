// `powercut run --json FILE --junit FILE --report-dir DIR`: the reports are written after every
// kind of run (met, not met, a scenario that could not run, Ctrl-C), paths are checked before
// anything runs, and a report that cannot be written at the end loses nothing else.
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "harness/exit_codes.h"
#include "harness/run_test_fixture.h"
#include "reports/run_json.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::Has;
using test::kBroken;
using test::kCorrect;
using test::Run;
using test::Scenarios;

struct Reports {
  std::string json;
  std::string junit;
  std::string dir;

  explicit Reports(const Scenarios& s)
      : json(s.dir.Join("run.json")), junit(s.dir.Join("run.xml")), dir(s.dir.Join("html")) {}
  std::vector<std::string> Flags() const {
    return {"--json", json, "--junit", junit, "--report-dir", dir};
  }
  reports::RunReport ReadJson() const {
    Result<reports::RunReport> read = reports::ReadRunJson(json);
    BOOST_REQUIRE_MESSAGE(read.ok(), read.status().ToString());
    return std::move(read).value();
  }
};

std::vector<std::string> Args(std::vector<std::string> scenarios,
                              const std::vector<std::string>& flags) {
  scenarios.insert(scenarios.end(), flags.begin(), flags.end());
  return scenarios;
}

// xmllint against the schema the JUnit renderer is tested with; "" when valid or no xmllint.
std::string JunitSchemaErrors(const std::string& path) {
  if (test::RunShell("command -v xmllint").exit_code != 0) return "";
  const ProcessResult r = test::RunShell(std::string("xmllint --noout --schema ") +
                                         POWERCUT_JUNIT_XSD + " " + path + " 2>&1");
  return r.exit_code == 0 ? "" : r.out + r.err;
}

BOOST_AUTO_TEST_SUITE(run_reports)

BOOST_AUTO_TEST_CASE(a_run_writes_json_junit_and_html_where_asked) {
  Scenarios s;
  const Reports reports(s);
  const Run r = s.Powercut(
      Args({s.Write("correct.toml", kCorrect), s.Write("broken.toml", kBroken)}, reports.Flags()));
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  const reports::RunReport read = reports.ReadJson();
  BOOST_TEST(read.exit_code == kExitOk);
  BOOST_REQUIRE(read.scenarios.size() == 2u);
  BOOST_TEST(read.scenarios[1].name == "broken");
  BOOST_TEST(read.scenarios[1].models.at(0).matching_groups.size() == 1u);
  BOOST_TEST(read.shard.empty());
  const std::string junit = test::ReadFile(reports.junit);
  BOOST_TEST(Has(junit, "<testcase name=\"broken\""), junit);
  BOOST_TEST(JunitSchemaErrors(reports.junit).empty(), JunitSchemaErrors(reports.junit));
  const std::string page = test::ReadFile(reports.dir + "/index.html");
  BOOST_TEST(Has(page, "non-atomic update"));
}

BOOST_AUTO_TEST_CASE(a_failed_run_writes_its_reports_with_the_failure) {
  Scenarios s;
  const Reports reports(s);
  std::string consistent = kBroken;
  consistent.erase(consistent.find("[expect]"));
  const Run r = s.Powercut(Args({s.Write("broken.toml", consistent)}, reports.Flags()));
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(VerdictName(reports.ReadJson().scenarios.at(0).verdict) == "failed");
  BOOST_TEST(Has(test::ReadFile(reports.junit), "<failure message="));
  BOOST_TEST(fs::exists(reports.dir + "/index.html"));
}

BOOST_AUTO_TEST_CASE(a_scenario_that_cannot_run_is_in_the_reports_as_an_error) {
  Scenarios s;
  const Reports reports(s);
  const Run r = s.Powercut(Args({s.Write("setup.toml", R"(
name = "setup-fails"
[workload]
builtin = "journal"
options = { mode = "group" }
setup = [["sh", "-c", "exit 3"]]
[checker]
builtin = "journal"
)")},
                                reports.Flags()));
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  const reports::RunReport read = reports.ReadJson();
  BOOST_TEST(VerdictName(read.scenarios.at(0).verdict) == "error");
  BOOST_TEST(read.exit_code == kExitUsage);
  BOOST_TEST(Has(test::ReadFile(reports.junit), "<error message="));
  BOOST_TEST(JunitSchemaErrors(reports.junit).empty(), JunitSchemaErrors(reports.junit));
}

BOOST_AUTO_TEST_CASE(an_invalid_file_runs_nothing_and_the_reports_name_it) {
  Scenarios s;
  const Reports reports(s);
  const std::string invalid = s.Write("invalid.toml", "name = \"x\"\nunknown_key = 1\n");
  const Run r = s.Powercut(Args({s.Write("correct.toml", kCorrect), invalid}, reports.Flags()));
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, invalid + ":"), r.err);
  BOOST_TEST(!fs::exists(s.work + "/correct"));
  const reports::RunReport read = reports.ReadJson();
  BOOST_REQUIRE(read.scenarios.size() == 2u);
  BOOST_TEST(read.scenarios[0].name == "correct");
  BOOST_TEST(read.scenarios[0].verdict_reason ==
             "not run: another scenario file of this run is invalid");
  BOOST_TEST(read.scenarios[1].file == invalid);
  BOOST_TEST(Has(read.scenarios[1].verdict_reason, "unknown_key"),
             read.scenarios[1].verdict_reason);
  BOOST_TEST(Has(test::ReadFile(reports.junit), "unknown_key"));
  BOOST_TEST(JunitSchemaErrors(reports.junit).empty(), JunitSchemaErrors(reports.junit));
}

BOOST_AUTO_TEST_CASE(a_report_path_that_cannot_be_written_is_refused_before_anything_runs) {
  Scenarios s;
  const std::string file = s.Write("correct.toml", kCorrect);
  for (const auto& [option, path, problem] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"--json", s.dir.Join("no/such/dir/run.json"), "does not exist"},
           {"--junit", s.dir.path(), "is a directory"},
           {"--report-dir", s.dir.Join("no/such/dir"), "does not exist"},
           {"--report-dir", file, "exists and is not a directory"}}) {
    const Run r = s.Powercut({file, option, path});
    BOOST_TEST(r.exit_code == kExitUsage, option << " " << path << ": " << r.out << r.err);
    // NOLINTNEXTLINE(performance-inefficient-string-concatenation)
    BOOST_TEST(Has(r.err, "powercut run: " + option + " " + path), r.err);
    BOOST_TEST(Has(r.err, problem), r.err);
    BOOST_TEST(r.out.empty(), r.out);  // nothing ran
    BOOST_TEST(!fs::exists(s.work + "/correct"));
  }
}

// /dev/full passes the check (it exists and is writable) and fails the write with ENOSPC: a
// disk that fills up during the run.
BOOST_AUTO_TEST_CASE(
    a_report_that_cannot_be_written_at_the_end_loses_neither_the_others_nor_the_summary) {
  Scenarios s;
  const Reports reports(s);
  const Run r = s.Powercut({s.Write("correct.toml", kCorrect), "--json", reports.json, "--junit",
                            "/dev/full", "--report-dir", reports.dir});
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "powercut run: /dev/full: cannot write the JUnit report"), r.err);
  BOOST_TEST(Has(r.out, "1 scenario: 1 passed, 0 failed, 0 skipped, 0 errors (exit 0)"), r.out);
  BOOST_TEST(reports.ReadJson().exit_code == kExitOk);
  BOOST_TEST(fs::exists(reports.dir + "/index.html"));
}

BOOST_AUTO_TEST_CASE(ctrl_c_leaves_valid_partial_reports_marked_interrupted) {
  Scenarios s;
  const Reports reports(s);
  const std::string file = s.Write("slow.toml", R"(
name = "slow"
[workload]
builtin = "journal"
options = { mode = "immediate", txns = 40, ops_per_txn = 1 }
[checker]
command = ["sh", "-c", "sleep 0.2"]
)");
  std::vector<std::string> args = {"run", file, "--work-dir", s.work, "--jobs", "2"};
  const std::vector<std::string> flags = reports.Flags();
  args.insert(args.end(), flags.begin(), flags.end());
  BOOST_TEST(test::InterruptPowercut(args, s.dir.Join("log"), 1500ms, SIGINT) == 130);
  const reports::RunReport read = reports.ReadJson();
  BOOST_TEST(read.interrupted);
  BOOST_TEST(read.exit_code == 130);
  BOOST_REQUIRE(read.scenarios.size() == 1u);
  BOOST_TEST(VerdictName(read.scenarios[0].verdict) == "error");
  BOOST_TEST(OutcomeName(read.scenarios[0].models.at(0).exploration.outcome) == "interrupted");
  const std::string junit = test::ReadFile(reports.junit);
  BOOST_TEST(Has(junit, "interrupted"), junit);
  BOOST_TEST(JunitSchemaErrors(reports.junit).empty(), JunitSchemaErrors(reports.junit));
  BOOST_TEST(Has(test::ReadFile(reports.dir + "/index.html"), "interrupted"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
