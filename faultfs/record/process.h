// Child processes: the one spawner of powercut. The recorder runs its workload and setup commands
// with it; the harness runs checkers, scenario setup commands and its end-to-end tests with it.
//
//   Result<ProcessResult> run = RunProcess({.argv = {"/bin/sh", "-c", "echo hi"}, .cwd = dir});
//
//   Result<Child> child = Child::Spawn({.argv = {"sh"}, .stdout_stream = StdStream::Fd(pipe)});
//
// Spawning uses posix_spawn, which glibc implements with vfork semantics: a large multi-threaded
// parent costs nothing to copy, and a program that does not exist is reported by the spawn itself.
// Descriptors other than the three standard ones are closed in the child, and every signal starts
// at its default and unblocked (the parent may ignore SIGPIPE or block SIGINT; children must not
// inherit that).
//
// A child leads its own process group by default, so KillGroup reaches everything it started that
// stayed in the group. A descendant that left the group (setsid, setpgid) escapes this; there is
// no way to find it without cgroups. The Child is not reaped until Reap(): while it is a zombie its
// pid, and so its process group id, cannot be reused, and signalling the group stays safe.
//
// Thread-safety: distinct Child objects may be used from distinct threads; RunProcess may run on
// several threads at once (every descriptor it opens is close-on-exec, so a child spawned on one
// thread never holds another thread's pipes).
#ifndef POWERCUT_FAULTFS_RECORD_PROCESS_H_
#define POWERCUT_FAULTFS_RECORD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "faultfs/fs/result.h"

namespace powercut::record {

// How one of the child's standard streams is set up.
struct StdStream {
  enum class Kind : uint8_t { kInherit, kNull, kFd };
  Kind kind = Kind::kInherit;
  int fd = -1;  // kFd: duplicated onto the stream in the child; the caller keeps its own

  static StdStream Inherit() { return {}; }
  static StdStream Null() { return {Kind::kNull, -1}; }
  static StdStream Fd(int fd) { return {Kind::kFd, fd}; }
};

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in $PATH when it has no '/'
  std::string cwd;                // empty: the caller's working directory
  // The child's whole environment, "NAME=value"; nullopt: the caller's.
  std::optional<std::vector<std::string>> env;
  StdStream stdin_stream;
  StdStream stdout_stream;
  StdStream stderr_stream;
  bool new_process_group = true;
};

struct ExitStatus {
  std::optional<int> exit_code;  // it exited
  std::optional<int> signal;     // or a signal killed it

  bool success() const { return exit_code == 0; }
  // "exit code 1", "killed by SIGKILL".
  std::string Describe() const;
};

class Child {
 public:
  // InvalidArgument (empty argv, missing cwd), NotFound (the program does not exist or is not
  // executable), IoError otherwise.
  static Result<Child> Spawn(const SpawnOptions& options);

  Child(Child&& other) noexcept;
  Child& operator=(Child&&) = delete;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  // A child not yet reaped is killed with its group and reaped.
  ~Child();

  pid_t pid() const { return pid_; }
  // Readable once the child has exited: for poll() beside other descriptors. Owned.
  int exit_fd() const { return exit_fd_; }

  // The exit status if the child has exited, without reaping it; nullopt while it runs.
  std::optional<ExitStatus> Exited() const;
  // Waits for the exit, at most until `deadline` (nullopt: forever), without reaping. nullopt on
  // timeout.
  std::optional<ExitStatus> WaitUntil(
      std::optional<std::chrono::steady_clock::time_point> deadline) const;
  // The live processes of the child's group other than the child itself (those it left
  // behind); zombies are not counted.
  std::vector<pid_t> OthersInGroup() const;
  // Signals the child's process group (the child alone when it has none of its own).
  void KillGroup(int signal) const;
  // Reaps the child, waiting for it if it still runs.
  ExitStatus Reap();

 private:
  Child(pid_t pid, int exit_fd, bool own_group)
      : pid_(pid), exit_fd_(exit_fd), own_group_(own_group) {}

  pid_t pid_;
  int exit_fd_;
  bool own_group_;
  bool reaped_ = false;
};

// RunProcess: one program run to completion, in its own process group, with stdin from
// /dev/null and stdout and stderr captured up to a bound, under a timeout, cancellable from
// another thread. When the program ends, or its time is up, or it is cancelled, its whole
// process group is killed (SIGKILL): nothing it started in the background outlives it.
struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is looked up in $PATH when it has no '/'
  // The whole environment, "NAME=value"; nullopt: the caller's.
  std::optional<std::vector<std::string>> env;
  std::string cwd;  // working directory; empty: the caller's
  std::chrono::milliseconds timeout{10'000};
  size_t capture_bytes = size_t{64} * 1024;  // kept of stdout, and of stderr; the rest is counted
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

  bool success() const { return end == End::kExited && exit_code == 0; }
  // "exit code 3", "killed by SIGSEGV", "timed out", "cancelled".
  std::string Describe() const;
};

// The errors of Child::Spawn (the program could not be started), or IoError when it could not be
// watched; anything the process does is a ProcessResult.
Result<ProcessResult> RunProcess(const ProcessSpec& spec);

// `program` looked up in $PATH as execvp would ("sh" -> "/bin/sh"); a name holding a '/' is
// returned as it is. Empty when no executable file of that name is found.
std::string FindProgram(const std::string& program);

// "SIGSEGV" for SIGSEGV; "signal 77" for a number without a name.
std::string SignalName(int signal);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_PROCESS_H_
