#include "harness/interrupt.h"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <iterator>

namespace powercut::harness {
namespace {

std::atomic<StopSignal*> g_installed{nullptr};
constexpr int kSignals[] = {SIGINT, SIGTERM};
struct sigaction g_previous[2];  // the actions before Install, restored by the destructor

}  // namespace

Result<std::unique_ptr<StopSignal>> StopSignal::Install() {
  std::unique_ptr<StopSignal> stop(new StopSignal());
  stop->event_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop->event_fd_ < 0) return Status::IoError("eventfd", errno);
  StopSignal* expected = nullptr;
  if (!g_installed.compare_exchange_strong(expected, stop.get())) {
    return Status::FailedPrecondition("a StopSignal is already installed");
  }
  struct sigaction action {};
  action.sa_handler = &StopSignal::Handle;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART | SA_RESETHAND;
  for (size_t i = 0; i < std::size(kSignals); ++i) {
    if (::sigaction(kSignals[i], &action, &g_previous[i]) != 0) {
      return Status::IoError("sigaction", errno);
    }
  }
  return stop;
}

StopSignal::~StopSignal() {
  StopSignal* self = this;
  if (g_installed.compare_exchange_strong(self, nullptr)) {
    for (size_t i = 0; i < std::size(kSignals); ++i) ::sigaction(kSignals[i], &g_previous[i], nullptr);
  }
  if (event_fd_ >= 0) ::close(event_fd_);
}

void StopSignal::Cancel() const {
  const uint64_t one = 1;
  const int saved = errno;
  (void)!::write(event_fd_, &one, sizeof(one));
  errno = saved;
}

void StopSignal::Handle(int signal) {
  StopSignal* stop = g_installed.load();
  if (stop == nullptr) return;
  int none = 0;
  stop->received_.compare_exchange_strong(none, signal);
  stop->requested_.store(true);
  stop->Cancel();
}

}  // namespace powercut::harness
