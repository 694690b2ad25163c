// Recorder: runs an unmodified program under the LD_PRELOAD shim and returns the trace of what it
// did to the directory under test (RECORDING.md is the contract).
//
//   powercut::record::RecordOptions options;
//   options.command = {"sh", "-c", "printf v2 > f.tmp && mv f.tmp f && echo done"};
//   options.dir = "/tmp/work";                        // created empty when absent
//   Result<RecordResult> recorded = powercut::record::Record(options);
//
// Thread-safety: Record may run on several threads at once (each call has its own capture,
// shared region and pipe). It forks; the child only execs.
#ifndef POWERCUT_FAULTFS_RECORD_RECORDER_H_
#define POWERCUT_FAULTFS_RECORD_RECORDER_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "faultfs/fs/result.h"
#include "faultfs/trace/event.h"

namespace powercut::record {

struct RecordOptions {
  std::vector<std::string> command;  // argv; command[0] is looked up in PATH
  // The directory under test. Created (with parents) when it does not exist; what it holds when
  // recording starts is the initial, durable state. Empty: a fresh temporary directory, removed
  // afterwards.
  std::string dir;
  // Commands run in `dir` before recording starts, each to completion, not traced (a scenario's
  // setup). A failing one fails the recording.
  std::vector<std::vector<std::string>> setup;
  std::optional<std::chrono::milliseconds> timeout;  // kill the workload after this long
  // Fault specs for POWERCUT_FAULTS ("sync/fsync=EIO@3", "rw/write=ENOSPC@5+",
  // "rw/write/short=100@2"); validated before the workload starts.
  std::vector<std::string> faults;
  std::vector<std::string> extra_env;  // "NAME=value", added to the workload's environment
  // Where the workload's stdout is copied as it runs (it is recorded either way); null: dropped.
  std::ostream* forward_stdout = nullptr;
  // When it becomes readable (a Ctrl-C handler's eventfd), the workload's process group is
  // killed and the trace up to then returned, `interrupted` set. -1: none.
  int cancel_fd = -1;
  // The shim. Empty: $POWERCUT_PRELOAD, else next to the running executable, else in ../lib
  // beside it (an installed tree), else where this build put it (preload_locate.h).
  std::string preload_path;
};

struct RecordResult {
  trace::Trace trace;  // warnings included
  // How the workload ended: its exit code, or the signal that killed it.
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool timed_out = false;
  bool interrupted = false;  // by options.cancel_fd
  size_t processes = 0;  // processes the shim ran in
  std::chrono::milliseconds duration{0};
};

// InvalidArgument (bad options or fault specs), NotFound (COMMAND or the shim not found),
// FailedPrecondition (a setup command failed; the message names it and its first stderr line),
// or IoError (DIR unusable, disk full); a workload that fails or is killed is not an error: its
// trace up to then is returned with how it ended.
Result<RecordResult> Record(const RecordOptions& options);

// How the workload ended, for a message: "exited 3", "was killed by SIGSEGV", "was killed at its
// timeout", "was interrupted".
std::string HowItEnded(const RecordResult& r);
// Whether it failed on its own: a non-zero exit or a signal, not the timeout or cancel_fd.
bool FailedOnItsOwn(const RecordResult& r);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_RECORDER_H_
