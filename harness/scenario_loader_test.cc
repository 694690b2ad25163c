// Scenario files: the valid example and every kind of invalid input, each error naming the file,
// the line, the key and the fix.
#include "harness/scenario_loader.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

// A command scenario around `body` (which may override or add tables).
const char* const kWorkload = R"(
[workload]
command = ["sh", "-c", "printf v2 > f.tmp && mv f.tmp f"]

[checker]
command = ["sh", "-c", "test -s f"]
)";

struct Files {
  powercut::testing::TempDir dir;
  std::string Path(const std::string& name) const { return dir.Join(name); }
  // Loads `text` as DIR/name.
  Result<Scenario> Load(const std::string& text, const std::string& name = "s.toml") const {
    test::WriteTextFile(Path(name), text);
    return LoadScenario(Path(name));
  }
  // The error text, for a file expected to be invalid.
  std::string Error(const std::string& text, const std::string& name = "s.toml") const {
    const Result<Scenario> loaded = Load(text, name);
    BOOST_REQUIRE_MESSAGE(!loaded.ok(), "expected an error for:\n" << text);
    BOOST_TEST((loaded.status().code() == StatusCode::kInvalidArgument));
    return loaded.status().message();
  }
  void Executable(const std::string& name) const {
    test::WriteTextFile(Path(name), "#!/bin/sh\nexit 0\n");
    ::chmod(Path(name).c_str(), 0755);
  }
};

#define EXPECT_ERROR(files, text, expected)                                                        \
  do {                                                                                             \
    const std::string error_ = (files).Error(text);                                                \
    BOOST_TEST(error_.find(expected) != std::string::npos, "expected '" << (expected) << "' in:\n" \
                                                                        << error_);                \
  } while (false)

BOOST_AUTO_TEST_SUITE(scenario_loader)

BOOST_AUTO_TEST_CASE(the_documented_example_loads_with_every_value) {
  Files f;
  f.Executable("check.sh");
  const Result<Scenario> s = f.Load(R"(
name = "rename-without-fsync"
description = "replace a file by writing a temp file and renaming it"

[workload]
command = ["sh", "-c", "printf v2 > f.tmp && mv f.tmp f && echo replaced"]
setup = [["sh", "-c", "printf v1 > f"], ["mkdir", "d"]]
files = { "seed/a" = "x" }
env = { LANG = "C" }
timeout_s = 2.5

[checker]
command = ["./check.sh", "{state}", "{scenario_dir}/x"]
timeout_s = 5

[explore]
models = ["posix", "ext4-ordered", "prefix", "drop-unsynced"]
sector_bytes = 4096
crash_points = "syncs"
max_deviations = 1
seed = 7
max_states = 500
jobs = 3

[faults]
fsync = { errno = "ENOSPC", nth = 2 }
"powercut/io/rw/write" = { from = 3 }
short_write = { bytes = 100, nth = 1 }

[expect]
result = "consistent"

[expect.posix]
result = "violation"
message = "f holds ''"
class = "non-atomic update"
)");
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  BOOST_TEST(s->name == "rename-without-fsync");
  BOOST_TEST(s->dir == f.dir.path());
  BOOST_TEST(s->workload.command.size() == 3u);
  BOOST_TEST(s->workload.setup.size() == 2u);
  BOOST_TEST(s->workload.files.size() == 1u);
  BOOST_TEST(s->workload.files[0].first == "seed/a");
  BOOST_TEST(s->workload.env[0].second == "C");
  BOOST_TEST(s->workload.timeout.count() == 2500);
  BOOST_TEST(s->checker.command[0] == f.Path("check.sh"));
  BOOST_TEST(s->checker.command[1] == "{state}");
  BOOST_TEST(s->checker.command[2] == f.Path("x"));
  BOOST_TEST(s->checker.timeout.count() == 5000);
  BOOST_TEST(s->explore.models.size() == 4u);
  BOOST_TEST(s->explore.generator.sector_bytes == 4096u);
  BOOST_TEST((s->explore.generator.crash_points == crash::CrashPoints::kSyncs));
  BOOST_TEST(s->explore.generator.max_deviations == 1);
  BOOST_TEST(s->explore.generator.seed == 7u);
  BOOST_TEST(s->explore.generator.max_states == 500u);
  BOOST_TEST(*s->explore.jobs == 3);
  std::vector<std::string> faults;
  for (const ScenarioFault& fault : s->faults) faults.push_back(fault.spec);
  const std::vector<std::string> expected_faults = {"sync/fsync=ENOSPC@2", "rw/write=EIO@3+",
                                                    "rw/write/short=100@1"};
  BOOST_TEST(faults == expected_faults, boost::test_tools::per_element());
  BOOST_TEST((s->ExpectationFor(crash::Model::kPrefix).result ==
              ScenarioExpectation::Result::kConsistent));
  const ScenarioExpectation& posix = s->ExpectationFor(crash::Model::kPosix);
  BOOST_TEST((posix.result == ScenarioExpectation::Result::kViolation));
  BOOST_TEST(posix.message == "f holds ''");
  BOOST_TEST((posix.classification == reduce::ViolationClass::kNonAtomicUpdate));
  BOOST_TEST(s->missing_program.empty());
}

BOOST_AUTO_TEST_CASE(defaults_fill_what_a_minimal_file_leaves_out) {
  Files f;
  const Result<Scenario> s = f.Load(std::string("name = \"m\"\n") + kWorkload);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  BOOST_TEST((s->explore.models == std::vector<crash::Model>{crash::Model::kPosix}));
  BOOST_TEST(s->explore.generator.max_deviations == 2);
  BOOST_TEST(s->explore.generator.max_states == 100000u);
  BOOST_TEST(!s->explore.jobs.has_value());
  BOOST_TEST(s->workload.timeout.count() == 60000);
  BOOST_TEST(s->checker.timeout.count() == 10000);
  BOOST_TEST((s->expect.result == ScenarioExpectation::Result::kConsistent));
}

BOOST_AUTO_TEST_CASE(a_builtin_journal_scenario_loads) {
  Files f;
  const Result<Scenario> s = f.Load(R"(
name = "journal"
[workload]
builtin = "journal"
options = { mode = "immediate", txns = 4, ops_per_txn = 2, max_segment_bytes = 512, drop_syncs = "files" }
[checker]
builtin = "journal"
[explore]
crash_recovery = true
)");
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  BOOST_TEST(s->builtin_workload());
  BOOST_TEST(s->builtin_checker());
  BOOST_TEST(s->workload.journal.options.txns == 4u);
  BOOST_TEST(s->workload.journal.options.dir == "wal");
  BOOST_TEST((s->workload.journal.dropped == DroppedSyncs::kFileSyncs));
  BOOST_TEST(s->explore.crash_recovery);
}

BOOST_AUTO_TEST_CASE(a_builtin_seed_journal_scenario_loads_with_its_design) {
  Files f;
  const Result<Scenario> s = f.Load(R"(
name = "seed"
[workload]
builtin = "seed-journal"
options = { design = "legacy", mode = "group", txns = 2, threads = 2, max_pending_ops = 1, flush_race = true }
[checker]
builtin = "seed-journal"
)");
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  BOOST_TEST(s->builtin_checker());
  BOOST_TEST((s->workload.seed_journal.design == legacy::tool::Design::kLegacy));
  BOOST_TEST(s->workload.seed_journal.flush_race);
  BOOST_TEST(s->workload.seed_journal.max_pending_ops == 1u);
}

BOOST_AUTO_TEST_CASE(a_seed_journal_scenario_needs_a_design_and_a_valid_combination) {
  Files f;
  const std::string checker = "[checker]\nbuiltin = \"seed-journal\"\n";
  EXPECT_ERROR(f, "name = \"s\"\n[workload]\nbuiltin = \"seed-journal\"\noptions = { mode = \"immediate\" }\n" + checker,
               "[workload.options] design: missing (add design = \"legacy\"");
  EXPECT_ERROR(f, "name = \"s\"\n[workload]\nbuiltin = \"seed-journal\"\noptions = { design = \"legacy\", mode = \"group\", flush_race = true }\n" + checker,
               "flush_race needs threads >= 2");
  EXPECT_ERROR(f, "name = \"s\"\n[workload]\nbuiltin = \"seed-jurnal\"\n" + checker,
               "unknown builtin \"seed-jurnal\" (did you mean seed-journal?)");
}

BOOST_AUTO_TEST_CASE(an_unknown_key_names_file_line_table_and_the_closest_key) {
  Files f;
  const std::string error = f.Error(std::string("name = \"x\"\n") + kWorkload +
                                        "\n[explore]\nmodel = \"posix\"\nmax_deviation = 1\n",
                                    "rename.toml");
  BOOST_TEST(error ==
             f.Path("rename.toml") +
                 ":11: [explore] max_deviation: unknown key (did you mean max_deviations?)");
  EXPECT_ERROR(f, std::string("naem = \"x\"\n") + kWorkload,
               ":1: naem: unknown key (did you mean name?)");
  EXPECT_ERROR(f, std::string("name = \"x\"\n") + kWorkload + "[expect]\nreslt = \"consistent\"\n",
               "[expect] reslt: unknown key (did you mean result?)");
  EXPECT_ERROR(f, std::string("name = \"x\"\n[wrkload]\n") + kWorkload,
               "wrkload: unknown key (did you mean workload?)");
}

BOOST_AUTO_TEST_CASE(a_wrong_type_or_range_says_what_was_expected) {
  Files f;
  const std::string head = std::string("name = \"x\"\n") + kWorkload + "[explore]\n";
  EXPECT_ERROR(
      f, head + "max_deviations = \"2\"\n",
      "[explore] max_deviations: expected a whole number from 0 to 64, got a string (\"2\")");
  EXPECT_ERROR(f, head + "sector_bytes = 0\n",
               "[explore] sector_bytes: expected a whole number from 1");
  EXPECT_ERROR(f, head + "crash_recovery = 1\n",
               "crash_recovery: expected true or false, got an integer (1)");
  EXPECT_ERROR(f, head + "crash_points = \"some\"\n",
               "crash_points: unknown value \"some\" (\"all\" or \"syncs\")");
  EXPECT_ERROR(f, "name = 3\n" + std::string(kWorkload),
               ":1: name: expected a string, got an integer (3)");
  EXPECT_ERROR(f, "name = \"x\"\n[workload]\ncommand = \"sh\"\n[checker]\ncommand = [\"true\"]\n",
               "[workload] command: expected a non-empty array of strings, got a string");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\ncommand = [\"sh\", 1]\n[checker]\ncommand = [\"true\"]\n",
               "but element 2 is an integer (1)");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\ncommand = [\"true\"]\ntimeout_s = -1\n[checker]\ncommand "
               "= [\"true\"]\n",
               "timeout_s: expected a number of seconds > 0");
}

BOOST_AUTO_TEST_CASE(text_that_is_not_toml_names_line_and_column) {
  Files f;
  EXPECT_ERROR(f, "name = \"x\"\nmodels = = 2\n", "s.toml:2:10: not valid TOML:");
}

BOOST_AUTO_TEST_CASE(missing_tables_and_keys_say_what_to_add) {
  Files f;
  EXPECT_ERROR(f, kWorkload, "s.toml:1: name: missing (add name = \"...\"");
  EXPECT_ERROR(f, "name = \"x\"\n[checker]\ncommand = [\"true\"]\n",
               "[workload] missing (add a [workload] table");
  EXPECT_ERROR(f, "name = \"x\"\n[workload]\ncommand = [\"true\"]\n", "[checker] missing");
  EXPECT_ERROR(f, "name = \"x\"\n[workload]\ntimeout_s = 1\n[checker]\ncommand = [\"true\"]\n",
               "[workload] no workload (give exactly one of command");
}

BOOST_AUTO_TEST_CASE(names_that_could_escape_the_work_directory_are_refused) {
  Files f;
  EXPECT_ERROR(f, "name = \"..\"\n" + std::string(kWorkload), "name: \"..\" is not a valid name");
  EXPECT_ERROR(f, "name = \"a/b\"\n" + std::string(kWorkload), "name: \"a/b\" is not a valid name");
}

BOOST_AUTO_TEST_CASE(impossible_combinations_are_errors) {
  Files f;
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\ncommand = [\"true\"]\nbuiltin = "
               "\"journal\"\n[checker]\ncommand = [\"true\"]\n",
               "[workload] builtin: given with command");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\ncommand = [\"true\"]\n[checker]\nbuiltin = \"journal\"\n",
               "[checker] builtin: the builtin checker \"journal\" needs the builtin workload");
  EXPECT_ERROR(f, std::string("name = \"x\"\n") + kWorkload + "[explore]\ncrash_recovery = true\n",
               "[explore] crash_recovery: crashing recovery needs a builtin checker");
  EXPECT_ERROR(f,
               std::string("name = \"x\"\n") + kWorkload +
                   "[explore]\nmodel = \"posix\"\nmodels = [\"prefix\"]\n",
               "[explore] models: given with model");
  EXPECT_ERROR(
      f, std::string("name = \"x\"\n") + kWorkload + "[explore]\nmodels = [\"posix\", \"posix\"]\n",
      "\"posix\" is listed twice");
  EXPECT_ERROR(f, std::string("name = \"x\"\n") + kWorkload + "[explore]\nsamples = 10\n",
               "[explore] samples: only strategy = \"sample\" draws samples");
  EXPECT_ERROR(f,
               std::string("name = \"x\"\n") + kWorkload +
                   "[explore]\nstrategy = \"sample\"\nmax_deviations = 1\n",
               "[explore] max_deviations: bounds exhaustive exploration only");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\ncommand = [\"true\"]\noptions = { mode = \"group\" "
               "}\n[checker]\ncommand = [\"true\"]\n",
               "[workload] options: options are for a builtin workload");
}

BOOST_AUTO_TEST_CASE(unknown_names_suggest_the_closest) {
  Files f;
  const std::string head = std::string("name = \"x\"\n") + kWorkload;
  EXPECT_ERROR(f, head + "[explore]\nmodel = \"ext4-orderd\"\n",
               "[explore] model: unknown model \"ext4-orderd\" (did you mean ext4-ordered?)");
  EXPECT_ERROR(f, head + "[explore]\nmodels = [\"zfs\"]\n",
               "unknown model \"zfs\" (one of posix, ext4-ordered, prefix, drop-unsynced)");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\nbuiltin = \"jornal\"\n[checker]\ncommand = [\"true\"]\n",
               "unknown builtin \"jornal\" (did you mean journal?)");
}

BOOST_AUTO_TEST_CASE(invalid_faults_are_errors) {
  Files f;
  const std::string head = std::string("name = \"x\"\n") + kWorkload + "[faults]\n";
  EXPECT_ERROR(f, head + "fsycn = { nth = 1 }\n",
               "[faults] fsycn: unknown fault point (did you mean fsync?");
  EXPECT_ERROR(f, head + "fsync = { errno = \"EWHAT\", nth = 1 }\n",
               "[faults.fsync] errno: expected an errno name");
  EXPECT_ERROR(f, head + "fsync = { nth = 1, from = 2 }\n",
               "[faults.fsync] give exactly one of nth = N");
  EXPECT_ERROR(f, head + "fsync = { errno = \"EIO\" }\n", "give exactly one of nth = N");
  EXPECT_ERROR(f, head + "short_write = { nth = 1 }\n", "[faults.short_write] bytes: missing");
  EXPECT_ERROR(f, head + "fsync = 3\n", "[faults] fsync: expected a table");
  EXPECT_ERROR(f, head + "fsync = { nth = 1, erno = \"EIO\" }\n",
               "erno: unknown key (did you mean errno?)");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\nbuiltin = \"journal\"\noptions = { mode = \"group\" }\n"
               "[checker]\nbuiltin = \"journal\"\n[faults]\nfsync = { nth = 1 }\n",
               "[faults] faults are injected by the LD_PRELOAD shim into a program");
}

BOOST_AUTO_TEST_CASE(invalid_expectations_are_errors) {
  Files f;
  const std::string head = std::string("name = \"x\"\n") + kWorkload;
  EXPECT_ERROR(f, head + "[expect]\nresult = \"fail\"\n",
               "[expect] result: unknown result \"fail\"");
  EXPECT_ERROR(f, head + "[expect]\nmessage = \"x\"\n",
               "[expect] message: only a violation has one");
  EXPECT_ERROR(f, head + "[expect]\nresult = \"violation\"\nmessage = \"(\"\n",
               "[expect] message: not a valid regular expression");
  EXPECT_ERROR(f, head + "[expect]\nresult = \"violation\"\nclass = \"torn\"\n",
               "[expect] class: unknown class \"torn\"");
  EXPECT_ERROR(f, head + "[expect.prefix]\nresult = \"violation\"\n",
               "[expect] prefix: model prefix is not explored (add it to [explore] models");
  EXPECT_ERROR(f, head + "[expect.posx]\nresult = \"violation\"\n",
               "[expect] posx: unknown model \"posx\" (did you mean posix?)");
  EXPECT_ERROR(f, head + "[expect.posix]\nresult = \"violation\"\nmesage = \"x\"\n",
               "[expect.posix] mesage: unknown key (did you mean message?)");
}

BOOST_AUTO_TEST_CASE(a_model_table_inherits_what_it_does_not_set) {
  Files f;
  const Result<Scenario> s = f.Load(std::string("name = \"x\"\n") + kWorkload +
                                    "[explore]\nmodels = [\"posix\", \"prefix\"]\n"
                                    "[expect]\nresult = \"violation\"\nmessage = \"m\"\n"
                                    "[expect.posix]\nclass = \"torn write\"\n"
                                    "[expect.prefix]\nresult = \"consistent\"\n");
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  const ScenarioExpectation& posix = s->ExpectationFor(crash::Model::kPosix);
  BOOST_TEST((posix.result == ScenarioExpectation::Result::kViolation));
  BOOST_TEST(posix.message == "m");
  BOOST_TEST((posix.classification == reduce::ViolationClass::kTornWrite));
  const ScenarioExpectation& prefix = s->ExpectationFor(crash::Model::kPrefix);
  BOOST_TEST((prefix.result == ScenarioExpectation::Result::kConsistent));
  BOOST_TEST(prefix.message.empty());
}

BOOST_AUTO_TEST_CASE(invalid_workload_details_are_errors) {
  Files f;
  const std::string checker = "[checker]\ncommand = [\"true\"]\n";
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\ncommand = [\"true\"]\nsetup = [\"mkdir d\"]\n" + checker,
               "[workload] setup: command 1 is not a non-empty array of strings");
  EXPECT_ERROR(
      f, "name = \"x\"\n[workload]\ncommand = [\"true\"]\nfiles = { \"../x\" = \"y\" }\n" + checker,
      "\"../x\" is not a path inside the directory under test");
  EXPECT_ERROR(f, "name = \"x\"\n[workload]\ncommand = [\"true\"]\nfiles = { a = 1 }\n" + checker,
               "\"a\": expected a string (the file's contents)");
  EXPECT_ERROR(
      f,
      "name = \"x\"\n[workload]\ncommand = [\"true\"]\nenv = { POWERCUT_DIR = \"/\" }\n" + checker,
      "POWERCUT_DIR is set by powercut itself");
  EXPECT_ERROR(
      f, "name = \"x\"\n[workload]\nbuiltin = \"journal\"\n[checker]\nbuiltin = \"journal\"\n",
      "the journal workload needs [workload.options]");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\nbuiltin = \"journal\"\n[workload.options]\ntxns = "
               "2\n[checker]\nbuiltin = \"journal\"\n",
               "[workload.options] mode: missing");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\nbuiltin = \"journal\"\n[workload.options]\nmode = "
               "\"group\"\nthreads = 2\nreopen_every = 1\n[checker]\nbuiltin = \"journal\"\n",
               "[workload.options] --reopen-every requires --threads 1");
  EXPECT_ERROR(f,
               "name = \"x\"\n[workload]\nbuiltin = \"journal\"\n[workload.options]\nmode = "
               "\"fast\"\n[checker]\nbuiltin = \"journal\"\n",
               "[workload.options] mode: unknown mode \"fast\" (immediate, group or relaxed)");
}

BOOST_AUTO_TEST_CASE(programs_with_a_slash_are_relative_to_the_file_and_must_exist) {
  Files f;
  EXPECT_ERROR(
      f,
      "name = \"x\"\n[workload]\ncommand = [\"./missing.sh\"]\n[checker]\ncommand = [\"true\"]\n",
      "[workload] command: no executable file " + f.Path("missing.sh"));
  f.Executable("here.sh");
  const Result<Scenario> s = f.Load(
      "name = \"x\"\n[workload]\ncommand = [\"./here.sh\"]\n[checker]\ncommand = [\"true\"]\n",
      "s2.toml");
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  BOOST_TEST(s->workload.command[0] == f.Path("here.sh"));
}

BOOST_AUTO_TEST_CASE(a_program_not_in_path_marks_the_scenario_skipped_not_invalid) {
  Files f;
  const Result<Scenario> s = f.Load(
      "name = \"x\"\n[workload]\ncommand = [\"powercut-no-such-program\", \"a\"]\n"
      "[checker]\ncommand = [\"true\"]\n");
  BOOST_REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  BOOST_TEST(s->missing_program == "powercut-no-such-program");
}

BOOST_AUTO_TEST_CASE(every_error_of_a_file_is_reported_at_once_in_line_order) {
  Files f;
  const std::string error = f.Error("name = \"x\"\n" + std::string(kWorkload) +
                                    "[explore]\nmax_deviations = -1\nmdoel = \"posix\"\n");
  const size_t first = error.find(":9: [explore] max_deviations");
  const size_t second = error.find(":10: [explore] mdoel: unknown key (did you mean model?)");
  BOOST_TEST(first != std::string::npos, error);
  BOOST_TEST(second != std::string::npos, error);
  BOOST_TEST(first < second);
}

// Found by harness/fuzz/scenario_loader_fuzz: toml++'s description of "tr" followed by a line
// break quotes the line break, and values quoted in errors may hold one.
BOOST_AUTO_TEST_CASE(an_error_quoting_a_line_break_stays_one_line) {
  Files f;
  const std::string not_toml = f.Error("name = \"x\"\nflag = tr\n");
  BOOST_TEST(not_toml.find('\n') == std::string::npos, not_toml);
  BOOST_TEST(not_toml.find("saw 'tr\\x0a'") != std::string::npos, not_toml);
  const std::string bad_value =
      f.Error("name = \"x\"\n" + std::string(kWorkload) + "[expect]\nresult = \"a\\nb\\u0001\"\n");
  BOOST_TEST(bad_value.find('\n') == std::string::npos, bad_value);
  BOOST_TEST(bad_value.find("unknown result \"a\\x0ab\\x01\"") != std::string::npos, bad_value);
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_named) {
  Files f;
  const Result<Scenario> s = LoadScenario(f.Path("nope.toml"));
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.status().message().find(f.Path("nope.toml")) != std::string::npos);
  BOOST_TEST(!LoadScenario(f.dir.path()).ok());
}

// /proc/self/mem opens, and its first read fails with EIO (nothing is mapped at address 0): a
// read error must be reported as one, not parsed as a file cut short (found by
// self_fault_sweep_test).
BOOST_AUTO_TEST_CASE(a_read_error_is_reported_as_a_read_error) {
  const Result<Scenario> s = LoadScenario("/proc/self/mem");
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.status().message() == "/proc/self/mem: read: Input/output error",
             s.status().message());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
