// What a descriptor refers to, as far as recording goes: the output pipe, a file or directory
// inside DIR, or anything else (passed through). One fstat per call; whether a file on DIR's
// file system is inside DIR is decided from its path in /proc/self/fd and cached per descriptor
// until the file behind it changes, or a rename moves something across DIR's boundary
// (SharedRegion::namespace_generation). The kernel names a file by the path it was opened
// through: a file open outside DIR that gains a hard link inside stays outside for that
// descriptor.
//
// Allocation-free and lock-free: safe in a signal handler and a vfork child.
#ifndef POWERCUT_FAULTFS_PRELOAD_FD_CLASS_H_
#define POWERCUT_FAULTFS_PRELOAD_FD_CLASS_H_

#include <sys/stat.h>

#include <cstddef>
#include <string_view>

#include "faultfs/trace/event.h"

namespace powercut::preload {

enum class FdKind : unsigned char { kOther, kOutput, kInDir };

// What every write through a descriptor makes durable before it returns (open(2)): with O_DSYNC
// the data and the size, as fdatasync would; with O_SYNC everything fsync would. Linux does not
// let F_SETFL change either, so it is fixed when the file is opened.
enum class WriteSync : unsigned char { kNone, kData, kFile };

struct FdInfo {
  FdKind kind = FdKind::kOther;
  bool append = false;  // kInDir: the open file description has O_APPEND
  WriteSync write_sync = WriteSync::kNone;  // kInDir: O_DSYNC or O_SYNC
  struct stat st {};
  trace::InodeId raw() const { return static_cast<trace::InodeId>(st.st_ino) + 1; }
};

FdInfo ClassifyFd(int fd);

// The descriptors in [first, last] were closed, replaced or opened anew.
void ForgetFds(unsigned first, unsigned last);
// Every cached verdict is stale (in every process): a rename moved something across DIR's
// boundary, or a descriptor's O_APPEND flag changed (F_SETFL; dup'd descriptors share it).
void InvalidateFdCache();

// `path` (absolute, resolved) names DIR or something below it.
bool PathInDir(std::string_view path);
// `path` relative to DIR ("" for DIR itself), for messages. REQUIRES: PathInDir(path).
std::string_view PathInDirShown(std::string_view path);

// The resolved path of `fd` from /proc/self/fd, without Linux's " (deleted)" suffix, in `out`.
// Empty when it cannot be read.
std::string_view PathOfFd(int fd, char* out, size_t capacity);
// The working directory's resolved path, likewise.
std::string_view PathOfCwd(char* out, size_t capacity);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_FD_CLASS_H_
