// End to end: the real `powercut` binary, on traces recorded here with SimFileSystem.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "faultfs/testing/temp_dir.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kNotEmpty = "test -s f || { echo 'f is empty'; exit 1; }";

// A directory with the traces the cases use.
struct Traces {
  powercut::testing::TempDir dir;
  std::string unsynced = dir.Join("unsynced.trace");
  std::string durable = dir.Join("durable.trace");
  std::string many = dir.Join("many.trace");
  Traces() {
    test::WriteTraceFile(unsynced, test::ReplaceWithoutFsync());
    test::WriteTraceFile(durable, test::ReplaceDurably());
    test::WriteTraceFile(many, test::ManyUnsyncedFiles(6, 3));
  }
};

json ReadJson(const std::string& path) {
  const std::string text = test::ReadFile(path);
  BOOST_REQUIRE_MESSAGE(!text.empty(), path + " is empty or missing");
  return json::parse(text);
}

// Every file and directory below `root`, with contents: "d a/", "f a/b <bytes>".
std::string Tree(const std::string& root) {
  std::vector<std::string> entries;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const std::string rel = fs::relative(e.path(), root).string();
    entries.push_back(e.is_directory() ? "d " + rel + "/"
                                       : "f " + rel + " " + test::ReadFile(e.path().string()));
  }
  std::sort(entries.begin(), entries.end());
  std::string text;
  for (const std::string& entry : entries) text += entry + "\n";
  return text;
}

// The output file a checker gets at `crash_point`.
std::string OutputBefore(const trace::Trace& trace, size_t crash_point) {
  std::string text;
  for (size_t e = 0; e < crash_point; ++e) {
    if (trace.events[e].type == trace::EventType::kOutput) text += trace.events[e].data + "\n";
  }
  return text;
}

// Whether this process may make a private mount namespace and mount a tmpfs in it (root, or a
// container that allows it): needed to fill a scratch file system without touching the host's.
BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(models_lists_each_model_with_its_summary) {
  const ProcessResult r = test::RunPowercut({"models"});
  BOOST_TEST(r.exit_code == 0);
  for (const char* model : {"posix ", "ext4-ordered ", "prefix ", "drop-unsynced "}) {
    BOOST_TEST(r.out.find(model) != std::string::npos, model);
  }
}

BOOST_AUTO_TEST_CASE(show_prints_the_trace) {
  Traces t;
  const ProcessResult r = test::RunPowercut({"show", t.unsynced});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("rename f.tmp -> f") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("output \"saved\"") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(show_of_a_damaged_trace_prints_what_was_read_then_the_damage) {
  Traces t;
  const std::string bytes = test::ReadFile(t.unsynced);
  test::WriteTextFile(t.unsynced, bytes.substr(0, bytes.size() - 3));
  const ProcessResult r = test::RunPowercut({"show", t.unsynced});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.out.find("rename f.tmp -> f") != std::string::npos, r.out);
  BOOST_TEST(r.err.find(t.unsynced + " is damaged: truncated record at offset") !=
                 std::string::npos,
             r.err);
  // explore refuses it, naming the file and the fix.
  const ProcessResult e = test::RunPowercut({"explore", t.unsynced, "--checker", "true"});
  BOOST_TEST(e.exit_code == 2);
  BOOST_TEST(e.err.find("Record the workload again") != std::string::npos, e.err);
}

BOOST_AUTO_TEST_CASE(a_missing_or_foreign_trace_is_bad_input) {
  Traces t;
  const ProcessResult missing = test::RunPowercut({"show", t.dir.Join("nope.trace")});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(missing.err.find("nope.trace") != std::string::npos, missing.err);
  BOOST_TEST(missing.err.find("powercut record") != std::string::npos, missing.err);
  test::WriteTextFile(t.dir.Join("text.trace"), "hello\n");
  const ProcessResult foreign =
      test::RunPowercut({"explore", t.dir.Join("text.trace"), "--checker", "true"});
  BOOST_TEST(foreign.exit_code == 2);
  BOOST_TEST(foreign.err.find("is not a readable powercut trace: not a trace") !=
                 std::string::npos,
             foreign.err);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_with_the_option_named) {
  Traces t;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"explore", t.unsynced}, "--checker is required"},
      {{"explore", t.unsynced, "--checker", "true", "--model", "zfs"}, "--model: expected one of"},
      {{"explore", t.unsynced, "--checker", "true", "--jobs", "-2"}, "--jobs"},
      {{"explore", t.unsynced, "--checker", "true", "--bogus"}, "--bogus"},
      {{"explore", t.unsynced, "--checker", "true", "--json", "/nonexistent/dir/r.json"},
       "--json /nonexistent/dir/r.json: the directory /nonexistent/dir does not exist"},
      {{"explore", t.unsynced, "--checker", "true", "--scratch", "/nonexistent/scratch"},
       "--scratch /nonexistent/scratch is not a writable directory"},
      {{"replay", t.unsynced, "--state", "c99", "-o", t.dir.Join("r")}, "--state c99: "},
      {{"replay", t.unsynced, "--state", "garbage", "-o", t.dir.Join("r")}, "--state garbage"},
      {{"replay", t.unsynced, "--state", "c2", "-o", t.unsynced + "/sub"}, "cannot create it"},
      {{"replay", t.unsynced, "--state", "c2", "-o", t.unsynced}, "is not a directory"},
      {{"frobnicate"}, "frobnicate"},
      {{}, "A subcommand is required"},
  };
  for (const auto& [args, expected] : cases) {
    const ProcessResult r = test::RunPowercut(args);
    BOOST_TEST(r.exit_code == 2, expected);
    BOOST_TEST(r.err.find(expected) != std::string::npos, "expected '" << expected << "' in: "
                                                                        << r.err);
  }
  BOOST_TEST(test::RunPowercut({"explore", "--help"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(explore_finds_the_violation_writes_json_and_replay_rebuilds_the_state) {
  Traces t;
  const std::string seen = t.dir.Join("seen");
  fs::create_directory(seen);
  // The checker keeps a copy of every state it rejects, to compare with what replay builds.
  const std::string checker = "if ! test -s f; then cp -a . " + seen +
                              "/\"$POWERCUT_STATE_ID\"; echo 'f is empty'; exit 1; fi";
  const std::string report = t.dir.Join("report.json");
  const ProcessResult r = test::RunPowercut(
      {"explore", t.unsynced, "--checker", checker, "--jobs", "2", "--json", report}, t.dir.path());
  BOOST_TEST(r.exit_code == 1, r.out << r.err);
  BOOST_TEST(r.out.find("result: VIOLATION") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("reason:  f is empty") != std::string::npos, r.out);

  const json j = ReadJson(report);
  BOOST_TEST(j["schema"] == "powercut-explore/1");
  BOOST_TEST(j["outcome"] == "violation");
  BOOST_TEST(j["exit_code"] == 1);
  BOOST_TEST(j["complete"] == true);
  BOOST_TEST(j["error"].is_null());
  BOOST_TEST(j["trace"]["path"] == t.unsynced);
  BOOST_TEST(j["trace"]["output_lines"] == 1);
  BOOST_TEST(j["options"]["model"] == "posix");
  BOOST_TEST(j["options"]["jobs"] == 2);
  BOOST_TEST(j["checker"]["command"] == checker);
  BOOST_TEST(j["stats"]["checked"] == j["stats"]["unique"]);
  BOOST_TEST(j["stats"]["violating"].get<size_t>() == j["violations"].size());
  BOOST_TEST(!fs::exists(j["scratch"].get<std::string>()));
  BOOST_REQUIRE(!j["violations"].empty());
  for (const json& v : j["violations"]) {
    BOOST_TEST(v["reason"] == "f is empty");
    const std::string id = v["state_id"];
    BOOST_TEST(r.out.find(v["replay"].get<std::string>()) != std::string::npos);
    // The replay command as printed, run from the same directory, rebuilds the same tree and
    // finds the same violation.
    std::vector<std::string> argv = v["replay_argv"];
    BOOST_REQUIRE(argv.size() > 2u);
    BOOST_TEST(argv[0] == "powercut");
    argv.erase(argv.begin());
    const ProcessResult replay = test::RunPowercut(argv, t.dir.path());
    BOOST_TEST(replay.exit_code == 1, replay.out << replay.err);
    BOOST_TEST(replay.out.find("checker: VIOLATION: f is empty") != std::string::npos);
    BOOST_TEST(Tree(t.dir.Join("replay-" + id)) == Tree((fs::path(seen) / id).string()), id);
    BOOST_TEST(test::ReadFile(t.dir.Join("replay-" + id + ".output")) ==
               OutputBefore(test::ReplaceWithoutFsync(), v["crash_point"].get<size_t>()));
  }
}

BOOST_AUTO_TEST_CASE(explore_groups_violations_by_minimal_cause_with_a_fix_and_a_replay) {
  Traces t;
  const std::string report = t.dir.Join("report.json");
  const ProcessResult r = test::RunPowercut(
      {"explore", t.unsynced, "--checker", kNotEmpty, "--json", report}, t.dir.path());
  BOOST_TEST(r.exit_code == 1, r.out << r.err);
  const json j = ReadJson(report);
  BOOST_REQUIRE(j["groups"].size() == 1u);
  const json& g = j["groups"][0];
  BOOST_TEST(g["classification"] == "non-atomic update");
  BOOST_TEST(g["violations"] == j["stats"]["violating"]);
  BOOST_TEST(j["stats"]["not_reduced"] == 0);
  BOOST_TEST(g["minimal_deviations"] == 1);
  BOOST_TEST(g["reduction_incomplete"] == false);
  BOOST_TEST(g["checker_reason"] == "f is empty");
  BOOST_TEST(g["fix_hint"].get<std::string>().starts_with("fsync `f.tmp` after"), g["fix_hint"]);
  const json expected_difference = {{"path", "f"}, {"expected", "3 bytes: \"new\""},
                                    {"found", "0 bytes"}};
  BOOST_TEST(g["differences"] == json::array({expected_difference}), g["differences"].dump());
  BOOST_TEST(r.out.find("violation group 1 of 1: non-atomic update") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("fix: fsync `f.tmp`") != std::string::npos, r.out);
  // The minimal state's replay command, as printed, finds the violation again.
  BOOST_TEST(r.out.find(g["replay"].get<std::string>()) != std::string::npos);
  std::vector<std::string> argv = g["replay_argv"];
  argv.erase(argv.begin());
  const ProcessResult replay = test::RunPowercut(argv, t.dir.path());
  BOOST_TEST(replay.exit_code == 1, replay.out << replay.err);
}

BOOST_AUTO_TEST_CASE(explore_of_a_correct_protocol_has_no_groups) {
  Traces t;
  const std::string report = t.dir.Join("report.json");
  const ProcessResult r = test::RunPowercut(
      {"explore", t.durable, "--checker", kNotEmpty, "--json", report}, t.dir.path());
  BOOST_TEST(r.exit_code == 0, r.out << r.err);
  BOOST_TEST(ReadJson(report)["groups"] == json::array());
  BOOST_TEST(r.out.find("minimal reproducers") == std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(replay_without_a_checker_writes_the_state_and_its_output) {
  Traces t;
  const std::string out = t.dir.Join("state");
  // The last crash point with nothing persisted: the initial "f", and the promise.
  const std::string last = "c" + std::to_string(test::ReplaceWithoutFsync().events.size());
  const ProcessResult r = test::RunPowercut({"replay", t.unsynced, "--state", last, "-o", out});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(test::ReadFile(out + "/f") == "old");
  BOOST_TEST(!fs::exists(out + "/f.tmp"));
  BOOST_TEST(test::ReadFile(out + ".output") == "saved\n");
  BOOST_TEST(r.out.find(out + ".output") != std::string::npos, r.out);
  // A second replay into the same directory is refused: it is not empty.
  const ProcessResult again = test::RunPowercut({"replay", t.unsynced, "--state", last, "-o", out});
  BOOST_TEST(again.exit_code == 2);
  BOOST_TEST(again.err.find("is not empty") != std::string::npos, again.err);
}

BOOST_AUTO_TEST_CASE(a_correct_protocol_exits_0_under_every_model) {
  Traces t;
  const std::string checker =
      "c=$(cat f); if grep -qx saved \"$POWERCUT_OUTPUT\"; then test \"$c\" = new; "
      "else test \"$c\" = old || test \"$c\" = new; fi";
  for (const char* model : {"posix", "ext4-ordered", "prefix", "drop-unsynced"}) {
    const ProcessResult r =
        test::RunPowercut({"explore", t.durable, "--checker", checker, "--model", model});
    BOOST_TEST(r.exit_code == 0, model << ": " << r.out << r.err);
    BOOST_TEST(r.out.find("result: CONSISTENT") != std::string::npos, r.out);
  }
}

BOOST_AUTO_TEST_CASE(hung_and_crashed_checkers_are_violations) {
  Traces t;
  const ProcessResult hung = test::RunPowercut(
      {"explore", t.unsynced, "--checker", "sleep 30", "--timeout", "0.2", "--max-states", "2"});
  BOOST_TEST(hung.exit_code == 1, hung.out << hung.err);
  BOOST_TEST(hung.out.find("reason:  recovery hung: no exit after 0.2 s") != std::string::npos,
             hung.out);
  const ProcessResult crashed = test::RunPowercut(
      {"explore", t.unsynced, "--checker", "kill -SEGV $$", "--max-states", "2"});
  BOOST_TEST(crashed.exit_code == 1);
  BOOST_TEST(crashed.out.find("reason:  recovery crashed: killed by SIGSEGV") != std::string::npos,
             crashed.out);
}

BOOST_AUTO_TEST_CASE(a_checker_exiting_125_ends_the_run_with_exit_2_and_a_report) {
  Traces t;
  const std::string report = t.dir.Join("r.json");
  const ProcessResult r = test::RunPowercut(
      {"explore", t.many, "--checker", "echo 'cannot find my journal'; exit 125", "--json", report});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("the checker could not run (exit 125): cannot find my journal") !=
                 std::string::npos,
             r.err);
  const json j = ReadJson(report);
  BOOST_TEST(j["outcome"] == "error");
  BOOST_TEST(j["complete"] == false);
  BOOST_TEST(j["stats"]["violating"] == 0);
  BOOST_TEST(j["error"].get<std::string>().find("exit 125") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ctrl_c_stops_cleanly_and_still_writes_the_partial_json) {
  Traces t;
  const std::string report = t.dir.Join("partial.json");
  const std::string marker = "powercut-ctrl-c-" + std::to_string(::getpid());
  const std::string log = t.dir.Join("log");
  BOOST_TEST(test::InterruptPowercut({"explore", t.many, "--checker", "sleep 0.02; : " + marker,
                                      "--jobs", "2", "--json", report},
                                     log, 1500ms, SIGINT) == 130);
  const json j = ReadJson(report);
  BOOST_TEST(j["outcome"] == "interrupted");
  BOOST_TEST(j["interruption"] == "SIGINT");
  BOOST_TEST(j["complete"] == false);
  BOOST_TEST(j["stats"]["checked"].get<size_t>() > 0u);
  BOOST_TEST(j["stats"]["checked"].get<size_t>() < j["stats"]["unique"].get<size_t>());
  BOOST_TEST(j["stats"]["violating"] == 0);
  BOOST_TEST(!fs::exists(j["scratch"].get<std::string>()));
  BOOST_TEST(test::ReadFile(log).find("result: INTERRUPTED by SIGINT") != std::string::npos);
  // No checker outlived the run.
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string cmdline = test::ReadFile(entry.path().string() + "/cmdline");
    BOOST_TEST(cmdline.find(marker) == std::string::npos, entry.path());
  }
}

BOOST_AUTO_TEST_CASE(a_full_scratch_disk_ends_the_run_with_exit_2_keeping_what_was_found,
                     *boost::unit_test::precondition(test::CanMountPrivately)) {
  Traces t;
  const std::string big = t.dir.Join("big.trace");
  test::WriteTraceFile(big, test::OneBigFile());
  const std::string scratch = t.dir.Join("small");
  fs::create_directory(scratch);
  const std::string report = t.dir.Join("r.json");
  // A 64 KiB tmpfs in a mount namespace of its own: it vanishes with the process.
  const ProcessResult r = test::RunShell(
      "unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs \"$1\" && exec \"$2\" explore \"$3\" "
      "--checker \"test -e big || { echo big is missing; exit 1; }\" --jobs 1 --scratch \"$1\" "
      "--json \"$4\"' sh " + scratch + " " + POWERCUT_BINARY + " " + big + " " + report);
  BOOST_TEST(r.exit_code == 2, r.out << r.err);
  BOOST_TEST(r.err.find("is full: free space there, or choose another with --scratch DIR") !=
                 std::string::npos,
             r.err);
  const json j = ReadJson(report);
  BOOST_TEST(j["outcome"] == "error");
  BOOST_TEST(j["stats"]["checked"].get<size_t>() > 0u);
  BOOST_TEST(j["stats"]["violating"].get<size_t>() > 0u);  // found before the disk filled
  BOOST_TEST(j["violations"][0]["reason"] == "big is missing");
  BOOST_TEST(fs::is_empty(scratch));  // the tmpfs was private: nothing reached the real directory
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
