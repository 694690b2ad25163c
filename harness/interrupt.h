// StopSignal: turns SIGINT and SIGTERM into a request to stop, so that a run ends cleanly
// (running checkers killed, scratch removed, the partial result printed and written) instead of
// dying with the checkers still running.
//
// The handler only sets a flag and makes a descriptor readable (both async-signal-safe); the code
// that explores polls the one and the checkers' watch loops wait on the other. The handlers are
// installed with SA_RESETHAND: a second Ctrl-C kills the process at once (leaving scratch behind).
//
// At most one StopSignal exists at a time per process (the handler reaches it through a global).
#ifndef POWERCUT_HARNESS_INTERRUPT_H_
#define POWERCUT_HARNESS_INTERRUPT_H_

#include <atomic>
#include <memory>

#include "faultfs/fs/result.h"

namespace powercut::harness {

class StopSignal {
 public:
  // Installs the handlers until the object goes away. FailedPrecondition if one is installed.
  static Result<std::unique_ptr<StopSignal>> Install();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // True once SIGINT or SIGTERM arrived.
  const std::atomic<bool>& requested() const { return requested_; }
  // The first signal that arrived, or 0.
  int received() const { return received_.load(); }
  // Readable once a signal arrived or Cancel() was called; never read from, so it stays so.
  int cancel_fd() const { return event_fd_; }
  // Makes cancel_fd() readable without a signal: kills the running checkers after a harness
  // error. Thread-safe.
  void Cancel() const;

 private:
  StopSignal() = default;
  static void Handle(int signal);

  int event_fd_ = -1;
  std::atomic<bool> requested_{false};
  std::atomic<int> received_{0};
};

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_INTERRUPT_H_
