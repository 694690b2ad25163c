// Calls that move bytes between descriptors in the kernel: copy_file_range (what cp uses),
// sendfile and splice. Their data never passes through the program, so a copy into a file in
// DIR is recorded by reading back the range it wrote (under the record lock), and a sendfile to
// the output pipe by reading the range it sent from its source file.
#include <errno.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/write_recording.h"

namespace powercut::preload {
namespace {

// Where `moved` bytes a call just transferred began: the explicit offset (which the call
// advanced) or the descriptor's offset (which it advanced).
uint64_t StartOf(int fd, const off_t* explicit_offset, size_t moved) {
  if (explicit_offset != nullptr) return static_cast<uint64_t>(*explicit_offset) - moved;
  const off_t now = ::lseek(fd, 0, SEEK_CUR);
  return now < 0 ? 0 : static_cast<uint64_t>(now) - moved;
}

// REQUIRES: the record lock.
void RecordOutputFromSource(int in_fd, const off_t* in_offset, size_t moved) {
  std::string bytes;
  if (ReadBack(in_fd, StartOf(in_fd, in_offset, moved), moved, bytes)) {
    AppendOutput(bytes);
  } else {
    Warn("bytes sent to stdout by sendfile/splice could not be read back: not recorded as output");
  }
}

// `transfer(limit)` performs the call moving at most `limit` bytes; returns what it returns.
template <typename Transfer>
ssize_t InterposedTransfer(int in_fd, const off_t* in_offset, int out_fd, const off_t* out_offset,
                           size_t length, Transfer&& transfer) {
  const FdInfo out = ClassifyFd(out_fd);
  if (out.kind == FdKind::kOther) return transfer(length);
  if (out.kind == FdKind::kOutput) {
    RecordLock lock;
    const ssize_t moved = transfer(length);
    ErrnoKeeper keep;
    if (moved > 0) RecordOutputFromSource(in_fd, in_offset, static_cast<size_t>(moved));
    return moved;
  }
  if (const int error = InjectedError(FaultPoint::kWrite)) {
    errno = error;
    return -1;
  }
  if (const size_t limit = ShortWriteLimit()) length = std::min(length, limit);
  RecordLock lock;
  const ssize_t moved = transfer(length);
  ErrnoKeeper keep;
  if (moved > 0) {
    const auto bytes = static_cast<size_t>(moved);
    AppendWrittenRange(out_fd, out.raw(), StartOf(out_fd, out_offset, bytes), bytes);
  }
  return moved;
}

template <typename Real>
ssize_t Sendfile(int out_fd, int in_fd, off_t* offset, size_t count, Real&& real_sendfile) {
  ShimScope scope;
  if (!scope) return real_sendfile(out_fd, in_fd, offset, count);
  return InterposedTransfer(in_fd, offset, out_fd, nullptr, count, [&](size_t limit) {
    return real_sendfile(out_fd, in_fd, offset, limit);
  });
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;

POWERCUT_EXPORTS_BEGIN


ssize_t copy_file_range(int in_fd, off64_t* in_offset, int out_fd, off64_t* out_offset,
                        size_t length, unsigned flags) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::copy_file_range(in_fd, in_offset, out_fd, out_offset, length, flags);
  return powercut::preload::InterposedTransfer(
      in_fd, in_offset, out_fd, out_offset, length, [&](size_t limit) {
        return real::copy_file_range(in_fd, in_offset, out_fd, out_offset, limit, flags);
      });
}

ssize_t sendfile(int out_fd, int in_fd, off_t* offset, size_t count) {
  return powercut::preload::Sendfile(out_fd, in_fd, offset, count,
                                     [](int o, int i, off_t* off, size_t c) {
                                       return real::sendfile(o, i, off, c);
                                     });
}

ssize_t sendfile64(int out_fd, int in_fd, off64_t* offset, size_t count) {
  return powercut::preload::Sendfile(out_fd, in_fd, offset, count,
                                     [](int o, int i, off_t* off, size_t c) {
                                       return real::sendfile64(o, i, off, c);
                                     });
}

ssize_t splice(int in_fd, off64_t* in_offset, int out_fd, off64_t* out_offset, size_t length,
               unsigned flags) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::splice(in_fd, in_offset, out_fd, out_offset, length, flags);
  return powercut::preload::InterposedTransfer(
      in_fd, in_offset, out_fd, out_offset, length, [&](size_t limit) {
        return real::splice(in_fd, in_offset, out_fd, out_offset, limit, flags);
      });
}

POWERCUT_EXPORTS_END
