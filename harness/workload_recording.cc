#include "harness/workload_recording.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <span>
#include <string_view>

#include "faultfs/sim/sim_file_system.h"
#include "harness/builtin_workloads.h"
#include "harness/checker.h"
#include "harness/process.h"
#include "reports/explore_report.h"

#ifdef POWERCUT_HAVE_RECORDER
#include "faultfs/record/recorder.h"
#endif

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> EnvironmentWith(const Scenario& scenario) {
  std::vector<std::string> env = InheritedEnvironment();
  const std::vector<std::string> extra = scenario.workload.EnvAssignments();
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::string FirstLine(const std::string& text) {
  const size_t start = text.find_first_not_of(" \t\n");
  if (start == std::string::npos) return "";
  return text.substr(start, text.find('\n', start) - start);
}

Status WriteFiles(const Scenario& scenario, const std::string& dir) {
  for (const auto& [path, contents] : scenario.workload.files) {
    const fs::path target = fs::path(dir) / path;
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << contents;
    out.close();
    if (error || !out) {
      return Status::IoError("[workload] files: cannot write " + target.string(),
                             error ? error.value() : EIO);
    }
  }
  return Status::Ok();
}

Status RunSetup(const Scenario& scenario, const std::string& dir) {
  const std::vector<std::string> env = EnvironmentWith(scenario);
  for (size_t i = 0; i < scenario.workload.setup.size(); ++i) {
    std::vector<std::string> argv = scenario.workload.setup[i];
    const std::string shown = reports::ShellCommand(argv);
    const std::string where =
        "[workload] setup command " + std::to_string(i + 1) + " (" + shown + ")";
    argv[0] = FindProgram(argv[0]);
    if (argv[0].empty()) return Status::FailedPrecondition(where + ": program not found in PATH");
    const Result<ProcessResult> run =
        RunProcess({.argv = argv, .env = env, .cwd = dir, .timeout = scenario.workload.timeout});
    if (!run.ok()) return run.status().WithContext(where + " could not start");
    std::string how;
    if (run->end == ProcessResult::End::kTimedOut) {
      how = "did not finish within the workload's timeout_s";
    } else if (run->end == ProcessResult::End::kSignaled) {
      how = "was killed by " + SignalName(run->signal);
    } else if (run->exit_code != 0) {
      how = "exited " + std::to_string(run->exit_code);
    }
    if (!how.empty()) {
      const std::string said =
          FirstLine(run->err).empty() ? FirstLine(run->out) : FirstLine(run->err);
      std::string message = where;
      message += " " + how;
      if (!said.empty()) message += ": " + said;
      return Status::FailedPrecondition(message);
    }
  }
  return Status::Ok();
}

// The tree under `dir` as an image: what the builtin workload starts from.
Result<FsImage> ScanInitialState(const std::string& dir) {
  std::vector<fs::path> entries;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    entries.push_back(fs::relative(it->path(), dir));
  }
  if (error) return Status::IoError("cannot read the initial state in " + dir, error.value());
  std::sort(entries.begin(), entries.end());  // a parent sorts before what it holds
  SimFileSystem sim(FsImage(), SimFileSystem::Recording::kOff);
  for (const fs::path& entry : entries) {
    const fs::path full = fs::path(dir) / entry;
    const fs::file_status status = fs::symlink_status(full, error);
    if (fs::is_directory(status)) {
      POWERCUT_RETURN_IF_ERROR(sim.CreateDir(entry.string()));
    } else if (fs::is_regular_file(status)) {
      std::ifstream in(full, std::ios::binary);
      const std::string contents((std::istreambuf_iterator<char>(in)), {});
      POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file,
                                sim.Open(entry.string(), OpenMode::kCreate));
      POWERCUT_RETURN_IF_ERROR(
          file->WriteAt(0, std::as_bytes(std::span(contents.data(), contents.size()))));
    } else {
      return Status::FailedPrecondition("the initial state holds " + entry.string() +
                                        ", which is neither a file nor a directory: the builtin "
                                        "workload's file system models only those");
    }
  }
  return sim.image();
}

Result<RecordedWorkload> RecordBuiltin(const Scenario& scenario, const std::string& dir) {
  POWERCUT_ASSIGN_OR_RETURN(FsImage initial, ScanInitialState(dir));
  const auto start = Clock::now();
  SimFileSystem sim(std::move(initial));
  Status status;
  try {
    status = BuiltinWorkloadFunction(scenario.workload)(sim, sim.output());
  } catch (const std::exception& e) {
    status = Status::FailedPrecondition(std::string("the workload threw: ") + e.what());
  }
  RecordedWorkload out;
  out.trace = sim.TakeTrace();
  out.info.builtin = scenario.workload.builtin;
  out.info.exit_code = status.ok() ? 0 : 1;
  out.info.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!status.ok()) {
    out.info.warnings.push_back("the workload failed: " + status.ToString() +
                                " (the trace up to then is explored)");
  }
  return out;
}

#ifdef POWERCUT_HAVE_RECORDER
bool HasFileOperation(const trace::Trace& trace) {
  return std::any_of(trace.events.begin(), trace.events.end(), [](const trace::Event& e) {
    return e.type != trace::EventType::kOutput;
  });
}
#endif

Result<RecordedWorkload> RecordCommand(const Scenario& scenario, const std::string& dir) {
#ifdef POWERCUT_HAVE_RECORDER
  record::RecordOptions options;
  options.command = scenario.workload.command;
  options.dir = dir;
  options.timeout = scenario.workload.timeout;
  for (const ScenarioFault& fault : scenario.faults) options.faults.push_back(fault.spec);
  options.extra_env = scenario.workload.EnvAssignments();
  POWERCUT_ASSIGN_OR_RETURN(record::RecordResult recorded, record::Record(options));
  // A failed command is still explored (the states it left are real, and a workload may fail
  // on purpose, e.g. under [faults]), but never silently; one that failed before any file
  // operation leaves nothing to explore, and its "consistent" would mean nothing.
  const bool failed = record::FailedOnItsOwn(recorded);
  if (failed && !HasFileOperation(recorded.trace)) {
    return Status::FailedPrecondition(
        "the workload " + record::HowItEnded(recorded) + " before doing any file operation in "
        "the directory under test, so there is nothing to explore (its stderr, above, may say "
        "why)");
  }
  RecordedWorkload out;
  if (failed) {
    out.info.warnings.push_back("the workload " + record::HowItEnded(recorded) +
                                "; the trace up to then is explored");
  }
  out.trace = std::move(recorded.trace);
  out.info.command = scenario.workload.command;
  out.info.exit_code = recorded.exit_code;
  out.info.signal = recorded.signal;
  out.info.timed_out = recorded.timed_out;
  out.info.seconds = std::chrono::duration<double>(recorded.duration).count();
  return out;
#else
  (void)scenario;
  (void)dir;
  return Status::FailedPrecondition(
      "this powercut was built without the LD_PRELOAD recorder, so it cannot record a command "
      "workload: use a builtin workload, or a build that has faultfs/record");
#endif
}

}  // namespace

bool CanRecordCommands() {
#ifdef POWERCUT_HAVE_RECORDER
  return true;
#else
  return false;
#endif
}

Result<RecordedWorkload> RecordWorkload(const Scenario& scenario, const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Status::IoError("cannot create the directory under test " + dir, error.value());
  POWERCUT_RETURN_IF_ERROR(WriteFiles(scenario, dir));
  POWERCUT_RETURN_IF_ERROR(RunSetup(scenario, dir));
  POWERCUT_ASSIGN_OR_RETURN(RecordedWorkload recorded, scenario.builtin_workload()
                                                           ? RecordBuiltin(scenario, dir)
                                                           : RecordCommand(scenario, dir));
  recorded.info.events = recorded.trace.events.size();
  recorded.info.first_crash_point = recorded.trace.first_crash_point;
  recorded.info.warnings.insert(recorded.info.warnings.end(), recorded.trace.warnings.begin(),
                                recorded.trace.warnings.end());
  if (recorded.info.timed_out) {
    recorded.info.warnings.push_back(
        "the workload was killed after its timeout_s; the trace up "
        "to then is explored");
  }
  return recorded;
}

}  // namespace powercut::harness
