// powercut under I/O errors of its own, SQLite-style: the Nth I/O call of `powercut run`,
// `explore` and `record` fails (EIO, ENOSPC, or a short write), once or from then on, for
// N = 1, 1 + stride, ... until a run completes without reaching the fault. The faults come from
// libfiu's POSIX preload library, told which call to fail by libpowercut-nth-io-fault.so
// (fault_sweep/nth_io_fault.cc): product code is not touched, and every libc call powercut
// makes is reached, std::ofstream and std::filesystem's included.
//
// After every run: powercut was not killed by a signal, did not hang, printed no sanitizer
// report, and either
//   - completed (exit as without the fault) with the same result: the fault hit a call it
//     retried (a short write) or could do without (a directory listing of /proc, a cleanup);
//     the points are counted and printed, or
//   - exited 2 with a message naming the file and the operation (or the fault hit its input);
// and every report it wrote is whole: a JSON document of its schema (checked with python3's
// jsonschema at the end of each sweep, when installed), a JUnit file ending its root element, an
// HTML page ending </html>. A report is never truncated.
//
// Faults on writes alone try every write (every Kth with POWERCUT_SELF_FAULT_WRITE_STRIDE=K);
// faults on any call try every 11th call (to stay within a minute), or every Kth with
// POWERCUT_SELF_FAULT_STRIDE=K. With a stride K > 1 the first call tried is 1 + (seed mod K), the
// seed random and printed (POWERCUT_SELF_FAULT_SEED=S repeats a sweep), so that runs of CI with
// a stride together reach every call. scripts/reliability.sh runs stride 3 with seed 0 and
// collects the "self-fault-sweep:" lines for docs/RELIABILITY.md.
#define BOOST_TEST_MODULE self_fault_tests
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "faultfs/record/process.h"
#include "faultfs/testing/read_file.h"
#include "faultfs/testing/temp_dir.h"

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using record::ProcessResult;
using Json = nlohmann::json;

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  BOOST_REQUIRE_MESSAGE(out.good(), "cannot write " << path);
}

bool EndsWith(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

enum class Persistence : uint8_t { kOnce, kPersistent };

struct Fault {
  std::string name;  // "EIO", "ENOSPC", "short-write"
  std::string spec;  // the controller's: an errno number or "short"
};

const Fault kEio{"EIO", std::to_string(EIO)};
const Fault kEnospc{"ENOSPC", std::to_string(ENOSPC)};
const Fault kShortWrite{"short-write", "short"};
const Fault kEioOnWrites{"EIO-on-writes", "write:" + std::to_string(EIO)};

// One command to sweep: its arguments (REPORTS in them replaced by the run's report directory)
// and the reports it writes there.
struct Command {
  std::string name;
  std::vector<std::string> args;
  std::string json_schema;  // a path under reports/schema, or "" for no JSON
  bool junit = false;
  bool html = false;
  std::string output;  // a file the command writes (REPORTS/...): absent unless it completed
};

// What the controller wrote at exit.
struct CallLog {
  bool present = false;
  long calls = 0;
  long fired = 0;
  std::string first;  // the point of the first fault
};

CallLog ReadCallLog(const std::string& path) {
  CallLog log;
  std::ifstream in(path);
  std::string calls;
  std::string fired;
  std::string first;
  if (!(in >> calls >> fired >> first)) return log;
  log.present = true;
  log.calls = std::stol(calls.substr(calls.find('=') + 1));
  log.fired = std::stol(fired.substr(fired.find('=') + 1));
  log.first = first.substr(first.find('=') + 1);
  return log;
}

// The part of a JSON report a fault must not change when the run completes.
std::string ResultOf(const Json& report) {
  Json result;
  if (report.contains("summary")) {  // powercut-run/1
    result["summary"] = report["summary"];
    for (const Json& scenario : report["scenarios"]) {
      Json verdicts = Json::array({scenario["verdict"]});
      for (const Json& model : scenario["models"]) verdicts.push_back(model["verdict"]);
      result["scenarios"].push_back(verdicts);
    }
  } else {  // powercut-explore/1
    result["outcome"] = report["outcome"];
    result["checked"] = report["stats"]["checked"];
    result["violating"] = report["stats"]["violating"];
  }
  return result.dump();
}

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (entry.rfind("LD_PRELOAD=", 0) != 0) env.push_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// Whether this process may mount a tmpfs on /dev/shm in a mount namespace of its own (root).
bool PrivateShm() {
  static const bool can = [] {
    const Result<ProcessResult> probe = record::RunProcess(
        {.argv = {"unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /dev/shm"},
         .timeout = std::chrono::seconds(30)});
    return probe.ok() && probe->success();
  }();
  return can;
}

class Sweep {
 public:
  Sweep(Command command, Fault fault, Persistence persistence)
      : command_(std::move(command)), fault_(std::move(fault)), persistence_(persistence) {}

  // Runs the sweep; one BOOST_TEST per finding.
  void Run() {
    const int stride = Stride();
    const uint64_t seed = Seed();
    const long first = 1 + static_cast<long>(seed % static_cast<uint64_t>(stride));
    BOOST_TEST_MESSAGE(command_.name << ", " << fault_.name << ": stride " << stride << ", seed "
                                     << seed << " (POWERCUT_SELF_FAULT_SEED), first call " << first);
    const Outcome clean = RunOnce(0);
    BOOST_REQUIRE_MESSAGE(clean.log.present && clean.log.calls > 0,
                          command_.name << ": the controller counted nothing: " << clean.err);
    baseline_exit_ = clean.exit_code;
    baseline_result_ = clean.result;
    int runs = 0;
    for (long n = first;; n += stride) {
      const Outcome outcome = RunOnce(n);
      ++runs;
      if (!outcome.log.present || outcome.log.fired == 0) break;
      if (outcome.exit_code == baseline_exit_) {
        ++completed_by_point_[outcome.log.first];
      } else {
        ++failed_by_point_[outcome.log.first];
      }
    }
    ValidateJsonReports();
    std::printf("self-fault-sweep: command=%s fault=%s persistence=%s stride=%d first=%ld seed=%llu "
                "calls=%ld runs=%d completed=%d errors=%d bad=%d\n",
                command_.name.c_str(), fault_.name.c_str(),
                persistence_ == Persistence::kOnce ? "once" : "persistent", stride, first,
                static_cast<unsigned long long>(seed), clean.log.calls, runs,
                Count(completed_by_point_), Count(failed_by_point_), bad_);
    std::printf("self-fault-completed: command=%s fault=%s persistence=%s points=%s\n",
                command_.name.c_str(), fault_.name.c_str(),
                persistence_ == Persistence::kOnce ? "once" : "persistent",
                Points(completed_by_point_).c_str());
    std::printf("self-fault-errors: command=%s fault=%s persistence=%s points=%s\n",
                command_.name.c_str(), fault_.name.c_str(),
                persistence_ == Persistence::kOnce ? "once" : "persistent",
                Points(failed_by_point_).c_str());
    (void)std::fflush(stdout);
    BOOST_TEST(runs > 1);
  }

 private:
  struct Outcome {
    int exit_code = -1;
    std::string err;
    CallLog log;
    std::string result;  // ResultOf the JSON report, "" without one
  };

  // Faults on writes alone: few calls, every one tried (or every
  // POWERCUT_SELF_FAULT_WRITE_STRIDE-th). Faults on any call: every 11th, or every
  // POWERCUT_SELF_FAULT_STRIDE-th.
  int Stride() const {
    const bool writes = fault_.spec == "short" || fault_.spec.rfind("write:", 0) == 0;
    // NOLINTNEXTLINE(concurrency-mt-unsafe)
    const char* env = std::getenv(writes ? "POWERCUT_SELF_FAULT_WRITE_STRIDE" : "POWERCUT_SELF_FAULT_STRIDE");
    return env != nullptr ? std::max(1, std::atoi(env)) : (writes ? 1 : 11);
  }

  static uint64_t Seed() {
    const char* env = std::getenv("POWERCUT_SELF_FAULT_SEED");  // NOLINT(concurrency-mt-unsafe)
    return env != nullptr ? std::strtoull(env, nullptr, 10) : std::random_device{}();
  }

  // n = 0: no fault (the count of calls and the result to compare with).
  Outcome RunOnce(long n) {
    const std::string dir = tmp_.Join("run-" + std::to_string(n));
    fs::create_directories(dir);
    std::vector<std::string> args = {POWERCUT_BINARY};
    for (const std::string& arg : command_.args) {
      std::string a = arg;
      const size_t at = a.find("REPORTS");
      if (at != std::string::npos) a.replace(at, 7, dir);
      args.push_back(a);
    }
    const std::string mode = persistence_ == Persistence::kOnce ? "once" : "persistent";
    std::string preload = std::string(POWERCUT_NTH_IO_FAULT_LIB) + " " + FIU_POSIX_PRELOAD;
    // An ASan-built powercut needs its runtime first in the preload list.
    if (std::string(POWERCUT_SANITIZER_RUNTIME).size() > 0) {
      preload = std::string(POWERCUT_SANITIZER_RUNTIME) + " " + preload;
    }
    record::ProcessSpec spec;
    // A run whose cleanup failed leaves its shared region (1 MiB, always in /dev/shm) and scratch
    // behind: where it can, each run gets a /dev/shm of its own (a private mount namespace), and
    // its captures go to its own directory ($TMPDIR), so nothing outlives the test. The preload
    // list reaches powercut alone, not unshare or sh.
    if (PrivateShm()) {
      const std::string in_namespace =
          "mount -t tmpfs -o size=64m tmpfs /dev/shm && exec env LD_PRELOAD=\"$PRELOAD\" \"$@\"";
      spec.argv = {"unshare", "-m", "sh", "-c", in_namespace, "sh"};
      spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    } else {
      spec.argv = {"env", "LD_PRELOAD=" + preload};
      spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    }
    spec.cwd = dir;
    spec.timeout = std::chrono::seconds(60);
    spec.capture_bytes = size_t{1} << 20;
    spec.env = Environment(
        {"PRELOAD=" + preload, "TMPDIR=" + dir,
         "POWERCUT_NTH_IO_FAULT=" + std::to_string(n == 0 ? 1L << 40 : n) + " " + fault_.spec +
             " " + mode,
         "POWERCUT_NTH_IO_FAULT_LOG=" + dir + "/calls.log"});
    const Result<ProcessResult> ran = record::RunProcess(spec);
    BOOST_REQUIRE_MESSAGE(ran.ok(), ran.status().ToString());
    Outcome outcome;
    outcome.err = ran->err;
    outcome.log = ReadCallLog(dir + "/calls.log");
    const std::string context = command_.name + ", " + fault_.name + " at call " +
                                std::to_string(n) + (mode == "once" ? "" : " and after") +
                                " (" + outcome.log.first + ")";
    const bool ended = ran->end == ProcessResult::End::kExited;
    Check(ended, context + ": " + ran->Describe() + "\n" + ran->err);
    Check(ran->err.find("Sanitizer") == std::string::npos &&
              ran->err.find("runtime error:") == std::string::npos,
          context + ": sanitizer report\n" + ran->err);
    outcome.exit_code = ended ? ran->exit_code : -1;
    if (n != 0 && outcome.log.fired > 0 && ended) {
      if (fault_.spec == "short") {
        // A short write is no error: the rest must be written again.
        Check(outcome.exit_code == baseline_exit_,
              context + ": a short write ended the run:\n" + ran->err);
      } else if (outcome.exit_code != baseline_exit_) {
        Check(outcome.exit_code == 2, context + ": exit " + std::to_string(outcome.exit_code) +
                                          " (2 expected)\n" + ran->err);
        Check(ClearMessage(ran->err), context + ": the message names no file:\n" + ran->err);
      }
    }
    outcome.result = CheckReports(dir, context, n == 0 || outcome.exit_code == baseline_exit_);
    if (n != 0 && outcome.exit_code == baseline_exit_ && !outcome.result.empty()) {
      Check(outcome.result == baseline_result_,
            context + ": completed with another result: " + outcome.result + " instead of " +
                baseline_result_);
    }
    if (n != 0 && outcome.log.fired == 0) {
      Check(outcome.exit_code == baseline_exit_,
            context + ": no fault, yet exit " + std::to_string(outcome.exit_code));
    }
    fs::remove_all(dir + "/work");
    return outcome;
  }

  // Each report is absent or whole; a completed run wrote all. Returns ResultOf the JSON.
  std::string CheckReports(const std::string& dir, const std::string& context, bool completed) {
    std::string result;
    if (!command_.json_schema.empty()) {
      const std::string path = dir + "/report.json";
      if (fs::exists(path)) {
        const std::string text = powercut::testing::ReadWholeFile(path);
        const Json report = Json::parse(text, nullptr, false);
        if (Check(!report.is_discarded(), context + ": the JSON report is not JSON:\n" + text)) {
          result = ResultOf(report);
          WriteText(tmp_.Join("json-" + std::to_string(json_count_++) + ".json"), text);
        }
      } else {
        Check(!completed, context + ": completed without its JSON report");
      }
    }
    if (command_.junit) {
      const std::string path = dir + "/report.xml";
      if (fs::exists(path)) {
        const std::string text = powercut::testing::ReadWholeFile(path);
        Check(text.rfind("<?xml", 0) == 0 && EndsWith(text, "</testsuites>\n"),
              context + ": the JUnit report is cut short:\n" + text);
      } else {
        Check(!completed, context + ": completed without its JUnit report");
      }
    }
    if (!command_.output.empty() && !completed) {
      std::string path = command_.output;
      path.replace(path.find("REPORTS"), 7, dir);
      Check(!fs::exists(path), context + ": failed, yet left " + path + " (cut short?)");
    }
    if (command_.html) {
      const std::string path = dir + "/html/index.html";
      if (fs::exists(path)) {
        Check(EndsWith(powercut::testing::ReadWholeFile(path), "</html>\n"),
              context + ": the HTML report is cut short");
      } else {
        Check(!completed, context + ": completed without its HTML report");
      }
    }
    return result;
  }

  // Every JSON report kept, against its schema, in one python3 run.
  void ValidateJsonReports() {
    if (json_count_ == 0) return;
    const Result<ProcessResult> probe = record::RunProcess(
        {.argv = {"python3", "-c", "import jsonschema"}, .timeout = std::chrono::seconds(30)});
    if (!probe.ok() || !probe->success()) {
      BOOST_TEST_MESSAGE("python3 jsonschema not installed: JSON reports parsed, not validated");
      return;
    }
    // The run schema refers to the explore schema by its $id: both are registered.
    const std::string script =
        "import glob, json, os, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "schemas = [json.load(open(p)) for p in\n"
        "           glob.glob(os.path.dirname(sys.argv[1]) + '/*.schema.json')]\n"
        "try:\n"
        "    from referencing import Registry, Resource\n"
        "    registry = Registry().with_resources(\n"
        "        [(s['$id'], Resource.from_contents(s)) for s in schemas])\n"
        "    validator = jsonschema.Draft202012Validator(schema, registry=registry)\n"
        "except ImportError:\n"
        "    resolver = jsonschema.RefResolver.from_schema(\n"
        "        schema, store={s['$id']: s for s in schemas})\n"
        "    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)\n"
        "bad = 0\n"
        "for path in sorted(glob.glob(sys.argv[2] + '/json-*.json')):\n"
        "    for error in validator.iter_errors(json.load(open(path))):\n"
        "        bad += 1\n"
        "        print(path, list(error.absolute_path), error.message[:200])\n"
        "sys.exit(1 if bad else 0)\n";
    const Result<ProcessResult> ran = record::RunProcess(
        {.argv = {"python3", "-c", script, command_.json_schema, tmp_.path()},
         .timeout = std::chrono::seconds(120)});
    BOOST_REQUIRE(ran.ok());
    Check(ran->success(), command_.name + ": JSON reports that do not validate:\n" + ran->out +
                              ran->err);
  }

  // The message of a run that failed names a path (or is about its input).
  static bool ClearMessage(const std::string& err) {
    return err.find("powercut") != std::string::npos && err.find('/') != std::string::npos;
  }

  bool Check(bool ok, const std::string& what) {
    if (!ok) ++bad_;
    BOOST_TEST(ok, what);
    return ok;
  }

  static int Count(const std::map<std::string, int>& by_point) {
    int total = 0;
    for (const auto& [point, count] : by_point) total += count;
    return total;
  }
  static std::string Points(const std::map<std::string, int>& by_point) {
    std::string text;
    for (const auto& [point, count] : by_point) {
      text += (text.empty() ? "" : ",") + point + ":" + std::to_string(count);
    }
    return text.empty() ? "-" : text;
  }

  Command command_;
  Fault fault_;
  Persistence persistence_;
  powercut::testing::TempDir tmp_;
  int baseline_exit_ = 0;
  std::string baseline_result_;
  int json_count_ = 0;
  int bad_ = 0;
  std::map<std::string, int> completed_by_point_;
  std::map<std::string, int> failed_by_point_;
};

// A workload that replaces a file without syncing it, and a checker that finds the empty file:
// one violation group, reduced; every report has something in it.
const char* const kScenario = R"(name = "save"
[workload]
command = ["sh", "-c", "printf new > f.tmp && mv f.tmp f && echo saved"]
[checker]
command = ["sh", "-c", "test -s f || test ! -e f"]
[explore]
models = ["posix"]
[expect]
result = "violation"
class = "non-atomic update"
message = "exit 1"
)";

struct Files {
  powercut::testing::TempDir dir;
  std::string scenario = dir.Join("save.toml");
  std::string trace = dir.Join("save.trace");
  Files() {
    WriteText(scenario, kScenario);
    const Result<ProcessResult> recorded = record::RunProcess(
        {.argv = {POWERCUT_BINARY, "record", "-o", trace, "--", "sh", "-c",
                  "printf new > f.tmp && mv f.tmp f && echo saved"},
         .cwd = dir.path()});
    BOOST_REQUIRE(recorded.ok() && recorded->success());
  }
};

Command RunCommand(const Files& files) {
  return {"run",
          {"run", files.scenario, "--work-dir", "REPORTS/work", "--jobs", "1", "--json",
           "REPORTS/report.json", "--junit", "REPORTS/report.xml", "--report-dir", "REPORTS/html"},
          POWERCUT_SCHEMA_DIR "/powercut-run-1.schema.json",
          true,
          true};
}

Command ExploreCommand(const Files& files) {
  return {"explore",
          {"explore", files.trace, "--jobs", "1", "--checker", "test -s f || test ! -e f",
           "--json", "REPORTS/report.json"},
          POWERCUT_SCHEMA_DIR "/powercut-explore-1.schema.json",
          false,
          false};
}

Command RecordCommand() {
  return {"record",
          {"record", "-o", "REPORTS/out.trace", "--", "sh", "-c", "printf new > f && echo saved"},
          "",
          false,
          false,
          "REPORTS/out.trace"};
}

BOOST_AUTO_TEST_SUITE(self_fault_sweep)

BOOST_AUTO_TEST_CASE(run_survives_eio_at_every_nth_call_once) {
  const Files files;
  Sweep(RunCommand(files), kEio, Persistence::kOnce).Run();
}

BOOST_AUTO_TEST_CASE(run_survives_enospc_from_the_nth_call_on) {
  const Files files;
  Sweep(RunCommand(files), kEnospc, Persistence::kPersistent).Run();
}

// The last writes are the reports': one cut short by the error must not be left behind.
BOOST_AUTO_TEST_CASE(run_survives_eio_at_every_nth_write_once) {
  const Files files;
  Sweep(RunCommand(files), kEioOnWrites, Persistence::kOnce).Run();
}

BOOST_AUTO_TEST_CASE(run_survives_a_short_nth_write) {
  const Files files;
  Sweep(RunCommand(files), kShortWrite, Persistence::kOnce).Run();
}

BOOST_AUTO_TEST_CASE(run_survives_short_writes_from_the_nth_on) {
  const Files files;
  Sweep(RunCommand(files), kShortWrite, Persistence::kPersistent).Run();
}

BOOST_AUTO_TEST_CASE(explore_survives_eio_from_the_nth_call_on) {
  const Files files;
  Sweep(ExploreCommand(files), kEio, Persistence::kPersistent).Run();
}

BOOST_AUTO_TEST_CASE(record_survives_enospc_at_every_nth_call_once) {
  Sweep(RecordCommand(), kEnospc, Persistence::kOnce).Run();
}

// A trace whose write failed may read as a whole, shorter one: it must not be left behind.
BOOST_AUTO_TEST_CASE(record_leaves_no_partial_trace_when_the_nth_write_fails) {
  Sweep(RecordCommand(), kEioOnWrites, Persistence::kOnce).Run();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
