// A checker program, run on one crash state per DESIGN.md section 5 (docs/cli.md, "The checker
// protocol", is the user's version of this page):
//
//   sh -c COMMAND, working directory = the state's directory, stdin = /dev/null,
//   POWERCUT_STATE_DIR    the state's directory (absolute)
//   POWERCUT_OUTPUT       a file with the workload's output lines before the crash point
//   POWERCUT_CRASH_POINT  the crash point (event index)
//   POWERCUT_SCENARIO     the scenario's name
//   POWERCUT_STATE_ID     the state's ID (an addition to the contract, for messages and replays)
//   {state} and {output} in COMMAND replaced, raw, by the same two paths (the caller chooses
//   paths without shell-special characters, so they work inside or outside quotes).
//
// Verdicts, from how `sh` ended:
//   exit 0                      consistent
//   exit 1..124                 violation; reason: the first non-blank line of stdout, else stderr
//   exit 125                    cannot run: the checker says it could not do its job
//   exit 126, 127               cannot run: sh could not execute the command / did not find it
//   exit 129..192 (128+n)       crashed: sh reports the command it ran was killed by signal n
//   exit 128, 193..255          cannot run: outside the protocol
//   killed by a signal          crashed ("recovery crashed: killed by SIGSEGV")
//   past its timeout            hung ("recovery hung: no exit after 5 s"); its group is killed
// "Cannot run" is a harness error, not a verdict: the caller stops exploring.
#ifndef POWERCUT_HARNESS_CHECKER_H_
#define POWERCUT_HARNESS_CHECKER_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "faultfs/fs/result.h"
#include "harness/process.h"

namespace powercut::harness {

struct CheckerVerdict {
  enum class Kind : uint8_t { kConsistent, kViolation, kCrashed, kHung, kCannotRun, kCancelled };
  Kind kind = Kind::kConsistent;
  // kViolation: the checker's first line; kCrashed, kHung: what happened to recovery;
  // kCannotRun: what went wrong, for an error message.
  std::string reason;
  // How it ended ("exit 1", "killed by SIGSEGV") and the head of what it printed, one line each
  // ("stdout: ...", "stderr: ..."): for a report, not for deciding anything.
  std::string details;

  bool IsViolation() const {
    return kind == Kind::kViolation || kind == Kind::kCrashed || kind == Kind::kHung;
  }
};

// The verdict of a finished checker run (pure: the table above).
CheckerVerdict JudgeChecker(const ProcessResult& run, std::chrono::milliseconds timeout);

// "5 s", "0.25 s".
std::string FormatSeconds(std::chrono::milliseconds duration);

// `command` with every "{state}" and "{output}" replaced by the paths, raw.
std::string SubstitutePlaceholders(const std::string& command, const std::string& state_dir,
                                   const std::string& output_file);

// True when `path` holds only characters no shell treats specially: letters, digits and
// "/._+,:-" (and does not start with "-"). Only such paths are put into commands raw.
bool IsShellSafePath(const std::string& path);

// Writes the POWERCUT_OUTPUT file: `lines`, each followed by a newline (empty for none).
Status WriteOutputFile(const std::string& path, const std::vector<std::string>& lines);

struct CheckerSpec {
  std::string command;  // for sh -c
  std::chrono::milliseconds timeout{10'000};
  std::string scenario;  // POWERCUT_SCENARIO
  size_t capture_bytes = size_t{64} * 1024;
};

// One state to check. The directory and the output file exist.
struct CheckerTarget {
  std::string state_dir;    // absolute
  std::string output_file;  // absolute
  size_t crash_point = 0;
  std::string state_id;
  int cancel_fd = -1;  // readable: kill the checker, kCancelled
};

// Runs checkers. Thread-safe: Run may be called from several threads at once.
class CheckerRunner {
 public:
  // `environment`: the environment checkers inherit ("NAME=value"), without the POWERCUT_
  // variables of the protocol, which each run sets.
  CheckerRunner(CheckerSpec spec, std::vector<std::string> environment);

  // IoError only when sh could not be started at all (fork/exec failure, or the state directory
  // cannot be entered); everything the checker does is a verdict.
  Result<CheckerVerdict> Run(const CheckerTarget& target) const;

  const CheckerSpec& spec() const { return spec_; }

 private:
  CheckerSpec spec_;
  std::vector<std::string> environment_;
};

// This process's environment, minus the variables the checker protocol sets.
std::vector<std::string> InheritedEnvironment();

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_CHECKER_H_
