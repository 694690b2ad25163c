// `powercut record` end to end, through the real binary: unmodified programs (sh, coreutils,
// Debian's sqlite3) recorded, then explored with checker programs, with the verdicts the models
// of DESIGN.md section 6 call for.
#include <signal.h>

#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"
#include "harness/exit_codes.h"
#include "harness/process.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

using namespace std::chrono_literals;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A directory under test `dir` holding `files`, and the traces beside it.
struct Recording {
  powercut::testing::TempDir root;
  std::string dir = root.Join("dir");
  std::string trace = root.Join("w.trace");

  explicit Recording(const std::string& setup = "") {
    std::filesystem::create_directories(dir);
    if (!setup.empty()) BOOST_REQUIRE(test::RunShell("cd " + dir + " && " + setup).exit_code == 0);
  }
  ProcessResult Record(const std::string& script, std::vector<std::string> options = {}) const {
    std::vector<std::string> args = {"record", "-o", trace, "--dir", dir};
    args.insert(args.end(), options.begin(), options.end());
    args.insert(args.end(), {"--", "sh", "-c", script});
    return test::RunPowercut(args, root.path(), 60s);
  }
  ProcessResult Explore(const std::string& model, const std::string& checker) const {
    return test::RunPowercut(
        {"explore", trace, "--model", model, "--jobs", "2", "--checker", checker}, root.path(),
        120s);
  }
};

// f must hold v1 or v2, whole.
constexpr const char* kOneVersion =
    "c=$(cat f 2>/dev/null); test \"$c\" = v1 -o \"$c\" = v2 || { echo \"f holds '$c'\"; exit 1; }";

BOOST_AUTO_TEST_SUITE(record_command)

BOOST_AUTO_TEST_CASE(a_recorded_rename_without_fsync_leaves_an_empty_file_under_posix_only) {
  const Recording w("printf v1 > f");
  const ProcessResult recorded = w.Record("printf v2 > f.tmp; mv f.tmp f");
  BOOST_TEST_REQUIRE(recorded.exit_code == kExitOk, recorded.err);
  const ProcessResult posix = w.Explore("posix", kOneVersion);
  BOOST_TEST(posix.exit_code == kExitViolation, posix.out << posix.err);
  BOOST_TEST(Has(posix.out, "reason:  f holds ''"), posix.out);
  const ProcessResult prefix = w.Explore("prefix", kOneVersion);
  BOOST_TEST(prefix.exit_code == kExitOk, prefix.out << prefix.err);
}

BOOST_AUTO_TEST_CASE(syncing_the_new_file_and_the_directory_leaves_nothing_to_find) {
  const Recording w("printf v1 > f");
  BOOST_TEST_REQUIRE(w.Record("printf v2 > f.tmp; sync f.tmp; mv f.tmp f; sync .").exit_code == 0);
  for (const char* model : {"posix", "ext4-ordered", "prefix", "drop-unsynced"}) {
    const ProcessResult r = w.Explore(model, kOneVersion);
    BOOST_TEST(r.exit_code == kExitOk, model << ": " << r.out << r.err);
  }
}

// Every record the workload acknowledged (`ack N`) must be in the log.
constexpr const char* kAckedRecordsKept =
    "for n in $(sed -n 's/^ack //p' {output}); do grep -qx \"rec$n\" log || "
    "{ echo \"acknowledged rec$n missing\"; exit 1; }; done";

BOOST_AUTO_TEST_CASE(an_append_acknowledged_before_its_sync_is_caught) {
  const Recording early;
  BOOST_TEST_REQUIRE(
      early.Record("for n in 1 2; do echo rec$n >> log; echo ack $n; sync log; done").exit_code ==
      0);
  const ProcessResult r = early.Explore("drop-unsynced", kAckedRecordsKept);
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(Has(r.out, "acknowledged rec1 missing"), r.out);

  const Recording late(": > log; sync");  // the log's name is durable from the start
  BOOST_TEST_REQUIRE(
      late.Record("for n in 1 2; do echo rec$n >> log; sync log; echo ack $n; done").exit_code ==
      0);
  const ProcessResult ok = late.Explore("posix", kAckedRecordsKept);
  BOOST_TEST(ok.exit_code == kExitOk, ok.out << ok.err);
}

boost::test_tools::assertion_result HasSqlite3(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result result(!FindProgram("sqlite3").empty());
  result.message() << "sqlite3 is not installed (ci/install-deps.sh installs it)";
  return result;
}

// Two transactions, each inserting i and -i, acknowledged when sqlite3 returns.
std::string SqliteInserts(const std::string& synchronous) {
  return "for i in 1 2; do sqlite3 db \"PRAGMA synchronous=" + synchronous +
         "; BEGIN; INSERT INTO t VALUES($i); INSERT INTO t VALUES(-$i); COMMIT;\" && "
         "echo ack $i; done";
}

// The database is sound (integrity_check), holds whole transactions (the values sum to 0), and
// every acknowledged one.
constexpr const char* kSqliteChecker =
    "test \"$(sqlite3 db 'PRAGMA integrity_check')\" = ok || { echo 'integrity_check failed'; "
    "exit 1; }; test \"$(sqlite3 db 'SELECT coalesce(sum(v), 0) FROM t')\" = 0 || "
    "{ echo 'half a transaction'; exit 1; }; for i in $(sed -n 's/^ack //p' {output}); do "
    "test \"$(sqlite3 db \"SELECT count(*) FROM t WHERE v = $i\")\" = 1 || "
    "{ echo \"acknowledged txn $i lost\"; exit 1; }; done";

// DELETE journal, synchronous=FULL: a commit is the unlink of the journal, which nothing syncs
// (SQLite documents EXTRA for durability across power loss): the database stays sound and
// atomic, but the last acknowledged transaction can roll back. This is `record` + `explore` on
// a real program; SQLite's configurations, EXTRA included, are scenarios/real's (`run`).
BOOST_AUTO_TEST_CASE(sqlite3_with_synchronous_full_is_sound_but_may_lose_an_acknowledged_txn,
                     *boost::unit_test::precondition(HasSqlite3)) {
  const Recording w("sqlite3 db 'CREATE TABLE t(v INTEGER)'");
  const ProcessResult recorded = w.Record(SqliteInserts("FULL"));
  BOOST_TEST_REQUIRE(recorded.exit_code == kExitOk, recorded.err);
  BOOST_TEST(recorded.out == "ack 1\nack 2\n");
  BOOST_TEST(Has(recorded.err, "0 warnings"), recorded.err);
  BOOST_TEST(!Has(recorded.err, "warning:"), recorded.err);
  const ProcessResult r = w.Explore("posix", kSqliteChecker);
  BOOST_TEST(r.exit_code == kExitViolation, r.out << r.err);
  BOOST_TEST(Has(r.out, "acknowledged txn"), r.out);
  BOOST_TEST(!Has(r.out, "reason:  integrity_check failed"), r.out);
  BOOST_TEST(!Has(r.out, "reason:  half a transaction"), r.out);
}

BOOST_AUTO_TEST_CASE(warnings_go_to_stderr_and_into_the_trace) {
  const Recording w;
  const ProcessResult r = w.Record("ln -s target link; echo done");
  BOOST_TEST_REQUIRE(r.exit_code == kExitOk, r.err);
  BOOST_TEST(r.out == "done\n");
  BOOST_TEST(Has(r.err, "powercut record: warning: "), r.err);
  BOOST_TEST(Has(r.err, "link"), r.err);
  const ProcessResult shown = test::RunPowercut({"show", w.trace});
  BOOST_TEST(Has(shown.out, "warning: "), shown.out);
}

BOOST_AUTO_TEST_CASE(a_fault_given_on_the_command_line_reaches_the_program) {
  const Recording w;
  const ProcessResult r = w.Record(
      "printf x > g; sync g && echo first; sync g || echo second failed",
      {"--fault", "sync/fsync=EIO@2"});
  BOOST_TEST_REQUIRE(r.exit_code == kExitOk, r.err);
  BOOST_TEST(r.out == "first\nsecond failed\n");
  BOOST_TEST(Has(test::RunPowercut({"show", w.trace}).out, "sync-failed g"));
}

BOOST_AUTO_TEST_CASE(bad_usage_exits_2_with_the_reason) {
  const Recording w;
  const ProcessResult missing = test::RunPowercut(
      {"record", "-o", w.trace, "--", "powercut-no-such-program"}, w.root.path());
  BOOST_TEST(missing.exit_code == kExitUsage);
  BOOST_TEST(Has(missing.err, "powercut-no-such-program"), missing.err);
  const ProcessResult fault = w.Record("true", {"--fault", "sync/fsync=NOTANERRNO"});
  BOOST_TEST(fault.exit_code == kExitUsage);
  BOOST_TEST(Has(fault.err, "NOTANERRNO"), fault.err);
  BOOST_TEST(test::RunPowercut({"record", "--", "true"}).exit_code == kExitUsage);  // no -o
}

BOOST_AUTO_TEST_CASE(ctrl_c_stops_the_workload_and_keeps_its_trace) {
  const Recording w;
  const int code = test::InterruptPowercut(
      {"record", "-o", w.trace, "--dir", w.dir, "--", "sh", "-c",
       "echo one > f; echo started; sleep 60"},
      w.root.Join("stdout"), 1500ms, SIGINT);
  BOOST_TEST(code == kExitSignalBase + SIGINT);
  const ProcessResult shown = test::RunPowercut({"show", w.trace});
  BOOST_TEST(shown.exit_code == 0, shown.err);
  BOOST_TEST(Has(shown.out, "create f"), shown.out);
  BOOST_TEST(Has(shown.out, "output \"started\""), shown.out);
  BOOST_TEST(Has(shown.out, "interrupted"), shown.out);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
