#include "faultfs/preload/write_recording.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/trace/trace_format.h"

namespace powercut::preload {
namespace {

std::string Gather(const iovec* iov, int iovcnt, size_t written) {
  std::string bytes;
  bytes.reserve(written);
  for (int i = 0; i < iovcnt && bytes.size() < written; ++i) {
    const size_t take = std::min(iov[i].iov_len, written - bytes.size());
    bytes.append(static_cast<const char*>(iov[i].iov_base), take);
  }
  return bytes;
}

bool PreadAll(int fd, uint64_t offset, size_t length, std::string& out) {
  out.resize(length);
  size_t filled = 0;
  while (filled < length) {
    const ssize_t n = ::pread(fd, out.data() + filled, length - filled,
                              static_cast<off_t>(offset + filled));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    filled += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

void AppendWriteIovecs(trace::InodeId raw, uint64_t offset, const iovec* iov, int iovcnt,
                       size_t written) {
  AppendEvent(trace::Event{.type = trace::EventType::kWrite, .inode = raw, .offset = offset,
                           .data = Gather(iov, iovcnt, written)});
}

void AppendOutputIovecs(const iovec* iov, int iovcnt, size_t written) {
  for (int i = 0; i < iovcnt && written > 0; ++i) {
    const size_t take = std::min(iov[i].iov_len, written);
    AppendOutput(std::string_view(static_cast<const char*>(iov[i].iov_base), take));
    written -= take;
  }
}

bool ReadBack(int fd, uint64_t offset, size_t length, std::string& out) {
  const int mode = real::fcntl(fd, F_GETFL);
  if (mode >= 0 && (mode & O_ACCMODE) != O_WRONLY) return PreadAll(fd, offset, length, out);
  char proc_path[40];
  (void)snprintf(proc_path, sizeof(proc_path), "/proc/self/fd/%d", fd);
  const int reader = real::open(proc_path, O_RDONLY | O_CLOEXEC);
  if (reader < 0) return false;
  const bool ok = PreadAll(reader, offset, length, out);
  real::close(reader);
  return ok;
}

void AppendWrittenRange(int fd, trace::InodeId raw, uint64_t offset, size_t length) {
  // In pieces of one record's data at most, so a large copy never needs all its bytes in memory.
  while (length > 0) {
    const size_t piece = std::min(length, trace::kMaxDataBytes);
    std::string bytes;
    if (!ReadBack(fd, offset, piece, bytes)) {
      WarningText text;
      text << "could not read back " << static_cast<uint64_t>(length)
           << " bytes written by a call whose data the shim does not see: not recorded";
      Warn(text.view());
      return;
    }
    AppendEvent(trace::Event{.type = trace::EventType::kWrite, .inode = raw, .offset = offset,
                             .data = std::move(bytes)});
    offset += piece;
    length -= piece;
  }
}

}  // namespace powercut::preload
