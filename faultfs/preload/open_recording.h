// Opens that change DIR: a create (O_CREAT that made a file) and a truncate to zero (O_TRUNC on
// an existing file, with write access). Shared by open/openat/creat (all names), fopen/freopen
// and the mkstemp family.
//
// Such an open holds the record lock from before it looks whether the file exists until its
// record is appended, so "it did not exist, so this open created it" cannot be falsified by
// another process. An existing FIFO or device is opened without the lock (opening a FIFO blocks
// until its other end opens, which may need the lock).
#ifndef POWERCUT_FAULTFS_PRELOAD_OPEN_RECORDING_H_
#define POWERCUT_FAULTFS_PRELOAD_OPEN_RECORDING_H_

#include <errno.h>
#include <fcntl.h>

#include "faultfs/preload/path_resolve.h"

namespace powercut::preload {

// `open_call()` performs the real open and returns its descriptor, or -1 with errno set.
template <typename OpenCall>
int RecordedOpen(int dirfd, const char* path, int flags, OpenCall&& open_call);

// For calls that always create a new file or directory in the directory `path` names the
// entry of (mkstemp: a file; mkdtemp: a directory).
enum class Made { kFile, kDirectory };
// `make_call()` performs the real call and returns the new file's descriptor (kFile) or 0 (kDirectory), -1 on failure.
template <typename MakeCall>
int RecordedMake(const char* path, Made made, MakeCall&& make_call);

// ---- Implementation details used by the templates ----
struct OpenPlan {
  bool watch = false;        // the open may create or truncate something in DIR
  bool locked = false;       // the record lock is held
  bool existed = false;      // the path named a file before the call
  bool truncates = false;
  int error = 0;             // injected errno
};
bool OpensWithoutChange(int flags);
// Decides and, when it returns watch, takes the record lock.
OpenPlan BeginOpen(int dirfd, const char* path, int flags, EntryRef& entry);
// Records what the open did (fd >= 0) and releases the lock.
void FinishOpen(const OpenPlan& plan, const EntryRef& entry, int fd);
// Opens without create or truncate: the open point may fail it after the fact.
int CheckPlainOpen(int fd);
// A descriptor the workload just got: nothing cached about its number holds any more.
int Opened(int fd);
void WarnTmpfile(int fd);
bool BeginMake(const char* path, EntryRef& entry);
void FinishMake(const EntryRef& entry, Made made, int result, const char* made_path);

template <typename OpenCall>
int RecordedOpen(int dirfd, const char* path, int flags, OpenCall&& open_call) {
  if ((flags & O_TMPFILE) == O_TMPFILE) {
    const int fd = Opened(open_call());
    if (fd >= 0) WarnTmpfile(fd);
    return fd;
  }
  if (OpensWithoutChange(flags)) return CheckPlainOpen(Opened(open_call()));
  EntryRef entry;
  const OpenPlan plan = BeginOpen(dirfd, path, flags, entry);
  if (!plan.watch) return Opened(open_call());
  if (plan.error != 0) {
    FinishOpen(plan, entry, -1);
    errno = plan.error;
    return -1;
  }
  const int fd = Opened(open_call());
  const int error = errno;
  FinishOpen(plan, entry, fd);
  errno = error;
  return fd;
}

template <typename MakeCall>
int RecordedMake(const char* path, Made made, MakeCall&& make_call) {
  EntryRef entry;
  if (!BeginMake(path, entry)) return make_call();
  const int result = made == Made::kFile ? Opened(make_call()) : make_call();
  const int error = errno;
  FinishMake(entry, made, result, path);
  errno = error;
  return result;
}

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_OPEN_RECORDING_H_
