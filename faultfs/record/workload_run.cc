#include "faultfs/record/workload_run.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <array>

namespace powercut::record {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The workload's stdout pipe: read as it fills, copied to `forward`.
class StdoutPump {
 public:
  StdoutPump(int fd, std::ostream* forward) : fd_(fd), forward_(forward) {}
  ~StdoutPump() { Close(); }
  StdoutPump(const StdoutPump&) = delete;
  StdoutPump& operator=(const StdoutPump&) = delete;

  bool open() const { return fd_ >= 0; }
  uint64_t bytes() const { return bytes_; }
  int fd() const { return fd_; }

  // Reads once if there is something (or end of file) to read within `wait`.
  void Pump(milliseconds wait) {
    if (fd_ < 0) return;
    pollfd ready{.fd = fd_, .events = POLLIN};
    if (::poll(&ready, 1, static_cast<int>(wait.count())) <= 0) return;
    ReadOnce();
  }

  void ReadOnce() {
    char buffer[65536];
    const ssize_t n = ::read(fd_, buffer, sizeof(buffer));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
      Close();
      return;
    }
    bytes_ += static_cast<uint64_t>(n);
    if (forward_ != nullptr) {
      forward_->write(buffer, n);
      forward_->flush();
    }
  }

 private:
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  int fd_;
  std::ostream* forward_;
  uint64_t bytes_ = 0;
};

// Until the child exits (or is killed at the deadline).
void RunUntilExit(Child& child, StdoutPump& pump, std::optional<Clock::time_point> deadline,
                  int cancel_fd, WorkloadEnd& end) {
  while (!child.Exited()) {
    const auto now = Clock::now();
    if (deadline && now >= *deadline && !end.timed_out) {
      end.timed_out = true;
      child.KillGroup(SIGKILL);
    }
    int wait_ms = 1000;
    if (deadline && !end.timed_out) {
      const auto left = std::chrono::duration_cast<milliseconds>(*deadline - now).count();
      wait_ms = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(left + 1, wait_ms)));
    }
    std::array<pollfd, 3> fds{{{pump.fd(), POLLIN, 0},
                               {child.exit_fd(), POLLIN, 0},
                               {end.cancelled ? -1 : cancel_fd, POLLIN, 0}}};
    ::poll(fds.data(), fds.size(), wait_ms);
    if (fds[0].revents != 0) pump.ReadOnce();
    if (fds[2].revents != 0) {
      end.cancelled = true;
      child.KillGroup(SIGKILL);
    }
  }
}

// Processes the workload left in its group: a grace, then SIGKILL.
void EndLeftovers(Child& child, StdoutPump& pump, milliseconds grace, WorkloadEnd& end) {
  const auto grace_end = Clock::now() + grace;
  std::vector<pid_t> others = child.OthersInGroup();
  while (!others.empty() && Clock::now() < grace_end) {
    pump.Pump(milliseconds(20));
    others = child.OthersInGroup();
  }
  if (others.empty()) return;
  child.KillGroup(SIGKILL);
  end.warnings.push_back(std::to_string(others.size()) + " process" +
                         (others.size() == 1 ? "" : "es") +
                         " the workload left running after it exited were killed");
  const auto kill_end = Clock::now() + std::chrono::seconds(2);
  while (!child.OthersInGroup().empty() && Clock::now() < kill_end) pump.Pump(milliseconds(10));
}

}  // namespace

WorkloadEnd WatchWorkload(Child& child, int stdout_read, const WorkloadWatch& watch) {
  WorkloadEnd end;
  StdoutPump pump(stdout_read, watch.forward);
  std::optional<Clock::time_point> deadline;
  if (watch.timeout) deadline = Clock::now() + *watch.timeout;
  RunUntilExit(child, pump, deadline, watch.cancel_fd, end);
  if (end.timed_out) {
    end.warnings.push_back("the workload ran past its timeout of " +
                           std::to_string(watch.timeout->count()) +
                           " ms and was killed: the trace ends there");
  }
  if (end.cancelled) end.warnings.push_back("recording was interrupted: the trace ends there");
  EndLeftovers(child, pump, watch.grace, end);
  // A process outside the group (it changed its group) may still hold the pipe open.
  const auto drain_end = Clock::now() + std::chrono::seconds(1);
  while (pump.open() && Clock::now() < drain_end) pump.Pump(milliseconds(50));
  if (pump.open()) {
    end.warnings.push_back("a process outside the workload's process group still holds its "
                           "stdout open: output after this point is not recorded");
  }
  end.stdout_bytes = pump.bytes();
  end.status = child.Reap();
  return end;
}

}  // namespace powercut::record
