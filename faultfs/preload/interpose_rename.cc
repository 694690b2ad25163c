// rename, renameat, renameat2. Holds the record lock from the lstat of both entries until the
// records are appended, so the inodes named are the ones the call moved. A move across DIR's
// boundary becomes what it looks like from inside: a file or tree moved in is created with its
// contents, one moved out is unlinked (RECORDING.md).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/namespace_events.h"
#include "faultfs/preload/path_resolve.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

namespace powercut::preload {
namespace {

template <typename Real>
int Rename(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path,
           unsigned flags, Real&& real_call) {
  EntryRef from;
  EntryRef to;
  if (!from.Resolve(old_dirfd, old_path) || !to.Resolve(new_dirfd, new_path) ||
      (!from.in_dir() && !to.in_dir())) {
    return real_call();
  }
  if (const int error = InjectedError(FaultPoint::kRename)) {
    errno = error;
    return -1;
  }
  RecordLock lock;
  struct stat source {};
  struct stat target {};
  const bool have_source = from.Lstat(source);
  const bool had_target = to.Lstat(target);
  const int result = real_call();
  if (result != 0 || !have_source) return result;
  ErrnoKeeper keep;
  // What is inside DIR changed: descriptors' cached verdicts are stale. (Within DIR, or an
  // unlink, no file moves across the boundary: /proc names an unlinked file by its last path.)
  if (from.in_dir() != to.in_dir()) InvalidateFdCache();
  const bool exchange = (flags & RENAME_EXCHANGE) != 0;
  if (had_target && target.st_ino == source.st_ino && target.st_dev == source.st_dev) {
    return result;  // two names of one file: rename does nothing
  }
  if (IsRoot(source)) {
    Warn("DIR itself was renamed: nothing after that is recorded");
    return result;
  }
  if (!Modelled(source)) {
    if (to.in_dir()) WarnNotModelled(to, "a symlink, FIFO, socket or device moved to");
    return result;
  }
  if (from.in_dir() && to.in_dir()) {
    AppendRenamed(from, to, source);
    if (exchange && had_target) {
      AppendRenamed(to, from, target);
      Warn("renameat2(RENAME_EXCHANGE) is recorded as two renames: not atomic in the trace");
    }
  } else if (to.in_dir()) {
    AppendMovedIn(to);  // replaces what `to` held, the exchanged file too
  } else if (exchange && had_target) {
    AppendMovedIn(from);  // the file from outside replaces the one that left
  } else {
    AppendRemoved(from, source);
  }
  return result;
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;
using powercut::preload::ShimScope;

POWERCUT_EXPORTS_BEGIN

int rename(const char* old_path, const char* new_path) {
  ShimScope scope;
  if (!scope) return real::rename(old_path, new_path);
  return powercut::preload::Rename(AT_FDCWD, old_path, AT_FDCWD, new_path, 0,
                                   [&] { return real::rename(old_path, new_path); });
}

int renameat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path) {
  ShimScope scope;
  if (!scope) return real::renameat(old_dirfd, old_path, new_dirfd, new_path);
  return powercut::preload::Rename(old_dirfd, old_path, new_dirfd, new_path, 0, [&] {
    return real::renameat(old_dirfd, old_path, new_dirfd, new_path);
  });
}

int renameat2(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path,
              unsigned flags) {
  ShimScope scope;
  if (!scope) return real::renameat2(old_dirfd, old_path, new_dirfd, new_path, flags);
  return powercut::preload::Rename(old_dirfd, old_path, new_dirfd, new_path, flags, [&] {
    return real::renameat2(old_dirfd, old_path, new_dirfd, new_path, flags);
  });
}

POWERCUT_EXPORTS_END
