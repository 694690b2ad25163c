#include "harness/checker.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

using namespace std::chrono_literals;
using Kind = CheckerVerdict::Kind;

ProcessResult Exited(int code, std::string out = "", std::string err = "") {
  ProcessResult r;
  r.end = ProcessResult::End::kExited;
  r.exit_code = code;
  r.out_bytes = out.size();
  r.err_bytes = err.size();
  r.out = std::move(out);
  r.err = std::move(err);
  return r;
}

CheckerVerdict Judge(const ProcessResult& r) { return JudgeChecker(r, 5s); }

BOOST_AUTO_TEST_SUITE(checker_verdicts)

BOOST_AUTO_TEST_CASE(exit_0_is_consistent) {
  BOOST_TEST(static_cast<int>(Judge(Exited(0, "all fine\n")).kind) ==
             static_cast<int>(Kind::kConsistent));
}

BOOST_AUTO_TEST_CASE(exit_1_to_124_is_a_violation_whose_reason_is_the_first_line) {
  for (const int code : {1, 2, 77, 124}) {
    const CheckerVerdict v = Judge(Exited(code, "\n  \nacked txn 7 missing\r\nmore\n", "noise\n"));
    BOOST_TEST(static_cast<int>(v.kind) == static_cast<int>(Kind::kViolation));
    BOOST_TEST(v.reason == "acked txn 7 missing");
    BOOST_TEST(v.details.starts_with("exit " + std::to_string(code) + "\n"), v.details);
    BOOST_TEST(v.details.find("stdout: more") != std::string::npos, v.details);
    BOOST_TEST(v.details.find("stderr: noise") != std::string::npos, v.details);
  }
}

BOOST_AUTO_TEST_CASE(the_reason_falls_back_to_stderr_then_to_the_exit_code) {
  BOOST_TEST(Judge(Exited(3, "", "from stderr\n")).reason == "from stderr");
  BOOST_TEST(Judge(Exited(3, " \n", "")).reason == "exit 3 (the checker printed nothing)");
}

BOOST_AUTO_TEST_CASE(a_reason_is_one_printable_bounded_line) {
  BOOST_TEST(Judge(Exited(1, std::string("a\tb\x01", 4) + "\n")).reason == "a\\x09b\\x01");
  const std::string reason = Judge(Exited(1, std::string(5000, 'x'))).reason;
  BOOST_TEST(reason.size() < 400u);
  BOOST_TEST(reason.ends_with("..."));
}

BOOST_AUTO_TEST_CASE(exit_125_126_127_and_codes_outside_the_protocol_cannot_run) {
  const CheckerVerdict v125 = Judge(Exited(125, "cannot open the journal\n"));
  BOOST_TEST(static_cast<int>(v125.kind) == static_cast<int>(Kind::kCannotRun));
  BOOST_TEST(v125.reason == "the checker could not run (exit 125): cannot open the journal");
  const CheckerVerdict v126 = Judge(Exited(126, "", "sh: 1: ./check: Permission denied\n"));
  BOOST_TEST(static_cast<int>(v126.kind) == static_cast<int>(Kind::kCannotRun));
  BOOST_TEST(v126.reason.find("could not be executed (sh exit 126): sh: 1: ./check: "
                              "Permission denied") != std::string::npos);
  const CheckerVerdict v127 = Judge(Exited(127, "", "sh: 1: chekc: not found\n"));
  BOOST_TEST(static_cast<int>(v127.kind) == static_cast<int>(Kind::kCannotRun));
  BOOST_TEST(v127.reason.find("was not found (sh exit 127)") != std::string::npos);
  for (const int code : {128, 193, 255}) {
    const CheckerVerdict v = Judge(Exited(code));
    BOOST_TEST(static_cast<int>(v.kind) == static_cast<int>(Kind::kCannotRun));
    BOOST_TEST(v.reason.find("outside the protocol") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_signal_or_sh_reporting_one_is_a_crashed_recovery) {
  ProcessResult killed;
  killed.end = ProcessResult::End::kSignaled;
  killed.signal = SIGSEGV;
  const CheckerVerdict direct = Judge(killed);
  BOOST_TEST(static_cast<int>(direct.kind) == static_cast<int>(Kind::kCrashed));
  BOOST_TEST(direct.reason == "recovery crashed: killed by SIGSEGV");
  BOOST_TEST(direct.IsViolation());
  const CheckerVerdict via_sh = Judge(Exited(128 + SIGABRT));
  BOOST_TEST(static_cast<int>(via_sh.kind) == static_cast<int>(Kind::kCrashed));
  BOOST_TEST(via_sh.reason == "recovery crashed: killed by SIGABRT (sh exit 134)");
}

BOOST_AUTO_TEST_CASE(past_its_timeout_is_a_hung_recovery) {
  ProcessResult hung;
  hung.end = ProcessResult::End::kTimedOut;
  BOOST_TEST(JudgeChecker(hung, 5s).reason == "recovery hung: no exit after 5 s");
  BOOST_TEST(JudgeChecker(hung, 250ms).reason == "recovery hung: no exit after 0.25 s");
  BOOST_TEST(JudgeChecker(hung, 5s).IsViolation());
}

BOOST_AUTO_TEST_CASE(placeholders_are_replaced_raw_everywhere) {
  BOOST_TEST(SubstitutePlaceholders("check {state} --acked '{output}' {state}{output} {x}",
                                    "/s/1/state", "/s/1/output") ==
             "check /s/1/state --acked '/s/1/output' /s/1/state/s/1/output {x}");
}

BOOST_AUTO_TEST_CASE(only_paths_without_shell_specials_are_shell_safe) {
  BOOST_TEST(IsShellSafePath("/dev/shm/powercut-aB3xYz/12/state"));
  BOOST_TEST(IsShellSafePath("replay-c5+e2+e4:0-1,3"));
  for (const char* bad : {"", "/tmp/a b", "/tmp/$x", "/tmp/a'b", "/tmp/a\"b", "-x", "/tmp/~",
                          "/tmp/a;b", "/tmp/a*b", "/tmp/a\\b"}) {
    BOOST_TEST(!IsShellSafePath(bad), bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(checker_runner)

BOOST_AUTO_TEST_CASE(the_checker_gets_the_protocol_environment_and_placeholders) {
  testing::TempDir dir;
  const std::string state = dir.Join("state");
  const std::string output = dir.Join("output");
  BOOST_REQUIRE(::mkdir(state.c_str(), 0755) == 0);
  test::WriteTextFile(output, "ack 1\n");
  ::setenv("POWERCUT_CRASH_POINT", "stale", 1);  // NOLINT(concurrency-mt-unsafe): one thread  // an inherited value must not leak through
  const CheckerRunner runner(
      {.command = "{ pwd; echo \"$POWERCUT_STATE_DIR\" \"$POWERCUT_OUTPUT\" "
                  "\"$POWERCUT_CRASH_POINT\" \"$POWERCUT_SCENARIO\" \"$POWERCUT_STATE_ID\"; "
                  "echo {state} '{output}'; cat {output}; } > " + dir.Join("seen"),
       .timeout = 10s,
       .scenario = "save"},
      InheritedEnvironment());
  ::unsetenv("POWERCUT_CRASH_POINT");  // NOLINT(concurrency-mt-unsafe): one thread
  const Result<CheckerVerdict> v = runner.Run({state, output, 7, "c7+e3", -1});
  BOOST_REQUIRE(v.ok());
  BOOST_TEST(static_cast<int>(v->kind) == static_cast<int>(Kind::kConsistent));
  BOOST_TEST(test::ReadFile(dir.Join("seen")) ==
             state + "\n" + state + " " + output + " 7 save c7+e3\n" + state + " " + output +
                 "\nack 1\n");
}

BOOST_AUTO_TEST_CASE(a_checker_that_cannot_be_started_is_an_error_not_a_verdict) {
  const CheckerRunner runner({.command = "true"}, InheritedEnvironment());
  const Result<CheckerVerdict> v =
      runner.Run({"/nonexistent/powercut/state", "/nonexistent/output", 1, "c1", -1});
  BOOST_TEST(!v.ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
