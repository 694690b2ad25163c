// The write family: write, pwrite, writev, pwritev, pwritev2 (and their 64-bit names). A write
// to a file in DIR becomes a `write` event of the bytes the call reports written, at the offset
// they went to; a write to the output pipe feeds the output lines (RECORDING.md). A write that
// is durable when it returns (an O_DSYNC or O_SYNC descriptor, pwritev2's RWF_DSYNC or
// RWF_SYNC) is followed by the fdatasync or fsync of the file it amounts to.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>
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

#ifndef RWF_APPEND
#define RWF_APPEND 0x00000010
#endif
#ifndef RWF_NOAPPEND
#define RWF_NOAPPEND 0x00000020
#endif
#ifndef RWF_DSYNC
#define RWF_DSYNC 0x00000002
#endif
#ifndef RWF_SYNC
#define RWF_SYNC 0x00000004
#endif

namespace powercut::preload {
namespace {

// Where the bytes of a write go.
enum class Placement {
  kFileOffset,  // write, writev, pwritev2 with offset -1: the descriptor's offset (or the end)
  kAt,          // pwrite, pwritev, pwritev2: `offset`, unless the descriptor appends
  kAppend,      // pwritev2 with RWF_APPEND: the end, whatever the descriptor
};

struct WriteCall {
  int fd;
  const iovec* iov;
  int iovcnt;
  Placement placement;
  off_t offset;      // kAt
  bool no_append;    // RWF_NOAPPEND: kAt even on an O_APPEND descriptor
  WriteSync flag_sync = WriteSync::kNone;  // RWF_DSYNC, RWF_SYNC: this call only
};

// pwritev2's per-call equivalent of O_DSYNC and O_SYNC.
WriteSync FlagSync(int flags) {
  if ((flags & RWF_SYNC) != 0) return WriteSync::kFile;
  if ((flags & RWF_DSYNC) != 0) return WriteSync::kData;
  return WriteSync::kNone;
}

// The barrier a synchronous write amounts to, appended right after its `write` event. Both are
// appended under the record lock held across the call, so nothing can come between them: the
// barrier overlaps nothing. Linux syncs only the range written (vfs_fsync_range), while the
// barrier forces every earlier write to the file: a write to another range still pending then
// is taken as durable (RECORDING.md says so). REQUIRES: the record lock.
void AppendWriteSync(trace::InodeId raw, WriteSync sync) {
  if (sync == WriteSync::kNone) return;
  const trace::EventType type =
      sync == WriteSync::kFile ? trace::EventType::kFsync : trace::EventType::kFdatasync;
  AppendEvent(trace::Event{.type = type, .inode = raw});
}

// At most `limit` bytes of `iov`, as a shorter iovec array in `out` (at most IOV_MAX entries).
int ShortenIovecs(const iovec* iov, int iovcnt, size_t limit, iovec* out) {
  int count = 0;
  for (int i = 0; i < iovcnt && i < IOV_MAX && limit > 0; ++i) {
    out[count] = iov[i];
    out[count].iov_len = std::min(iov[i].iov_len, limit);
    limit -= out[count].iov_len;
    ++count;
  }
  return count;
}

// The offset the `written` bytes of a successful call started at. REQUIRES: the record lock (no
// other recorded write moved the offset or the end of the file since the call).
uint64_t StartOffset(const WriteCall& call, const FdInfo& info, size_t written) {
  bool at_end = call.placement == Placement::kAppend;
  // Linux appends on an O_APPEND descriptor, whatever offset pwrite asked for.
  if (call.placement == Placement::kAt && !call.no_append) at_end = info.append;
  if (call.placement == Placement::kAt && !at_end) return static_cast<uint64_t>(call.offset);
  if (call.placement == Placement::kFileOffset) {
    // After a write the descriptor's offset is where the bytes ended, O_APPEND or not.
    const off_t now = ::lseek(call.fd, 0, SEEK_CUR);
    if (now >= 0) return static_cast<uint64_t>(now) - written;
  }
  struct stat st {};
  if (::fstat(call.fd, &st) != 0) return static_cast<uint64_t>(info.st.st_size);
  return static_cast<uint64_t>(st.st_size) - written;
}

template <typename Real>
ssize_t InterposedWrite(const WriteCall& call, Real&& real_call) {
  const FdInfo info = ClassifyFd(call.fd);
  if (info.kind == FdKind::kOther) return real_call(call.iov, call.iovcnt);
  if (info.kind == FdKind::kOutput) {
    RecordLock lock;
    const ssize_t written = real_call(call.iov, call.iovcnt);
    ErrnoKeeper keep;
    if (written > 0) AppendOutputIovecs(call.iov, call.iovcnt, static_cast<size_t>(written));
    return written;
  }
  if (const int error = InjectedError(FaultPoint::kWrite)) {
    errno = error;
    return -1;
  }
  iovec shortened[IOV_MAX];
  const iovec* iov = call.iov;
  int iovcnt = call.iovcnt;
  if (const size_t limit = ShortWriteLimit()) {
    iovcnt = ShortenIovecs(call.iov, call.iovcnt, limit, shortened);
    iov = shortened;
  }
  RecordLock lock;
  const ssize_t written = real_call(iov, iovcnt);
  ErrnoKeeper keep;
  if (written > 0) {
    const auto bytes = static_cast<size_t>(written);
    AppendWriteIovecs(info.raw(), StartOffset(call, info, bytes), iov, iovcnt, bytes);
    AppendWriteSync(info.raw(), std::max(info.write_sync, call.flag_sync));
  }
  return written;
}

ssize_t Write(int fd, const void* buffer, size_t count) {
  ShimScope scope;
  if (!scope) return real::write(fd, buffer, count);
  return RecordedWrite(fd, buffer, count);
}

template <typename Real>
ssize_t Pwrite(int fd, const void* buffer, size_t count, off_t offset, Real&& real_pwrite) {
  ShimScope scope;
  if (!scope) return real_pwrite(fd, buffer, count, offset);
  const iovec one{const_cast<void*>(buffer), count};
  return InterposedWrite({fd, &one, 1, Placement::kAt, offset, false},
                         [&](const iovec* iov, int) {
                           return real_pwrite(fd, iov[0].iov_base, iov[0].iov_len, offset);
                         });
}

template <typename Real>
ssize_t Pwritev2(int fd, const iovec* iov, int iovcnt, off_t offset, int flags, Real&& real_call) {
  ShimScope scope;
  if (!scope) return real_call(fd, iov, iovcnt, offset, flags);
  Placement placement = offset == -1 ? Placement::kFileOffset : Placement::kAt;
  if ((flags & RWF_APPEND) != 0) placement = Placement::kAppend;
  return InterposedWrite({fd, iov, iovcnt, placement, offset, (flags & RWF_NOAPPEND) != 0,
                          FlagSync(flags)},
                         [&](const iovec* v, int c) { return real_call(fd, v, c, offset, flags); });
}

}  // namespace

ssize_t RecordedWrite(int fd, const void* data, size_t size) {
  const iovec one{const_cast<void*>(data), size};
  return InterposedWrite({fd, &one, 1, Placement::kFileOffset, 0, false},
                         [fd](const iovec* iov, int) {
                           return real::write(fd, iov[0].iov_base, iov[0].iov_len);
                         });
}

}  // namespace powercut::preload

using powercut::preload::Pwrite;
using powercut::preload::Pwritev2;
namespace real = powercut::preload::real;

POWERCUT_EXPORTS_BEGIN


ssize_t write(int fd, const void* buffer, size_t count) {
  return powercut::preload::Write(fd, buffer, count);
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset) {
  return Pwrite(fd, buffer, count, offset,
                [](int f, const void* b, size_t c, off_t o) { return real::pwrite(f, b, c, o); });
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off64_t offset) {
  return Pwrite(fd, buffer, count, offset,
                [](int f, const void* b, size_t c, off_t o) { return real::pwrite64(f, b, c, o); });
}

ssize_t writev(int fd, const iovec* iov, int iovcnt) {
  powercut::preload::ShimScope scope;
  if (!scope) return real::writev(fd, iov, iovcnt);
  using powercut::preload::Placement;
  return powercut::preload::InterposedWrite(
      {fd, iov, iovcnt, Placement::kFileOffset, 0, false},
      [fd](const iovec* v, int c) { return real::writev(fd, v, c); });
}

ssize_t pwritev(int fd, const iovec* iov, int iovcnt, off_t offset) {
  return Pwritev2(fd, iov, iovcnt, offset, 0,
                  [](int f, const iovec* v, int c, off_t o, int) { return real::pwritev(f, v, c, o); });
}

ssize_t pwritev64(int fd, const iovec* iov, int iovcnt, off64_t offset) {
  return Pwritev2(fd, iov, iovcnt, offset, 0, [](int f, const iovec* v, int c, off_t o, int) {
    return real::pwritev64(f, v, c, o);
  });
}

ssize_t pwritev2(int fd, const iovec* iov, int iovcnt, off_t offset, int flags) {
  return Pwritev2(fd, iov, iovcnt, offset, flags, [](int f, const iovec* v, int c, off_t o, int fl) {
    return real::pwritev2(f, v, c, o, fl);
  });
}

ssize_t pwritev64v2(int fd, const iovec* iov, int iovcnt, off64_t offset, int flags) {
  return Pwritev2(fd, iov, iovcnt, offset, flags, [](int f, const iovec* v, int c, off_t o, int fl) {
    return real::pwritev64v2(f, v, c, o, fl);
  });
}

POWERCUT_EXPORTS_END
