// `powercut replay TRACE --state ID -o DIR [--model M] [--sector-bytes N] [--checker CMD]`:
// materialises one crash state, writes the output lines before its crash point beside it
// (DIR.output), and optionally runs the checker on it exactly as `explore` did.
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "faultfs/crash/generator.h"
#include "faultfs/explore/check_states.h"
#include "faultfs/fs/posix_file_system.h"
#include "harness/checker.h"
#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/interrupt.h"
#include "harness/trace_input.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;

// DIR made absolute and normal, created when missing; InvalidArgument unless it is an empty
// directory afterwards.
Result<std::string> PrepareOutputDir(const std::string& dir) {
  std::error_code error;
  fs::path path = fs::absolute(dir, error).lexically_normal();
  if (error) return Status::InvalidArgument("-o " + dir + ": " + error.message());
  if (!path.has_filename()) path = path.parent_path();  // "x/" -> "x"
  const fs::file_status status = fs::status(path, error);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      return Status::InvalidArgument("-o " + dir + " exists and is not a directory: choose "
                                     "another -o");
    }
    if (!fs::is_empty(path, error) || error) {
      return Status::InvalidArgument(
          "-o " + dir + " is not empty: replay writes the state into an empty directory; remove "
          "it (rm -r " + path.string() + ") or choose another -o");
    }
  } else if (!fs::create_directories(path, error) || error) {
    return Status::InvalidArgument("-o " + dir + ": cannot create it: " + error.message());
  }
  return path.string();
}

bool UsesPlaceholders(const std::string& command) {
  return command.find("{state}") != std::string::npos ||
         command.find("{output}") != std::string::npos;
}

int RunCheckerOn(const ReplaySettings& s, const crash::CrashState& state, const std::string& dir,
                 const std::string& output_file, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<StopSignal>> stop = StopSignal::Install();
  if (!stop.ok()) {
    err << "powercut replay: " << stop.status().ToString() << "\n";
    return kExitUsage;
  }
  const CheckerRunner runner(s.checker, InheritedEnvironment());
  const Result<CheckerVerdict> verdict =
      runner.Run({dir, output_file, state.crash_point, state.id, (*stop)->cancel_fd()});
  if (!verdict.ok()) {
    err << "powercut replay: the checker could not be started: " << verdict.status().message()
        << "\n";
    return kExitUsage;
  }
  switch (verdict->kind) {
    case CheckerVerdict::Kind::kConsistent:
      out << "checker: consistent\n";
      return kExitOk;
    case CheckerVerdict::Kind::kCancelled:
      out << "checker: interrupted\n";
      return kExitSignalBase + (*stop)->received();
    case CheckerVerdict::Kind::kCannotRun:
      err << "powercut replay: " << verdict->reason << "\n" << verdict->details << "\n";
      return kExitUsage;
    case CheckerVerdict::Kind::kViolation:
    case CheckerVerdict::Kind::kCrashed:
    case CheckerVerdict::Kind::kHung:
      break;
  }
  out << "checker: VIOLATION: " << verdict->reason << "\n";
  std::string details = verdict->details;
  for (size_t at = details.find('\n'); at != std::string::npos; at = details.find('\n', at + 3)) {
    details.replace(at, 1, "\n  ");
  }
  out << "  " << details << "\n";
  return kExitViolation;
}

}  // namespace

int RunReplay(const ReplaySettings& s, std::ostream& out, std::ostream& err) {
  const Result<trace::Trace> trace = LoadWholeTrace(s.trace_path);
  if (!trace.ok()) {
    err << "powercut replay: " << trace.status().message() << "\n";
    return kExitUsage;
  }
  crash::CrashStateGenerator generator(*trace, s.generator);
  Result<std::pair<crash::CrashState, FsImage>> state = generator.Materialize(s.state_id);
  if (!state.ok()) {
    err << "powercut replay: --state " << s.state_id << ": " << state.status().message()
        << " (state IDs come from `powercut explore` on the same trace with the same --model "
           "and --sector-bytes)\n";
    return kExitUsage;
  }
  const Result<std::string> dir = PrepareOutputDir(s.out_dir);
  if (!dir.ok()) {
    err << "powercut replay: " << dir.status().message() << "\n";
    return kExitUsage;
  }
  const std::string output_file = *dir + ".output";
  if (!s.checker.command.empty() && UsesPlaceholders(s.checker.command) &&
      !(IsShellSafePath(*dir) && IsShellSafePath(output_file))) {
    err << "powercut replay: -o " << *dir
        << " holds characters a shell treats specially, and the checker uses {state} or "
           "{output}: choose an -o path of letters, digits and /._+,:- or use "
           "$POWERCUT_STATE_DIR and $POWERCUT_OUTPUT\n";
    return kExitUsage;
  }
  PosixFileSystem fs;
  const std::vector<std::string> lines = generator.OutputBefore(state->first.crash_point);
  Status written = state->second.MaterializeInto(fs, *dir);
  if (written.ok()) written = WriteOutputFile(output_file, lines);
  if (!written.ok()) {
    err << "powercut replay: cannot write the state: " << written.message() << "\n";
    return kExitUsage;
  }
  out << "state " << state->first.id << " at crash point " << state->first.crash_point
      << " written to " << *dir << "\n";
  out << "output lines before the crash point (" << lines.size() << "): " << output_file << "\n";
  const std::vector<std::string> deviations = explore::DescribeDeviations(generator, state->first);
  out << (deviations.empty() ? "deviations: none (every pending operation was lost)\n"
                             : "deviations:\n");
  for (const std::string& d : deviations) out << "  " << d << "\n";
  if (s.checker.command.empty()) return kExitOk;
  out.flush();
  return RunCheckerOn(s, state->first, *dir, output_file, out, err);
}

}  // namespace powercut::harness
