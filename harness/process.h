// RunProcess: runs one program to completion the way checkers are run: spawned cheaply
// (posix_spawn, which glibc implements with vfork semantics, so a large multi-threaded parent
// costs nothing to copy), in its own process group, with stdin from /dev/null and stdout and
// stderr captured up to a bound, under a timeout, and cancellable from another thread.
//
// When the program ends, or its time is up, or it is cancelled, the whole process group is
// killed (SIGKILL): nothing it started in the background outlives it or keeps writing into its
// scratch directory. A descendant that left the group (setsid, setpgid) escapes this; there is no
// way to find it without cgroups.
//
// Thread-safety: RunProcess may run on several threads at once. Every descriptor it opens is
// close-on-exec, so a child spawned on one thread never holds another thread's pipes.
#ifndef POWERCUT_HARNESS_PROCESS_H_
#define POWERCUT_HARNESS_PROCESS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "faultfs/fs/result.h"

namespace powercut::harness {

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is the program's path (no PATH search)
  std::vector<std::string> env;   // the whole environment, "NAME=value"
  std::string cwd;                // working directory
  std::chrono::milliseconds timeout{10'000};
  size_t capture_bytes = size_t{64} * 1024;  // kept of stdout, and of stderr; the rest is read and dropped
  int cancel_fd = -1;  // when it becomes readable, the process is killed (kCancelled); -1: none
};

struct ProcessResult {
  enum class End : uint8_t { kExited, kSignaled, kTimedOut, kCancelled };
  End end = End::kExited;
  int exit_code = 0;  // kExited
  int signal = 0;     // kSignaled
  std::string out;    // the first capture_bytes of stdout
  std::string err;    // the first capture_bytes of stderr
  uint64_t out_bytes = 0;  // everything it wrote to stdout, kept or not
  uint64_t err_bytes = 0;
  std::chrono::microseconds elapsed{0};
};

// IoError when the process could not be started (the errno of posix_spawn: a missing program,
// or a `cwd` that cannot be entered) or watched; anything the process does is a ProcessResult.
Result<ProcessResult> RunProcess(const ProcessSpec& spec);

// `program` looked up in $PATH as execvp would ("sh" -> "/bin/sh"); a name holding a '/' is
// returned as it is. Empty when no executable file of that name is found.
std::string FindProgram(const std::string& program);

// "SIGSEGV" for SIGSEGV; "signal 77" for a number without a name.
std::string SignalName(int signal);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_PROCESS_H_
