// Descriptor management: close, dup, dup2, dup3, fcntl(F_DUPFD*), close_range, closefrom. They
// keep the shim's capture descriptor alive (a workload closing "every descriptor" or dup2-ing
// onto its number must not take it away) and the descriptor cache honest. Nothing is recorded.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <unistd.h>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

int CaptureFd() { return Shim().capture_fd.load(std::memory_order_relaxed); }

// The workload is about to make `fd` refer to something else.
void Replacing(int fd) {
  if (fd == CaptureFd()) {
    RecordLock lock;  // no append may use the old number while it moves
    MoveCaptureFdAwayFrom(fd);
  }
  if (fd >= 0) ForgetFds(static_cast<unsigned>(fd), static_cast<unsigned>(fd));
}

// close_range without the capture descriptor: the range split around it.
int CloseRangeKeepingCapture(unsigned first, unsigned last, int flags) {
  const int capture = CaptureFd();
  ForgetFds(first, last);
  if (capture < 0 || static_cast<unsigned>(capture) < first ||
      static_cast<unsigned>(capture) > last) {
    return real::close_range(first, last, flags);
  }
  const auto ours = static_cast<unsigned>(capture);
  int result = 0;
  if (ours > first) result = real::close_range(first, ours - 1, flags);
  if (result == 0 && ours < last) result = real::close_range(ours + 1, last, flags);
  return result;
}

int Fcntl(int fd, int command, long argument, int (*real_fcntl)(int, int, ...)) {
  ShimScope scope;
  if (!scope) return real_fcntl(fd, command, argument);
  const int result = real_fcntl(fd, command, argument);
  if (result >= 0 && (command == F_DUPFD || command == F_DUPFD_CLOEXEC)) {
    ForgetFds(static_cast<unsigned>(result), static_cast<unsigned>(result));
  }
  if (result >= 0 && command == F_SETFL) InvalidateFdCache();  // O_APPEND may have changed
  return result;
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;
using powercut::preload::ShimScope;

POWERCUT_EXPORTS_BEGIN


int close(int fd) {
  ShimScope scope;
  if (!scope) return real::close(fd);
  if (fd == powercut::preload::CaptureFd()) return 0;  // ours, not the workload's
  if (fd >= 0) powercut::preload::ForgetFds(static_cast<unsigned>(fd), static_cast<unsigned>(fd));
  return real::close(fd);
}

int dup(int fd) {
  ShimScope scope;
  const int result = real::dup(fd);
  if (scope && result >= 0) {
    powercut::preload::ForgetFds(static_cast<unsigned>(result), static_cast<unsigned>(result));
  }
  return result;
}

int dup2(int fd, int target) {
  ShimScope scope;
  if (!scope || fd == target) return real::dup2(fd, target);
  powercut::preload::Replacing(target);
  return real::dup2(fd, target);
}

int dup3(int fd, int target, int flags) {
  ShimScope scope;
  if (!scope || fd == target) return real::dup3(fd, target, flags);
  powercut::preload::Replacing(target);
  return real::dup3(fd, target, flags);
}

int fcntl(int fd, int command, ...) {
  va_list args;
  va_start(args, command);
  const long argument = va_arg(args, long);  // every fcntl argument fits in a long or pointer
  va_end(args);
  return powercut::preload::Fcntl(fd, command, argument, real::Lookup(real::fcntl_slot, "fcntl"));
}

int fcntl64(int fd, int command, ...) {
  va_list args;
  va_start(args, command);
  const long argument = va_arg(args, long);
  va_end(args);
  return powercut::preload::Fcntl(fd, command, argument,
                                  real::Lookup(real::fcntl64_slot, "fcntl64"));
}

int close_range(unsigned first, unsigned last, int flags) {
  ShimScope scope;
  if (!scope) return real::close_range(first, last, flags);
  return powercut::preload::CloseRangeKeepingCapture(first, last, flags);
}

void closefrom(int lowest) {
  ShimScope scope;
  if (!scope || lowest < 0) return real::closefrom(lowest);
  powercut::preload::CloseRangeKeepingCapture(static_cast<unsigned>(lowest), UINT_MAX, 0);
}

POWERCUT_EXPORTS_END
