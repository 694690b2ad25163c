// powercut itself under faults and bad input (issue 8): checkers that crash, hang or cannot run,
// a scratch or work directory that runs out of space, scenario files that are not scenarios,
// a workload that is not there, a trace with a bad checksum. Each case runs the real binary and
// checks the message, the exit code, and that what was already produced (earlier scenarios'
// results, the kept trace) is intact. What other tests already cover is not repeated here:
// cli_test.cc (explore: hung and crashed checkers, exit 125, full scratch, truncated and foreign
// traces, Ctrl-C), run_command_test.cc (run: unknown keys, missing programs in PATH, failing
// setup, workload timeouts, Ctrl-C), checker_test.cc and scenario_loader_test.cc.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>

#include "faultfs/testing/temp_dir.h"
#include "harness/exit_codes.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A builtin journal workload checked by `checker` (TOML array text), under drop-unsynced.
std::string JournalScenario(const std::string& name, const std::string& checker,
                            const std::string& extra = "") {
  return "name = \"" + name + "\"\n[workload]\nbuiltin = \"journal\"\n" +
         "options = { mode = \"immediate\", txns = 2, ops_per_txn = 1 }\n[checker]\ncommand = " +
         checker + "\n" + extra + "[explore]\nmodels = [\"drop-unsynced\"]\n";
}

const char* const kCorrect = R"(name = "correct"
[workload]
builtin = "journal"
options = { mode = "immediate", txns = 2, ops_per_txn = 1 }
[checker]
builtin = "journal"
[explore]
models = ["drop-unsynced"]
)";

struct Dir {
  powercut::testing::TempDir dir;
  std::string work = dir.Join("work");
  std::string Write(const std::string& name, const std::string& text) const {
    test::WriteTextFile(dir.Join(name), text);
    return dir.Join(name);
  }
  ProcessResult Run(std::vector<std::string> args) const {
    args.insert(args.begin(), "run");
    args.insert(args.end(), {"--work-dir", work});
    return test::RunPowercut(args, dir.path());
  }
  // The kept trace of scenario `name` still reads whole.
  void CheckTraceIntact(const std::string& name) const {
    const ProcessResult shown = test::RunPowercut({"show", work + "/" + name + "/" + name + ".trace"});
    BOOST_TEST(shown.exit_code == kExitOk, shown.err);
    BOOST_TEST(Has(shown.out, "output \"ack 2\""), shown.out);
  }
};

// Runs powercut with `args`, `dir` being a `size` tmpfs in a mount namespace of its own.
ProcessResult RunWithSmallTmpfs(const std::string& dir, const std::string& size,
                                const std::vector<std::string>& args, const std::string& cwd) {
  std::string script = "cd \"$1\" && mount -t tmpfs -o size=" + size +
                       " tmpfs \"$2\" && shift 2 && exec \"$@\"";
  std::string command = "unshare -m sh -c '" + script + "' sh '" + cwd + "' '" + dir + "' '" +
                        POWERCUT_BINARY + "'";
  for (const std::string& arg : args) command += " '" + arg + "'";
  return test::RunShell(command);
}

BOOST_AUTO_TEST_SUITE(bad_input)

BOOST_AUTO_TEST_CASE(a_checker_that_crashes_in_a_run_is_a_violation_and_the_trace_is_kept) {
  Dir d;
  const ProcessResult r = d.Run({d.Write("crash.toml", JournalScenario("crashing", R"(["sh", "-c", "kill -SEGV $$"])"))});
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(Has(r.out, "recovery crashed: killed by SIGSEGV"), r.out);
  BOOST_TEST(Has(r.out, "1 scenario: 0 passed, 1 failed, 0 skipped, 0 errors (exit 1)"), r.out);
  d.CheckTraceIntact("crashing");
}

BOOST_AUTO_TEST_CASE(a_checker_that_hangs_in_a_run_is_killed_at_its_timeout_and_is_a_violation) {
  Dir d;
  const ProcessResult r = d.Run({d.Write(
      "hang.toml", JournalScenario("hanging", R"(["sleep", "30"])", "timeout_s = 0.2\n") +
                       "max_states = 3\n")});
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(Has(r.out, "recovery hung: no exit after 0.2 s"), r.out);
  BOOST_TEST(r.elapsed < std::chrono::microseconds(20s));  // three states, not three sleeps
  d.CheckTraceIntact("hanging");
}

BOOST_AUTO_TEST_CASE(a_checker_that_cannot_run_is_an_error_and_earlier_results_stand) {
  Dir d;
  const ProcessResult r = d.Run(
      {d.Write("correct.toml", kCorrect),
       d.Write("cannot.toml", JournalScenario("cannot-run",
                                             R"(["sh", "-c", "echo no tool here; exit 125"])"))});
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "the checker could not run (exit 125): no tool here"), r.err);
  BOOST_TEST(Has(r.out, "[1/2] correct drop-unsynced: met"), r.out);
  BOOST_TEST(Has(r.out, "2 scenarios: 1 passed, 0 failed, 0 skipped, 1 error (exit 2)"), r.out);
  d.CheckTraceIntact("correct");
}

BOOST_AUTO_TEST_CASE(files_that_are_not_scenarios_exit_2_naming_file_and_line_before_running) {
  Dir d;
  struct Case {
    const char* name;
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"not-toml.toml", "name = \"x\"\n[workload\n", "not-toml.toml:2:10: not valid TOML"},
      {"empty.toml", "", "empty.toml:1: name: missing"},
      {"binary.toml", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10), "binary.toml:1:"},
      {"missing-workload.toml",
       "name = \"missing\"\n[workload]\ncommand = [\"./no-such-workload\"]\n[checker]\n"
       "command = [\"true\"]\n",
       "missing-workload.toml:3: [workload] command: no executable file"},
  };
  for (const Case& c : cases) {
    const std::string path = d.Write(c.name, c.text);
    const ProcessResult r = d.Run({d.dir.Join("correct.toml"), path});
    BOOST_TEST(r.exit_code == kExitUsage, c.name << ": " << r.out << r.err);
    BOOST_TEST(Has(r.err, c.message), c.name << ": " << r.err);
    BOOST_TEST(r.out.empty(), c.name << ": " << r.out);
    BOOST_TEST(!fs::exists(d.work), c.name << ": nothing may run when a file is invalid");
  }
  const ProcessResult dir = d.Run({d.dir.path()});
  BOOST_TEST(dir.exit_code == kExitUsage);
  BOOST_TEST(Has(dir.err, "is a directory, not a scenario file"), dir.err);
}

BOOST_AUTO_TEST_CASE(a_trace_with_a_bad_checksum_is_refused_by_explore_and_replay_naming_offset) {
  Dir d;
  BOOST_REQUIRE(d.Run({d.Write("correct.toml", kCorrect)}).exit_code == kExitOk);
  const std::string trace = d.work + "/correct/correct.trace";
  std::string bytes = test::ReadFile(trace);
  BOOST_REQUIRE(bytes.size() > 300u);
  bytes[300] = static_cast<char>(bytes[300] ^ 0x40);
  test::WriteTextFile(trace, bytes);
  const ProcessResult explored = test::RunPowercut({"explore", trace, "--checker", "true"});
  BOOST_TEST(explored.exit_code == kExitUsage);
  BOOST_TEST(Has(explored.err, trace + " is damaged: bad CRC at offset"), explored.err);
  BOOST_TEST(Has(explored.err, "Record the workload again"), explored.err);
  const ProcessResult replayed =
      test::RunPowercut({"replay", trace, "--state", "c0", "-o", d.dir.Join("state")});
  BOOST_TEST(replayed.exit_code == kExitUsage);
  BOOST_TEST(Has(replayed.err, "bad CRC at offset"), replayed.err);
}

BOOST_AUTO_TEST_CASE(a_full_scratch_directory_ends_the_scenario_with_exit_2_keeping_the_trace,
                     *boost::unit_test::precondition(test::CanMountPrivately)) {
  Dir d;
  // 300 transactions: a journal larger than the 16 KiB the crash states may use.
  const std::string scenario = d.Write(
      "big.toml", JournalScenario("big",
                                  std::string("[\"") + POWERCUT_JOURNAL_TOOL +
                                      R"(", "check", "wal", "--acked", "{output}", "--ops-per-txn", "1"])") +
                      "max_states = 50\n");
  std::string text = test::ReadFile(scenario);
  text.replace(text.find("txns = 2"), 8, "txns = 300");
  test::WriteTextFile(scenario, text);
  const std::string scratch = d.dir.Join("small");
  fs::create_directory(scratch);
  const ProcessResult r = RunWithSmallTmpfs(
      scratch, "16k", {"run", scenario, "--work-dir", d.work, "--scratch", scratch}, d.dir.path());
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "is full: free space there, or choose another with --scratch DIR"), r.err);
  BOOST_TEST(Has(r.out, "1 scenario: 0 passed, 0 failed, 0 skipped, 1 error (exit 2)"), r.out);
  BOOST_TEST(fs::is_empty(scratch));  // the tmpfs was private
  BOOST_TEST(test::RunPowercut({"show", d.work + "/big/big.trace"}).exit_code == kExitOk);
}

BOOST_AUTO_TEST_CASE(a_checker_that_fills_the_scratch_directory_is_an_error_not_a_violation,
                     *boost::unit_test::precondition(test::CanMountPrivately)) {
  // The checker writes in its state directory until the disk is full, then reports the failure
  // as a violation would: that verdict is the full disk's, not the state's.
  Dir d;
  const std::string scenario = d.Write(
      "filler.toml",
      JournalScenario("filler", R"(["sh", "-c", "cat /dev/zero > filler; echo cannot write; exit 1"])") +
          "max_states = 3\n");
  const std::string scratch = d.dir.Join("small");
  fs::create_directory(scratch);
  const ProcessResult r = RunWithSmallTmpfs(
      scratch, "1m", {"run", scenario, "--work-dir", d.work, "--scratch", scratch}, d.dir.path());
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "is full: free space there, or choose another with --scratch DIR"), r.err);
  BOOST_TEST(!Has(r.out, "violation"), r.out);
}

BOOST_AUTO_TEST_CASE(a_full_work_directory_is_an_error_naming_the_trace_it_could_not_keep,
                     *boost::unit_test::precondition(test::CanMountPrivately)) {
  Dir d;
  const std::string scenario = d.Write("big.toml", kCorrect);
  std::string text = test::ReadFile(scenario);
  text.replace(text.find("txns = 2"), 8, "txns = 300");
  test::WriteTextFile(scenario, text);
  fs::create_directory(d.work);
  const ProcessResult r =
      RunWithSmallTmpfs(d.work, "8k", {"run", scenario, "--work-dir", d.work}, d.dir.path());
  BOOST_TEST(r.exit_code == kExitUsage, r.out << r.err);
  BOOST_TEST(Has(r.err, "cannot keep the trace for the replay commands: " + d.work +
                            "/correct/correct.trace: pwrite: No space left on device"),
             r.err);
  BOOST_TEST(Has(r.out, "1 scenario: 0 passed, 0 failed, 0 skipped, 1 error (exit 2)"), r.out);
}

// A workload killed by a signal halfway leaves a trace up to then: it is explored like any other,
// the report says how the workload ended, and the next scenario runs.
BOOST_AUTO_TEST_CASE(a_workload_killed_by_sigsegv_mid_run_is_explored_up_to_the_crash) {
  Dir d;
  const std::string crash = d.Write("crash.toml", R"(name = "crash"
[workload]
command = ["sh", "-c", "printf new > f.tmp && mv f.tmp f && echo saved && kill -SEGV $$; echo never"]
[checker]
command = ["sh", "-c", "test -s f || test ! -e f"]
[explore]
models = ["posix"]
[expect]
result = "violation"
class = "non-atomic update"
)");
  const std::string json = d.dir.Join("run.json");
  const ProcessResult r = d.Run({crash, d.Write("correct.toml", kCorrect), "--json", json});
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out, "2 scenarios: 2 passed, 0 failed, 0 skipped, 0 errors (exit 0)"), r.out);
  const std::string report = test::ReadFile(json);
  BOOST_TEST(Has(report, "\"signal\": 11"), report);
  const ProcessResult shown = test::RunPowercut({"show", d.work + "/crash/crash.trace"});
  BOOST_TEST(Has(shown.out, "rename f.tmp -> f"), shown.out);
  BOOST_TEST(Has(shown.out, "output \"saved\""), shown.out);
  BOOST_TEST(!Has(shown.out, "never"), shown.out);
}

BOOST_AUTO_TEST_CASE(record_of_a_workload_that_aborts_keeps_its_trace_and_says_how_it_ended) {
  Dir d;
  const std::string trace = d.dir.Join("abort.trace");
  const ProcessResult r = test::RunPowercut(
      {"record", "-o", trace, "--", "sh", "-c", "echo x > f && echo saved && kill -ABRT $$"},
      d.dir.path());
  BOOST_TEST(r.exit_code == kExitOk, r.err);
  BOOST_TEST(Has(r.err, "SIGABRT"), r.err);
  BOOST_TEST(Has(test::RunPowercut({"show", trace}).out, "output \"saved\""));
}

// The workload fills the disk of its directory under test (the work directory), so that its
// trace, which holds the bytes written, cannot be kept either: an error naming the trace, no
// partial trace left behind, and the earlier scenario's trace and result intact.
BOOST_AUTO_TEST_CASE(a_workload_that_fills_its_disk_leaves_no_partial_trace_and_loses_nothing,
                     *boost::unit_test::precondition(test::CanMountPrivately)) {
  Dir d;
  const std::string full = d.Write("full.toml", R"(name = "full"
[workload]
command = ["sh", "-c", "echo start; head -c 1000000 /dev/zero > big; rm -f big; echo done"]
[checker]
command = ["true"]
)");
  const std::string correct = d.Write("correct.toml", kCorrect);
  const std::string json = d.dir.Join("run.json");
  fs::create_directory(d.work);
  // Everything that looks at the tmpfs runs inside its mount namespace.
  const std::string script = d.Write("in-namespace.sh", R"(work=$1 powercut=$2
mount -t tmpfs -o size=256k tmpfs "$work" || exit 1
cd "$work/.." && "$powercut" run "$3" "$4" --work-dir "$work" --json "$5"
echo "exit=$?"
"$powercut" show "$work/correct/correct.trace" | grep -c 'output "ack 2"'
if test -e "$work/full/full.trace"; then echo "partial trace left"; fi
)");
  const ProcessResult r = test::RunShell("unshare -m sh '" + script + "' '" + d.work + "' '" +
                                         POWERCUT_BINARY + "' '" + correct + "' '" + full +
                                         "' '" + json + "'");
  BOOST_TEST(Has(r.out, "exit=2"), r.out << r.err);
  BOOST_TEST(Has(r.err, "cannot keep the trace for the replay commands: " + d.work +
                            "/full/full.trace: pwrite: No space left on device"),
             r.err);
  BOOST_TEST(Has(r.out, "2 scenarios: 1 passed, 0 failed, 0 skipped, 1 error (exit 2)"), r.out);
  BOOST_TEST(Has(r.out, "\n1\n"), "the earlier trace is not whole: " << r.out);
  BOOST_TEST(!Has(r.out, "partial trace left"), r.out);
  BOOST_TEST(Has(test::ReadFile(json), "\"passed\": 1"));
}

// libstdc++'s std::regex recurses per character: `.*x` over a megabyte overflows the stack. The
// reason an `[expect] message` is matched against is the first line of the checker's output cut
// at 300 characters, so a checker printing a megabyte on one line is matched, not a crash.
BOOST_AUTO_TEST_CASE(a_megabyte_checker_line_is_matched_against_the_message_without_a_crash) {
  Dir d;
  const std::string scenario = d.Write(
      "long.toml",
      JournalScenario("long",
                      R"(["sh", "-c", "head -c 1048576 /dev/zero | tr '\\000' a; echo x; exit 1"])",
                      "[expect]\nresult = \"violation\"\nmessage = \".*x\"\n"));
  const ProcessResult r = d.Run({scenario});
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(Has(r.out, "expected a violation matching /.*x/"), r.out.substr(0, 2000));
  BOOST_TEST(r.out.size() < 100'000u, "the reason is not cut: " << r.out.size() << " bytes");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
