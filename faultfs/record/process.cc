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
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>
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

// A descriptor closed when it goes away.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// One captured stream: the read end of a pipe, and what was kept of it.
struct Capture {
  Fd fd;
  std::string* kept = nullptr;
  uint64_t* total = nullptr;
  size_t limit = 0;

  // Reads what is there now (the descriptor is non-blocking); closes it at end of file.
  void Drain() {
    // Not zero-filled (read() fills what is used): this runs several times per checker.
    std::array<char, size_t{64} * 1024> buffer;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    while (fd.valid()) {
      const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) return;
      if (n <= 0) {  // end of file, or an error that will not go away
        fd.Reset();
        return;
      }
      const auto got = static_cast<size_t>(n);
      *total += got;
      if (kept->size() < limit) kept->append(buffer.data(), std::min(got, limit - kept->size()));
    }
  }
};

// A pipe whose write end goes to the child and whose read end (non-blocking) stays here.
Status MakePipe(Fd& read_end, Fd& write_end) {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) return Status::IoError("pipe2", errno);
  read_end = Fd(fds[0]);
  write_end = Fd(fds[1]);
  const int flags = ::fcntl(read_end.get(), F_GETFL);
  if (flags < 0 || ::fcntl(read_end.get(), F_SETFL, flags | O_NONBLOCK) != 0) {
    return Status::IoError("fcntl O_NONBLOCK", errno);
  }
  return Status::Ok();
}

// Why RunProcess's watch ended.
enum class Stop : uint8_t { kExited, kTimedOut, kCancelled };

// Reads both streams until the child exits, the time is up, or cancel_fd becomes readable.
Result<Stop> Watch(const Child& child, int cancel_fd, Clock::time_point deadline, Capture& out,
                   Capture& err) {
  while (true) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return Stop::kTimedOut;
    std::array<pollfd, 4> fds{};
    nfds_t n = 0;
    fds[n++] = {child.exit_fd(), POLLIN, 0};
    const nfds_t cancel_at = n;
    if (cancel_fd >= 0) fds[n++] = {cancel_fd, POLLIN, 0};
    const nfds_t out_at = n;
    if (out.fd.valid()) fds[n++] = {out.fd.get(), POLLIN, 0};
    const nfds_t err_at = n;
    if (err.fd.valid()) fds[n++] = {err.fd.get(), POLLIN, 0};
    const int ready =
        ::poll(fds.data(), n, static_cast<int>(std::min<int64_t>(left.count(), 60'000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return Status::IoError("poll", errno);
    if (out_at < n && out.fd.valid() && fds[out_at].revents != 0) out.Drain();
    if (err_at < n && err.fd.valid() && fds[err_at].revents != 0) err.Drain();
    if (cancel_at < n && cancel_fd >= 0 && fds[cancel_at].revents != 0) return Stop::kCancelled;
    if (fds[0].revents != 0) return Stop::kExited;
  }
}

}  // namespace

std::string ExitStatus::Describe() const {
  if (exit_code) return "exit code " + std::to_string(*exit_code);
  if (signal) return "killed by " + SignalName(*signal);
  return "still running";
}

std::string ProcessResult::Describe() const {
  switch (end) {
    case End::kExited: return "exit code " + std::to_string(exit_code);
    case End::kSignaled: return "killed by " + SignalName(signal);
    case End::kTimedOut: return "timed out";
    case End::kCancelled: return "cancelled";
  }
  return "ended";
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

Result<ProcessResult> RunProcess(const ProcessSpec& spec) {
  ProcessResult result;
  Capture out{.kept = &result.out, .total = &result.out_bytes, .limit = spec.capture_bytes};
  Capture err{.kept = &result.err, .total = &result.err_bytes, .limit = spec.capture_bytes};
  Fd out_write;
  Fd err_write;
  POWERCUT_RETURN_IF_ERROR(MakePipe(out.fd, out_write));
  POWERCUT_RETURN_IF_ERROR(MakePipe(err.fd, err_write));
  const Clock::time_point start = Clock::now();
  Result<Child> spawned = Child::Spawn({.argv = spec.argv,
                                        .cwd = spec.cwd,
                                        .env = spec.env,
                                        .stdin_stream = StdStream::Null(),
                                        .stdout_stream = StdStream::Fd(out_write.get()),
                                        .stderr_stream = StdStream::Fd(err_write.get())});
  out_write.Reset();  // the child holds its own copies; EOF arrives when it and its kin close them
  err_write.Reset();
  if (!spawned.ok()) return spawned.status();
  Child& child = *spawned;

  const Result<Stop> stop = Watch(child, spec.cancel_fd, start + spec.timeout, out, err);
  if (!stop.ok() || *stop != Stop::kExited) child.KillGroup(SIGKILL);
  child.WaitUntil(std::nullopt);  // not reaped: the group's id stays ours for the kill below
  child.KillGroup(SIGKILL);       // whatever it left running in its group
  out.Drain();
  err.Drain();
  const ExitStatus status = child.Reap();
  result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  if (!stop.ok()) return stop.status();
  if (*stop == Stop::kTimedOut) {
    result.end = ProcessResult::End::kTimedOut;
  } else if (*stop == Stop::kCancelled) {
    result.end = ProcessResult::End::kCancelled;
  } else if (status.exit_code) {
    result.end = ProcessResult::End::kExited;
    result.exit_code = *status.exit_code;
  } else {
    result.end = ProcessResult::End::kSignaled;
    result.signal = status.signal.value_or(0);
  }
  return result;
}

std::string FindProgram(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  if (program.empty()) return "";
  // Nothing in powercut changes the environment after it starts.
  const char* path = std::getenv("PATH");  // NOLINT(concurrency-mt-unsafe)
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const size_t colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) return "";
    dirs.remove_prefix(colon + 1);
  }
}

std::string SignalName(int signal) {
  const char* abbrev = ::sigabbrev_np(signal);
  if (abbrev == nullptr) return "signal " + std::to_string(signal);
  return std::string("SIG") + abbrev;
}

}  // namespace powercut::record
