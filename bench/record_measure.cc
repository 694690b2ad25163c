#include "bench/record_measure.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "faultfs/record/process.h"
#include "faultfs/record/recorder.h"

namespace powercut::bench {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A fresh empty directory for one run, removed afterwards.
class RunDir {
 public:
  RunDir(const std::string& scratch, size_t number)
      : path_(scratch + "/run-" + std::to_string(number)) {
    std::filesystem::create_directories(path_);
  }
  ~RunDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  RunDir(const RunDir&) = delete;
  RunDir& operator=(const RunDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Result<RecordRun> RunPlain(const std::vector<std::string>& argv, const std::string& dir) {
  const auto start = Clock::now();
  POWERCUT_ASSIGN_OR_RETURN(
      const record::ProcessResult run,
      record::RunProcess({.argv = argv, .cwd = dir, .timeout = std::chrono::minutes(30)}));
  const double seconds = SecondsSince(start);
  if (!run.success()) {
    return Status::FailedPrecondition("'" + argv[0] + "' " + run.Describe() + ": " +
                                      run.err.substr(0, 200));
  }
  return RecordRun{.seconds = seconds, .total_seconds = seconds};
}

Result<RecordRun> RunUnderShim(const RecordWorkload& workload, const std::string& dir) {
  record::RecordOptions options;
  options.command = workload.command;
  options.dir = dir;
  const auto start = Clock::now();
  POWERCUT_ASSIGN_OR_RETURN(const record::RecordResult recorded, record::Record(options));
  const double total = SecondsSince(start);
  if (recorded.exit_code != 0) {
    return Status::FailedPrecondition(workload.name + " failed under the shim");
  }
  return RecordRun{.seconds = std::chrono::duration<double>(recorded.duration).count(),
                   .total_seconds = total,
                   .events = recorded.trace.events.size(),
                   .warnings = recorded.trace.warnings.size()};
}

Result<RecordRun> RunOnce(const RecordWorkload& workload, Mode mode, const std::string& dir) {
  switch (mode) {
    case Mode::kNative:
      return RunPlain(workload.command, dir);
    case Mode::kShim:
      return RunUnderShim(workload, dir);
    case Mode::kStrace: {
      std::vector<std::string> argv = {"strace", "-f", "-o", dir + "/../strace.log"};
      argv.insert(argv.end(), workload.command.begin(), workload.command.end());
      return RunPlain(argv, dir);
    }
  }
  return Status::InvalidArgument("unknown mode");
}

}  // namespace

RecordWorkload SqliteWorkload(int transactions) {
  std::string sql = "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; CREATE TABLE t(x);";
  for (int i = 0; i < transactions; ++i) sql += " INSERT INTO t VALUES (" + std::to_string(i) + ");";
  return RecordWorkload{
      .name = "sqlite3",
      .description = "`sqlite3 db` executing " + std::to_string(transactions) +
                     " single-row INSERTs, each its own transaction, journal_mode=DELETE, "
                     "synchronous=FULL",
      .command = {"sqlite3", "db", sql}};
}

RecordWorkload ShellLoopWorkload(int appends) {
  const std::string count = std::to_string(appends);
  return RecordWorkload{
      .name = "shell loop",
      .description = "`sh -c` appending a line to a file and running `sync FILE` (coreutils, an "
                     "fsync), " + count + " times",
      .command = {"sh", "-c",
                  "i=0; while [ $i -lt " + count + " ]; do echo $i >> log; sync log; "
                  "i=$((i+1)); done"}};
}

RecordWorkload ExecLoopWorkload(int execs) {
  const std::string count = std::to_string(execs);
  return RecordWorkload{
      .name = "exec loop",
      .description = "`sh -c` running `/bin/true` " + count + " times (no file is written: what "
                     "loading and starting the shim costs each program)",
      .command = {"sh", "-c",
                  "i=0; while [ $i -lt " + count + " ]; do /bin/true; i=$((i+1)); done"},
      .has_targets = false};
}

RecordWorkload JournalToolWorkload(const std::string& tool, int transactions) {
  const std::string count = std::to_string(transactions);
  return RecordWorkload{
      .name = "powercut-journal",
      .description = "`powercut-journal workload wal --mode immediate --txns " + count +
                     "`: " + count + " transactions of 3 operations, one thread, an fdatasync "
                     "per commit",
      .command = {tool, "workload", "wal", "--mode", "immediate", "--txns", count}};
}

RecordWorkload TarWorkload(const std::string& archive, int files) {
  return RecordWorkload{
      .name = "tar -x",
      .description = "`tar -xf` of an archive of " + std::to_string(files) +
                     " files of 512 bytes in 10 directories (made before measuring, outside "
                     "the run directory); tar syncs nothing",
      .command = {"tar", "-xf", archive}};
}

Result<std::string> MakeTarArchive(const std::string& scratch, int files) {
  const std::string source = scratch + "/tar-source";
  const std::string archive = scratch + "/files.tar";
  const std::string block(512, 'x');
  std::error_code error;
  for (int i = 0; i < files; ++i) {
    const std::string dir = source + "/d" + std::to_string(i % 10);
    std::filesystem::create_directories(dir, error);
    std::ofstream file(dir + "/f" + std::to_string(i));
    file << block;
    if (error || !file.flush()) {
      return Status::FailedPrecondition("cannot write the files to archive under " + source);
    }
  }
  POWERCUT_ASSIGN_OR_RETURN(
      const record::ProcessResult run,
      record::RunProcess({.argv = {"tar", "-cf", archive, "."}, .cwd = source,
                          .timeout = std::chrono::minutes(10)}));
  std::filesystem::remove_all(source, error);
  if (!run.success()) {
    return Status::FailedPrecondition("tar -cf " + archive + " " + run.Describe() + ": " +
                                      run.err.substr(0, 200));
  }
  return archive;
}

std::string ModeName(Mode mode) {
  switch (mode) {
    case Mode::kNative: return "native";
    case Mode::kShim: return "shim";
    case Mode::kStrace: return "strace -f";
  }
  return "?";
}

Result<std::vector<RecordMeasurement>> MeasureRecording(const std::vector<RecordWorkload>& workloads,
                                                        int rounds, const std::string& scratch) {
  constexpr Mode kModes[] = {Mode::kNative, Mode::kShim, Mode::kStrace};
  std::vector<RecordMeasurement> measurements;
  for (const RecordWorkload& workload : workloads) {
    for (Mode mode : kModes) measurements.push_back({.workload = workload, .mode = mode});
  }
  size_t run_number = 0;
  for (int round = 0; round < rounds; ++round) {
    for (size_t w = 0; w < workloads.size(); ++w) {
      for (size_t m = 0; m < 3; ++m) {
        const size_t rotated = (m + static_cast<size_t>(round)) % 3;  // no mode always first
        RecordMeasurement& measurement = measurements[w * 3 + rotated];
        const RunDir dir(scratch, run_number++);
        Result<RecordRun> run = RunOnce(workloads[w], measurement.mode, dir.path());
        if (!run.ok()) return run.status().WithContext(workloads[w].name + ", " + ModeName(measurement.mode));
        measurement.runs.push_back(*run);
      }
    }
  }
  return measurements;
}

}  // namespace powercut::bench
