#include "faultfs/record/process.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace powercut::record {
namespace {

using Clock = std::chrono::steady_clock;

// A posix_spawn file-actions object, destroyed on scope exit.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

class SpawnAttributes {
 public:
  SpawnAttributes() { posix_spawnattr_init(&attributes_); }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes_); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  posix_spawnattr_t* get() { return &attributes_; }

 private:
  posix_spawnattr_t attributes_;
};

int AddStream(posix_spawn_file_actions_t* actions, const StdStream& stream, int target) {
  switch (stream.kind) {
    case StdStream::Kind::kInherit:
      return 0;
    case StdStream::Kind::kNull:
      return posix_spawn_file_actions_addopen(actions, target, "/dev/null",
                                              target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
    case StdStream::Kind::kFd:
      return posix_spawn_file_actions_adddup2(actions, stream.fd, target);
  }
  return EINVAL;
}

// The process group of live process `pid` from /proc/PID/stat (field 5, after the
// parenthesised name); nullopt for a zombie, which holds nothing and ignores signals.
std::optional<pid_t> LiveProcessGroupOf(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string state;
  pid_t parent = 0;
  pid_t group = 0;
  if (!(fields >> state >> parent >> group) || state == "Z") return std::nullopt;
  return group;
}

void CloseIfOpen(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads what is available from `fd` into `out` (up to `limit` kept). False at end of file.
bool ReadSome(int fd, std::string& out, size_t limit) {
  char buffer[16384];
  const ssize_t n = ::read(fd, buffer, sizeof(buffer));
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  const size_t keep = std::min(static_cast<size_t>(n), limit - std::min(limit, out.size()));
  out.append(buffer, keep);
  return true;
}

}  // namespace

std::string ExitStatus::Describe() const {
  if (exit_code) return "exit code " + std::to_string(*exit_code);
  if (signal) {
    const char* name = sigdescr_np(*signal);  // thread-safe, unlike strsignal
    return "killed by signal " + std::to_string(*signal) + " (" + (name ? name : "unknown") + ")";
  }
  return "still running";
}

Result<Child> Child::Spawn(const SpawnOptions& options) {
  if (options.argv.empty() || options.argv[0].empty()) {
    return Status::InvalidArgument("no command to run");
  }
  if (!options.cwd.empty()) {
    struct stat st {};
    if (::stat(options.cwd.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return Status::InvalidArgument(options.cwd + ": not a directory to run '" +
                                     options.argv[0] + "' in");
    }
  }
  FileActions actions;
  SpawnAttributes attributes;
  int rc = AddStream(actions.get(), options.stdin_stream, STDIN_FILENO);
  if (rc == 0) rc = AddStream(actions.get(), options.stdout_stream, STDOUT_FILENO);
  if (rc == 0) rc = AddStream(actions.get(), options.stderr_stream, STDERR_FILENO);
  if (rc == 0 && !options.cwd.empty()) {
    rc = posix_spawn_file_actions_addchdir_np(actions.get(), options.cwd.c_str());
  }
  if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(actions.get(), STDERR_FILENO + 1);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (options.new_process_group) {
    flags |= POSIX_SPAWN_SETPGROUP;
    posix_spawnattr_setpgroup(attributes.get(), 0);
  }
  sigset_t none;
  sigemptyset(&none);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigmask(attributes.get(), &none);
  posix_spawnattr_setsigdefault(attributes.get(), &all);  // ignored signals stay not ignored
  posix_spawnattr_setflags(attributes.get(), flags);
  if (rc != 0) return Status::IoError("set up the child of '" + options.argv[0] + "'", rc);

  std::vector<char*> argv;
  for (const std::string& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> env;
  if (options.env) {
    for (const std::string& variable : *options.env) env.push_back(const_cast<char*>(variable.c_str()));
    env.push_back(nullptr);
  }
  pid_t pid = 0;
  rc = posix_spawnp(&pid, argv[0], actions.get(), attributes.get(), argv.data(),
                    options.env ? env.data() : environ);
  if (rc == ENOENT || rc == EACCES || rc == ENOEXEC || rc == ENOTDIR) {
    return Status::NotFound("'" + options.argv[0] + "': " + std::generic_category().message(rc) +
                            (rc == ENOENT ? " (not found in PATH)" : ""));
  }
  if (rc != 0) return Status::IoError("start '" + options.argv[0] + "'", rc);
  const int exit_fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (exit_fd < 0) {
    const int error = errno;
    ::kill(options.new_process_group ? -pid : pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return Status::IoError("pidfd_open", error);
  }
  return Child(pid, exit_fd, options.new_process_group);
}

Child::Child(Child&& other) noexcept
    : pid_(other.pid_),
      exit_fd_(std::exchange(other.exit_fd_, -1)),
      own_group_(other.own_group_),
      reaped_(std::exchange(other.reaped_, true)) {}

Child::~Child() {
  if (!reaped_) {
    KillGroup(SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (exit_fd_ >= 0) ::close(exit_fd_);
}

std::optional<ExitStatus> Child::Exited() const {
  if (reaped_) return std::nullopt;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
      info.si_pid == 0) {
    return std::nullopt;
  }
  ExitStatus status;
  if (info.si_code == CLD_EXITED) {
    status.exit_code = info.si_status;
  } else {
    status.signal = info.si_status;
  }
  return status;
}

std::optional<ExitStatus> Child::WaitUntil(std::optional<Clock::time_point> deadline) const {
  while (true) {
    if (std::optional<ExitStatus> status = Exited()) return status;
    int timeout_ms = -1;
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now());
      if (left.count() <= 0) return std::nullopt;
      timeout_ms = static_cast<int>(std::min<int64_t>(left.count() + 1, 1000));
    }
    pollfd exit{.fd = exit_fd_, .events = POLLIN};
    ::poll(&exit, 1, timeout_ms);
  }
}

std::vector<pid_t> Child::OthersInGroup() const {
  std::vector<pid_t> others;
  if (!own_group_) return others;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return others;
  while (const dirent* entry = ::readdir(proc)) {  // NOLINT(concurrency-mt-unsafe): own DIR*
    pid_t pid = 0;
    const std::string_view name = entry->d_name;
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (error != std::errc() || end != name.data() + name.size() || pid == pid_) continue;
    if (LiveProcessGroupOf(std::string(name)) == pid_) others.push_back(pid);
  }
  ::closedir(proc);
  return others;
}

void Child::KillGroup(int signal) const {
  if (reaped_) return;  // the pid may belong to someone else now
  ::kill(own_group_ ? -pid_ : pid_, signal);
}

ExitStatus Child::Reap() {
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  ExitStatus status;
  if (WIFEXITED(raw)) {
    status.exit_code = WEXITSTATUS(raw);
  } else if (WIFSIGNALED(raw)) {
    status.signal = WTERMSIG(raw);
  }
  return status;
}

Result<RunResult> Run(SpawnOptions options, std::optional<std::chrono::milliseconds> timeout,
                      size_t max_output_bytes) {
  int out_pipe[2] = {-1, -1};
  int err_pipe[2] = {-1, -1};
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    const int error = errno;
    CloseIfOpen(out_pipe[0]);
    CloseIfOpen(out_pipe[1]);
    return Status::IoError("pipe", error);
  }
  options.stdout_stream = StdStream::Fd(out_pipe[1]);
  options.stderr_stream = StdStream::Fd(err_pipe[1]);
  Result<Child> spawned = Child::Spawn(options);
  CloseIfOpen(out_pipe[1]);
  CloseIfOpen(err_pipe[1]);
  if (!spawned.ok()) {
    CloseIfOpen(out_pipe[0]);
    CloseIfOpen(err_pipe[0]);
    return spawned.status();
  }
  Child& child = *spawned;
  RunResult result;
  std::optional<Clock::time_point> deadline;
  if (timeout) deadline = Clock::now() + *timeout;
  std::optional<Clock::time_point> drain_until;  // after the exit: leftovers may hold the pipes
  bool exited = false;
  while (out_pipe[0] >= 0 || err_pipe[0] >= 0 || !exited) {
    std::array<pollfd, 3> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0},
                               {exited ? -1 : child.exit_fd(), POLLIN, 0}}};
    int wait_ms = 100;
    ::poll(fds.data(), fds.size(), wait_ms);
    if (fds[0].revents != 0 && !ReadSome(out_pipe[0], result.stdout_text, max_output_bytes)) {
      CloseIfOpen(out_pipe[0]);
    }
    if (fds[1].revents != 0 && !ReadSome(err_pipe[0], result.stderr_text, max_output_bytes)) {
      CloseIfOpen(err_pipe[0]);
    }
    const auto now = Clock::now();
    if (!exited && child.Exited()) {
      exited = true;
      if (!child.OthersInGroup().empty()) child.KillGroup(SIGKILL);
      drain_until = now + std::chrono::seconds(1);
    } else if (!exited && deadline && now >= *deadline) {
      result.timed_out = true;
      child.KillGroup(SIGKILL);
    }
    if (drain_until && now >= *drain_until) break;  // something outside the group holds a pipe
  }
  CloseIfOpen(out_pipe[0]);
  CloseIfOpen(err_pipe[0]);
  result.status = child.Reap();
  return result;
}

}  // namespace powercut::record
