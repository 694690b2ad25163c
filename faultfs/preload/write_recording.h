// Turning bytes that reached a file in DIR, or the output pipe, into records. Shared by the write
// family, the copy calls (copy_file_range, sendfile, splice) and stdio.
#ifndef POWERCUT_FAULTFS_PRELOAD_WRITE_RECORDING_H_
#define POWERCUT_FAULTFS_PRELOAD_WRITE_RECORDING_H_

#include <sys/types.h>
#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "faultfs/trace/event.h"

namespace powercut::preload {

// A `write` event of the first `written` bytes of `iov` at `offset` of file `raw`.
// REQUIRES: the record lock.
void AppendWriteIovecs(trace::InodeId raw, uint64_t offset, const iovec* iov, int iovcnt,
                       size_t written);
// The first `written` bytes of `iov` as output. REQUIRES: the record lock.
void AppendOutputIovecs(const iovec* iov, int iovcnt, size_t written);

// write(2) with recording, for the shim's own callers (dprintf). REQUIRES: inside a ShimScope.
ssize_t RecordedWrite(int fd, const void* data, size_t size);

// Reads `length` bytes at `offset` of the file behind `fd` into `out` (through /proc/self/fd
// when `fd` is write-only). False when they cannot be read whole.
bool ReadBack(int fd, uint64_t offset, size_t length, std::string& out);

// Records the `length` bytes the kernel just put at `offset` of file `raw` (open as `fd`) by
// some call whose data the shim did not see (copy_file_range, stdio), reading them back.
// REQUIRES: the record lock, so no other recorded write changed them since.
void AppendWrittenRange(int fd, trace::InodeId raw, uint64_t offset, size_t length);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_WRITE_RECORDING_H_
