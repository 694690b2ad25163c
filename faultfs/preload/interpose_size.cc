// Calls that change a file's size or allocation: truncate, ftruncate, fallocate,
// posix_fallocate (and their 64-bit names).
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

using trace::Event;
using trace::EventType;

constexpr int kModelledFallocateModes =
    trace::kFallocKeepSize | trace::kFallocPunchHole | trace::kFallocZeroRange;

template <typename Real>
int Ftruncate(int fd, off_t length, Real&& real_call) {
  const FdInfo info = ClassifyFd(fd);
  if (info.kind != FdKind::kInDir || length < 0) return real_call();
  if (const int error = InjectedError(FaultPoint::kTruncate)) {
    errno = error;
    return -1;
  }
  RecordLock lock;
  const int result = real_call();
  if (result == 0) {
    ErrnoKeeper keep;
    AppendEvent(Event{.type = EventType::kTruncate, .inode = info.raw(),
                      .length = static_cast<uint64_t>(length)});
  }
  return result;
}

// truncate(path): the file the path leads to (following symlinks), held open O_PATH so the
// inode recorded is the one truncated.
template <typename Real>
int Truncate(const char* path, off_t length, Real&& real_call) {
  const int fd = real::open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) return real_call();
  const int result = Ftruncate(fd, length, real_call);
  ErrnoKeeper keep;
  real::close(fd);
  return result;
}

// Returns 0 or an errno (posix_fallocate's convention; fallocate converts).
template <typename Real>
int Fallocate(int fd, int mode, off_t offset, off_t length, Real&& real_call) {
  const FdInfo info = ClassifyFd(fd);
  if (info.kind != FdKind::kInDir) return real_call();
  if ((mode & ~kModelledFallocateModes) != 0) {
    WarningText text;
    text << "fallocate mode " << static_cast<uint64_t>(mode)
         << " (collapse, insert or unshare range) on a file in DIR: not modelled, not recorded";
    Warn(text.view());
    return real_call();
  }
  if (const int error = InjectedError(FaultPoint::kFallocate)) return error;
  RecordLock lock;
  const int error = real_call();
  if (error == 0 && offset >= 0 && length > 0) {
    ErrnoKeeper keep;
    AppendEvent(Event{.type = EventType::kFallocate, .inode = info.raw(),
                      .offset = static_cast<uint64_t>(offset),
                      .length = static_cast<uint64_t>(length), .mode = static_cast<uint32_t>(mode)});
  }
  return error;
}

// fallocate's -1/errno as an errno, and back.
template <typename Real>
int FallocateErrno(int fd, int mode, off_t offset, off_t length, Real&& real_call) {
  const int error = Fallocate(fd, mode, offset, length, [&] {
    return real_call() == 0 ? 0 : errno;
  });
  if (error == 0) return 0;
  errno = error;
  return -1;
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;
using powercut::preload::ShimScope;

POWERCUT_EXPORTS_BEGIN


int truncate(const char* path, off_t length) {
  ShimScope scope;
  if (!scope) return real::truncate(path, length);
  return powercut::preload::Truncate(path, length, [&] { return real::truncate(path, length); });
}

int truncate64(const char* path, off64_t length) {
  ShimScope scope;
  if (!scope) return real::truncate64(path, length);
  return powercut::preload::Truncate(path, length, [&] { return real::truncate64(path, length); });
}

int ftruncate(int fd, off_t length) {
  ShimScope scope;
  if (!scope) return real::ftruncate(fd, length);
  return powercut::preload::Ftruncate(fd, length, [&] { return real::ftruncate(fd, length); });
}

int ftruncate64(int fd, off64_t length) {
  ShimScope scope;
  if (!scope) return real::ftruncate64(fd, length);
  return powercut::preload::Ftruncate(fd, length, [&] { return real::ftruncate64(fd, length); });
}

int fallocate(int fd, int mode, off_t offset, off_t length) {
  ShimScope scope;
  if (!scope) return real::fallocate(fd, mode, offset, length);
  return powercut::preload::FallocateErrno(
      fd, mode, offset, length, [&] { return real::fallocate(fd, mode, offset, length); });
}

int fallocate64(int fd, int mode, off64_t offset, off64_t length) {
  ShimScope scope;
  if (!scope) return real::fallocate64(fd, mode, offset, length);
  return powercut::preload::FallocateErrno(
      fd, mode, offset, length, [&] { return real::fallocate64(fd, mode, offset, length); });
}

int posix_fallocate(int fd, off_t offset, off_t length) {
  ShimScope scope;
  if (!scope) return real::posix_fallocate(fd, offset, length);
  return powercut::preload::Fallocate(fd, 0, offset, length,
                                      [&] { return real::posix_fallocate(fd, offset, length); });
}

int posix_fallocate64(int fd, off64_t offset, off64_t length) {
  ShimScope scope;
  if (!scope) return real::posix_fallocate64(fd, offset, length);
  return powercut::preload::Fallocate(fd, 0, offset, length,
                                      [&] { return real::posix_fallocate64(fd, offset, length); });
}

POWERCUT_EXPORTS_END
