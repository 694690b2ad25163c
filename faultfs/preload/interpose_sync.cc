// Barriers: fsync, fdatasync, sync, syncfs. A barrier does not hold the record lock during its
// call (which may take milliseconds): it notes the record count when the call begins and appends
// its record when the call returns, with `overlap` = the records appended meanwhile by other
// threads and processes (TRACE.md), which it cannot have forced.
//
// A failed fsync/fdatasync with EIO, ENOSPC or EDQUOT is `sync-failed`: Linux may have dropped
// the file's dirty pages. An injected failure runs the real call first, as the kernel would have
// written back (and then dropped) the pages before reporting the error.
#include <errno.h>
#include <unistd.h>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

uint64_t BarrierBegins() {
  RecordLock lock;
  return RecordsAppended();
}

bool LosesData(int error) { return error == EIO || error == ENOSPC || error == EDQUOT; }

template <typename Real>
int FileBarrier(int fd, trace::EventType type, FaultPoint point, Real&& real_call) {
  const FdInfo info = ClassifyFd(fd);
  if (info.kind != FdKind::kInDir) return real_call(fd);
  const int injected = InjectedError(point);
  const uint64_t began = BarrierBegins();
  int result = real_call(fd);
  int error = errno;
  if (injected != 0) {
    result = -1;
    error = injected;
  }
  {
    RecordLock lock;
    const uint64_t overlap = RecordsAppended() - began;
    if (result == 0) {
      AppendEvent(trace::Event{.type = type, .inode = info.raw(), .overlap = overlap});
    } else if (LosesData(error)) {
      AppendEvent(trace::Event{
          .type = trace::EventType::kSyncFailed, .inode = info.raw(), .overlap = overlap});
    }
  }
  errno = error;
  return result;
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;
using powercut::preload::FaultPoint;
using powercut::trace::EventType;

POWERCUT_EXPORTS_BEGIN


int fsync(int fd) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::fsync(fd);
  return powercut::preload::FileBarrier(fd, EventType::kFsync, FaultPoint::kFsync,
                                        [](int f) { return real::fsync(f); });
}

int fdatasync(int fd) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::fdatasync(fd);
  return powercut::preload::FileBarrier(fd, EventType::kFdatasync, FaultPoint::kFdatasync,
                                        [](int f) { return real::fdatasync(f); });
}

// sync() reports no error, so it is never failed: the sync/sync point applies to syncfs.
void sync(void) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::sync();
  const uint64_t began = powercut::preload::BarrierBegins();
  real::sync();
  powercut::preload::ErrnoKeeper keep;
  powercut::preload::RecordLock lock;
  const uint64_t overlap = powercut::preload::RecordsAppended() - began;
  powercut::preload::AppendEvent(powercut::trace::Event{.type = EventType::kSync, .overlap = overlap});
}

// A syncfs of DIR's file system is a `sync`. A failed one records nothing: the trace has no
// event for a whole file system's writeback error, so the data stays pending (not poisoned).
int syncfs(int fd) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::syncfs(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_dev != powercut::preload::Shim().dir_dev) {
    return real::syncfs(fd);
  }
  const int injected = powercut::preload::InjectedError(FaultPoint::kSync);
  const uint64_t began = powercut::preload::BarrierBegins();
  int result = real::syncfs(fd);
  int error = errno;
  if (injected != 0) {
    result = -1;
    error = injected;
  }
  if (result == 0) {
    powercut::preload::RecordLock lock;
    const uint64_t overlap = powercut::preload::RecordsAppended() - began;
    powercut::preload::AppendEvent(
        powercut::trace::Event{.type = EventType::kSync, .overlap = overlap});
  }
  errno = error;
  return result;
}

POWERCUT_EXPORTS_END
