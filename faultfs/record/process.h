// Child processes for the recorder (the workload, setup commands) and for anything else that runs
// a command with a working directory, an environment, redirected standard streams and a timeout
// (the `powercut explore` checker runner).
//
//   SpawnOptions options{.argv = {"sh", "-c", "echo hi"}, .cwd = "/tmp/work"};
//   Result<RunResult> run = Run(options, std::chrono::seconds(5));
//
// A child leads its own process group by default, so KillGroup reaches everything it started
// that stayed in the group. The Child is not reaped until Reap(): while it is a zombie its pid,
// and so its process group id, cannot be reused, and signalling the group stays safe.
//
// Spawning uses posix_spawn (vfork-like, safe in a multi-threaded caller); descriptors other
// than the three standard ones are closed in the child. A program that does not exist is
// NotFound, reported by the spawn itself (no trace of a failed exec is left to interpret).
//
// Thread-safety: distinct Child objects may be used from distinct threads.
#ifndef POWERCUT_FAULTFS_RECORD_PROCESS_H_
#define POWERCUT_FAULTFS_RECORD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "faultfs/fs/result.h"

namespace powercut::record {

// How one of the child's standard streams is set up.
struct StdStream {
  enum class Kind { kInherit, kNull, kFd };
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
  // "exit code 1", "killed by signal 9 (Killed)".
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
  // Waits for the exit, at most until `deadline` (nullopt: forever). nullopt on timeout.
  std::optional<ExitStatus> WaitUntil(
      std::optional<std::chrono::steady_clock::time_point> deadline) const;
  // The live processes of the child's group other than the child itself (those it left
  // behind); zombies are not counted.
  std::vector<pid_t> OthersInGroup() const;
  // Signals the child's process group (the child alone when it has none of its own).
  void KillGroup(int signal) const;
  // Reaps the child. REQUIRES: Exited().
  ExitStatus Reap();

 private:
  Child(pid_t pid, int exit_fd, bool own_group) : pid_(pid), exit_fd_(exit_fd), own_group_(own_group) {}

  pid_t pid_;
  int exit_fd_;
  bool own_group_;
  bool reaped_ = false;
};

struct RunResult {
  ExitStatus status;
  bool timed_out = false;  // killed (with its group) at the timeout
  std::string stdout_text;  // at most max_output_bytes each; the rest is read and dropped
  std::string stderr_text;
};

// Runs to completion: stdout and stderr are captured (whatever the options say about them), the
// group is killed at `timeout`, and processes left in the group when the child exits are killed.
Result<RunResult> Run(SpawnOptions options, std::optional<std::chrono::milliseconds> timeout,
                      size_t max_output_bytes = 1u << 20);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_PROCESS_H_
