#include "harness/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <string_view>
#include <optional>

namespace powercut::harness {
namespace {

using Clock = std::chrono::steady_clock;

// A descriptor closed when it goes away.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(Fd&& other) noexcept : fd_(other.Release()) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = other.Release();
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
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

std::vector<char*> CStrings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// posix_spawn's attributes and file actions, released when done.
class SpawnSetup {
 public:
  SpawnSetup() {
    ::posix_spawnattr_init(&attr_);
    ::posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&actions_);
    ::posix_spawnattr_destroy(&attr_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  // A new process group led by the child; every signal at its default and none blocked (the
  // parent may ignore SIGPIPE or block SIGINT; the checker must not inherit that).
  Status Configure(const ProcessSpec& spec, int out_fd, int err_fd) {
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    int rc = ::posix_spawnattr_setflags(
        &attr_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (rc == 0) rc = ::posix_spawnattr_setpgroup(&attr_, 0);
    if (rc == 0) rc = ::posix_spawnattr_setsigmask(&attr_, &none);
    if (rc == 0) rc = ::posix_spawnattr_setsigdefault(&attr_, &all);
    if (rc == 0) rc = ::posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null",
                                                         O_RDONLY, 0);
    if (rc == 0) rc = ::posix_spawn_file_actions_adddup2(&actions_, out_fd, STDOUT_FILENO);
    if (rc == 0) rc = ::posix_spawn_file_actions_adddup2(&actions_, err_fd, STDERR_FILENO);
    if (rc == 0 && !spec.cwd.empty()) {
      rc = ::posix_spawn_file_actions_addchdir_np(&actions_, spec.cwd.c_str());
    }
    return rc == 0 ? Status::Ok() : Status::IoError("posix_spawn setup", rc);
  }

  const posix_spawnattr_t* attr() const { return &attr_; }
  const posix_spawn_file_actions_t* actions() const { return &actions_; }

 private:
  posix_spawnattr_t attr_{};
  posix_spawn_file_actions_t actions_{};
};

// A descriptor that becomes readable when `pid` exits. Through syscall(): glibc 2.36's
// <sys/pidfd.h> declares pidfd_open without C linkage for C++.
int PidfdOpen(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

// Why the watch loop ended.
enum class Stop : uint8_t { kExited, kTimedOut, kCancelled };

// Reads both streams until the leader exits, the time is up, or cancel_fd becomes readable.
Result<Stop> Watch(int pidfd, int cancel_fd, Clock::time_point deadline, Capture& out,
                   Capture& err) {
  while (true) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return Stop::kTimedOut;
    std::array<pollfd, 4> fds{};
    nfds_t n = 0;
    fds[n++] = {pidfd, POLLIN, 0};
    const nfds_t cancel_at = n;
    if (cancel_fd >= 0) fds[n++] = {cancel_fd, POLLIN, 0};
    const nfds_t out_at = n;
    if (out.fd.valid()) fds[n++] = {out.fd.get(), POLLIN, 0};
    const nfds_t err_at = n;
    if (err.fd.valid()) fds[n++] = {err.fd.get(), POLLIN, 0};
    const int ready = ::poll(fds.data(), n, static_cast<int>(std::min<int64_t>(left.count(), 60'000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return Status::IoError("poll", errno);
    if (out_at < n && out.fd.valid() && fds[out_at].revents != 0) out.Drain();
    if (err_at < n && err.fd.valid() && fds[err_at].revents != 0) err.Drain();
    if (cancel_at < n && cancel_fd >= 0 && fds[cancel_at].revents != 0) return Stop::kCancelled;
    if (fds[0].revents != 0) return Stop::kExited;
  }
}

}  // namespace

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

Result<ProcessResult> RunProcess(const ProcessSpec& spec) {
  if (spec.argv.empty()) return Status::InvalidArgument("RunProcess: empty argv");
  ProcessResult result;
  Capture out{.kept = &result.out, .total = &result.out_bytes, .limit = spec.capture_bytes};
  Capture err{.kept = &result.err, .total = &result.err_bytes, .limit = spec.capture_bytes};
  Fd out_write;
  Fd err_write;
  POWERCUT_RETURN_IF_ERROR(MakePipe(out.fd, out_write));
  POWERCUT_RETURN_IF_ERROR(MakePipe(err.fd, err_write));
  SpawnSetup setup;
  POWERCUT_RETURN_IF_ERROR(setup.Configure(spec, out_write.get(), err_write.get()));

  const std::vector<char*> argv = CStrings(spec.argv);
  const std::vector<char*> envp = CStrings(spec.env);
  const Clock::time_point start = Clock::now();
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0], setup.actions(), setup.attr(), argv.data(),
                               envp.data());
  out_write.Reset();  // the child holds its own copies; EOF arrives when it and its kin close them
  err_write.Reset();
  if (rc != 0) {
    return Status::IoError("cannot start " + spec.argv[0] +
                               (spec.cwd.empty() ? "" : " in " + spec.cwd),
                           rc);
  }
  const Fd pidfd(PidfdOpen(pid));
  if (!pidfd.valid()) {
    const int error = errno;
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return Status::IoError("pidfd_open", error);
  }

  Result<Stop> stop = Watch(pidfd.get(), spec.cancel_fd, start + spec.timeout, out, err);
  if (!stop.ok() || *stop != Stop::kExited) ::kill(-pid, SIGKILL);
  // Wait for the leader without reaping it: while it is a zombie its pid, and so its process
  // group's id, cannot be reused, and killing the group below cannot hit a stranger.
  siginfo_t info{};
  while (::waitid(P_PIDFD, static_cast<id_t>(pidfd.get()), &info, WEXITED | WNOWAIT) != 0 &&
         errno == EINTR) {
  }
  ::kill(-pid, SIGKILL);  // whatever it left running in its group
  out.Drain();
  err.Drain();
  while (::waitid(P_PIDFD, static_cast<id_t>(pidfd.get()), &info, WEXITED) != 0 &&
         errno == EINTR) {
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  if (!stop.ok()) return stop.status();
  if (*stop == Stop::kTimedOut) {
    result.end = ProcessResult::End::kTimedOut;
  } else if (*stop == Stop::kCancelled) {
    result.end = ProcessResult::End::kCancelled;
  } else if (info.si_code == CLD_EXITED) {
    result.end = ProcessResult::End::kExited;
    result.exit_code = info.si_status;
  } else {
    result.end = ProcessResult::End::kSignaled;
    result.signal = info.si_status;
  }
  return result;
}

}  // namespace powercut::harness
