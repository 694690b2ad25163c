#include "faultfs/record/recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>
#include <utility>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/preload/fault_spec.h"
#include "faultfs/preload/output_lines.h"
#include "faultfs/preload/shared_region.h"
#include "faultfs/record/finalize.h"
#include "faultfs/record/initial_state.h"
#include "faultfs/record/preload_locate.h"
#include "faultfs/record/process.h"
#include "faultfs/record/workload_run.h"
#include "faultfs/trace/trace_format.h"

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace powercut::record {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A directory removed with its contents when the object goes away (unless kept).
class OwnedDir {
 public:
  OwnedDir() = default;
  OwnedDir(std::string path, bool remove) : path_(std::move(path)), remove_(remove) {}
  OwnedDir(OwnedDir&& other) noexcept
      : path_(std::move(other.path_)), remove_(std::exchange(other.remove_, false)) {}
  OwnedDir& operator=(OwnedDir&&) = delete;
  OwnedDir(const OwnedDir&) = delete;
  OwnedDir& operator=(const OwnedDir&) = delete;
  ~OwnedDir() {
    std::error_code ignored;
    if (remove_) fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool remove_ = false;
};

Result<OwnedDir> MakeTempDir(const fs::path& base, const std::string& prefix) {
  std::string pattern = (base / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return Status::IoError(pattern + ": mkdtemp", errno);
  return OwnedDir(fs::canonical(pattern).string(), true);
}

fs::path TempBase() {
  std::error_code error;
  fs::path base = fs::temp_directory_path(error);
  return error ? fs::path("/tmp") : base;
}

bool Inside(const fs::path& path, const fs::path& dir) {
  const auto [end, _] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return end == dir.end();
}

// DIR: created when missing, a fresh temporary directory when not given.
Result<OwnedDir> PrepareDir(const std::string& dir) {
  if (dir.empty()) return MakeTempDir(TempBase(), "powercut-dir");
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Status::IoError(dir + ": create directory", error.value());
  const fs::path resolved = fs::canonical(dir, error);
  if (error) return Status::IoError(dir + ": resolve", error.value());
  if (!fs::is_directory(resolved)) return Status::InvalidArgument(dir + ": not a directory");
  return OwnedDir(resolved.string(), false);
}

// Where the capture lives: $TMPDIR, never inside DIR.
Result<OwnedDir> MakeScratchDir(const std::string& dir) {
  fs::path base = TempBase();
  std::error_code error;
  const fs::path resolved_base = fs::canonical(base, error);
  if (!error && Inside(resolved_base, dir)) base = fs::path(dir).parent_path();
  return MakeTempDir(base, "powercut-capture");
}

// Where the shared region lives: in memory (/dev/shm) when there is such a file system. Every
// recorded call writes to the region's pages; on a disk file system each write to a page that
// writeback cleaned faults into the file system again (page_mkwrite), which made the shell loop
// of record_bench ~7% slower. Falls back to the capture's scratch directory.
Result<OwnedDir> MakeRegionDir(const OwnedDir& scratch) {
  constexpr long kTmpfsMagic = 0x01021994;
  struct statfs stats {};
  if (::statfs("/dev/shm", &stats) == 0 && static_cast<long>(stats.f_type) == kTmpfsMagic &&
      ::access("/dev/shm", W_OK) == 0) {
    Result<OwnedDir> made = MakeTempDir("/dev/shm", "powercut-region");
    if (made.ok()) return made;
  }
  return OwnedDir(scratch.path(), false);
}

bool NameIs(const std::string& variable, std::string_view name) {
  return variable.size() > name.size() && variable.compare(0, name.size(), name) == 0 &&
         variable[name.size()] == '=';
}

// The caller's environment with `extra` ("NAME=value") set over it.
std::vector<std::string> BaseEnvironment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) env.emplace_back(*entry);
  for (const std::string& add : extra) {
    const std::string name = add.substr(0, add.find('='));
    std::erase_if(env, [&](const std::string& variable) { return NameIs(variable, name); });
    env.push_back(add);
  }
  return env;
}

// Adds OPTION ("name=value") to ASAN_OPTIONS, unless that option is set there already.
void AppendAsanOption(std::vector<std::string>& env, const std::string& option) {
  const std::string name = option.substr(0, option.find('='));
  for (std::string& variable : env) {
    if (!NameIs(variable, "ASAN_OPTIONS")) continue;
    if (variable.find(name + "=") == std::string::npos) {
      variable += (variable.size() > strlen("ASAN_OPTIONS=") ? ":" : "") + option;
    }
    return;
  }
  env.push_back("ASAN_OPTIONS=" + option);
}

struct ShimPaths {
  std::string preload, dir, capture, shared, stdout_id, faults;
};

// The workload's environment: the base one, the shim first in LD_PRELOAD, the POWERCUT_*
// variables of RECORDING.md (any inherited ones replaced).
std::vector<std::string> WorkloadEnvironment(std::vector<std::string> env, const ShimPaths& shim) {
  std::string preload = shim.preload;
  std::erase_if(env, [&](const std::string& variable) {
    if (NameIs(variable, "LD_PRELOAD")) {
      const std::string rest = variable.substr(strlen("LD_PRELOAD="));
      if (!rest.empty()) preload += " " + rest;
      return true;
    }
    return variable.compare(0, strlen("POWERCUT_"), "POWERCUT_") == 0 &&
           !NameIs(variable, "POWERCUT_PRELOAD");
  });
  env.push_back("LD_PRELOAD=" + preload);
  // A program built with AddressSanitizer refuses to start when another library is preloaded
  // before its runtime; with the check off it runs normally (the shim forwards every call it
  // interposes to the next definition, ASan's interceptor included). Harmless for any other
  // program.
  AppendAsanOption(env, "verify_asan_link_order=0");
  env.push_back("POWERCUT_DIR=" + shim.dir);
  env.push_back("POWERCUT_CAPTURE=" + shim.capture);
  env.push_back("POWERCUT_SHARED=" + shim.shared);
  env.push_back("POWERCUT_STDOUT=" + shim.stdout_id);
  if (!shim.faults.empty()) env.push_back("POWERCUT_FAULTS=" + shim.faults);
  return env;
}

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) line += (line.empty() ? "" : " ") + arg;
  return line;
}

Status RunSetup(const RecordOptions& options, const std::string& dir) {
  for (const std::vector<std::string>& command : options.setup) {
    // No timeout: as long as it takes (a day stands for that).
    const ProcessSpec spec{.argv = command,
                           .env = BaseEnvironment(options.extra_env),
                           .cwd = dir,
                           .timeout = options.timeout.value_or(std::chrono::hours(24))};
    POWERCUT_ASSIGN_OR_RETURN(const ProcessResult run, RunProcess(spec));
    if (!run.success()) {
      std::string why = run.Describe();
      const std::string first_line = run.err.substr(0, run.err.find('\n'));
      if (!first_line.empty()) why += ": " + first_line;
      return Status::FailedPrecondition("setup command '" + CommandLine(command) + "' " + why);
    }
  }
  return Status::Ok();
}

// Writes the records the shim left in the shared capture buffer to the capture file. Under the
// record lock, unless a process that escaped the workload's group holds it for long.
Status FlushCapture(preload::SharedRegion& region, const std::string& capture_path) {
  const int fd = ::open(capture_path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return Status::IoError(capture_path + ": open", errno);
  const bool locked = preload::LockRecordWithin(region, 2000);
  const bool flushed = preload::FlushCaptureBuffer(region, fd);
  const int error = errno;
  if (locked) preload::UnlockRecord(region);
  ::close(fd);
  if (!flushed) return Status::IoError(capture_path + ": write the capture", error);
  return Status::Ok();
}

// What the recorder itself noticed, for the trace's warnings.
std::vector<std::string> RecorderWarnings(const trace::TraceReadResult& capture,
                                          const preload::SharedRegion& region,
                                          const WorkloadEnd& end) {
  std::vector<std::string> warnings = end.warnings;
  if (!capture.status.ok()) {
    warnings.push_back("the capture ends in a damaged record (" + capture.status.message() +
                       "): a process was killed while appending; what came after is lost");
  }
  if (const int error = region.capture_error.load()) {
    warnings.push_back("the capture could not be written (" + std::generic_category().message(error) +
                       "): the trace ends early");
  }
  if (const uint32_t died = region.lock_owner_died.load()) {
    warnings.push_back(std::to_string(died) + " process(es) were killed inside a recorded call");
  }
  if (const uint32_t dropped = region.warnings_dropped.load()) {
    warnings.push_back(std::to_string(dropped) + " more warnings did not fit and were dropped");
  }
  const uint64_t recorded = region.output_bytes.load();
  if (end.stdout_bytes > recorded) {
    warnings.push_back(std::to_string(end.stdout_bytes - recorded) +
                       " bytes printed to stdout by calls the shim does not see (a static "
                       "program, raw syscalls, wide-character stdio) are not in the output lines");
  }
  if (region.processes.load() == 0) {
    warnings.push_back("the shim ran in no process of the workload: nothing it did was recorded");
  }
  return warnings;
}

}  // namespace

Result<RecordResult> Record(const RecordOptions& options) {
  if (options.command.empty()) return Status::InvalidArgument("no command to record");
  const std::string faults = preload::JoinFaultSpecs(options.faults);
  POWERCUT_RETURN_IF_ERROR(preload::ParseFaultSpecs(faults).status());
  POWERCUT_ASSIGN_OR_RETURN(const std::string preload, LocatePreload(options.preload_path));
  POWERCUT_ASSIGN_OR_RETURN(OwnedDir dir, PrepareDir(options.dir));
  POWERCUT_RETURN_IF_ERROR(RunSetup(options, dir.path()));

  POWERCUT_ASSIGN_OR_RETURN(OwnedDir scratch, MakeScratchDir(dir.path()));
  const std::string capture_path = scratch.path() + "/capture.trace";
  POWERCUT_ASSIGN_OR_RETURN(OwnedDir region_dir, MakeRegionDir(scratch));
  const std::string shared_path = region_dir.path() + "/shared.region";
  POWERCUT_ASSIGN_OR_RETURN(InitialState initial, WriteInitialState(dir.path(), capture_path));
  POWERCUT_ASSIGN_OR_RETURN(preload::OwnedSharedRegion shared,
                            preload::OwnedSharedRegion::Create(shared_path));

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return Status::IoError("stdout pipe", errno);
  struct stat pipe_stat {};
  ::fstat(pipe_fds[1], &pipe_stat);
  const ShimPaths shim{
      .preload = preload, .dir = dir.path(), .capture = capture_path, .shared = shared_path,
      .stdout_id = std::to_string(pipe_stat.st_dev) + ":" + std::to_string(pipe_stat.st_ino),
      .faults = faults};
  const SpawnOptions spawn{
      .argv = options.command, .cwd = dir.path(),
      .env = WorkloadEnvironment(BaseEnvironment(options.extra_env), shim),
      .stdout_stream = StdStream::Fd(pipe_fds[1])};
  const auto started = Clock::now();
  Result<Child> child = Child::Spawn(spawn);
  ::close(pipe_fds[1]);
  if (!child.ok()) {
    ::close(pipe_fds[0]);
    return child.status();
  }
  const WorkloadEnd end = WatchWorkload(
      *child, pipe_fds[0], WorkloadWatch{.timeout = options.timeout,
                                       .forward = options.forward_stdout,
                                       .cancel_fd = options.cancel_fd});

  RecordResult result;
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  result.exit_code = end.status.exit_code;
  result.signal = end.status.signal;
  result.timed_out = end.timed_out;
  result.interrupted = end.cancelled;
  const preload::SharedRegion& region = shared.region();
  result.processes = region.processes.load();

  POWERCUT_RETURN_IF_ERROR(FlushCapture(shared.region(), capture_path));
  PosixFileSystem posix;
  POWERCUT_ASSIGN_OR_RETURN(const trace::TraceReadResult read,
                            trace::ReadTraceFile(posix, capture_path));
  Capture capture{.raw = read.trace, .dir_raw = initial.dir_raw,
                  .partial_line = std::string(preload::PartialLine(region)),
                  .warnings = initial.warnings};
  for (std::string& warning : preload::Warnings(region)) capture.warnings.push_back(std::move(warning));
  for (std::string& warning : RecorderWarnings(read, region, end)) {
    capture.warnings.push_back(std::move(warning));
  }
  result.trace = FinalizeCapture(capture);
  return result;
}

std::string HowItEnded(const RecordResult& r) {
  if (r.interrupted) return "was interrupted";
  if (r.timed_out) return "was killed at its timeout";
  if (r.signal) return "was killed by " + SignalName(*r.signal);
  return "exited " + std::to_string(r.exit_code.value_or(0));
}

bool FailedOnItsOwn(const RecordResult& r) {
  return !r.interrupted && !r.timed_out && (r.signal || r.exit_code.value_or(0) != 0);
}

}  // namespace powercut::record
