// Calls that change names in DIR besides rename (interpose_rename.cc): unlink/unlinkat/rmdir/
// remove, link/linkat, mkdir/mkdirat; and those that make what the trace cannot model (symlinks,
// FIFOs, devices), which are warnings.
//
// Each holds the record lock from the lstat that tells what the entry is until its record is
// appended, so the inode it names is the one the call acted on.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/namespace_events.h"
#include "faultfs/preload/path_resolve.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/tree_events.h"

namespace powercut::preload {
namespace {

using trace::Event;
using trace::EventType;

// unlink (remove_dir false), rmdir (true), or remove (nullopt: whatever the entry is).
template <typename Real>
int Remove(int dirfd, const char* path, int remove_dir, Real&& real_call) {
  EntryRef entry;
  if (!entry.Resolve(dirfd, path) || !entry.in_dir()) return real_call();
  struct stat st {};
  const bool exists = entry.Lstat(st);
  const bool dir = remove_dir < 0 ? exists && IsDir(st) : remove_dir == 1;
  if (const int error = InjectedError(dir ? FaultPoint::kRmdir : FaultPoint::kUnlink)) {
    errno = error;
    return -1;
  }
  RecordLock lock;
  const bool still = entry.Lstat(st);
  const int result = real_call();
  if (result != 0 || !still) return result;
  ErrnoKeeper keep;
  if (Modelled(st) && !IsRoot(st)) AppendRemoved(entry, st);
  return result;
}

// The file a link call names as its source: `old_path` relative to `old_dirfd`, following a
// symlink with AT_SYMLINK_FOLLOW, or `old_dirfd` itself with AT_EMPTY_PATH and "".
bool LinkSource(int old_dirfd, const char* old_path, int flags, struct stat& st, bool& in_dir) {
  if ((flags & AT_EMPTY_PATH) != 0 && old_path != nullptr && old_path[0] == '\0') {
    const FdInfo info = ClassifyFd(old_dirfd);
    st = info.st;
    in_dir = info.kind == FdKind::kInDir && st.st_nlink > 0;
    return S_ISREG(st.st_mode);
  }
  EntryRef source;
  if (!source.Resolve(old_dirfd, old_path)) return false;
  const bool follow = (flags & AT_SYMLINK_FOLLOW) != 0;
  if (::fstatat(old_dirfd, old_path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0) return false;
  // Through a symlink the file may live anywhere: record it as new to DIR, with its contents.
  struct stat entry {};
  const bool through_symlink = follow && source.Lstat(entry) && S_ISLNK(entry.st_mode);
  in_dir = source.in_dir() && !through_symlink;
  return true;
}

template <typename Real>
int Link(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path, int flags,
         Real&& real_call) {
  EntryRef to;
  if (!to.Resolve(new_dirfd, new_path) || !to.in_dir()) return real_call();
  if (const int error = InjectedError(FaultPoint::kLink)) {
    errno = error;
    return -1;
  }
  RecordLock lock;
  struct stat source {};
  bool source_in_dir = false;
  const bool known = LinkSource(old_dirfd, old_path, flags, source, source_in_dir);
  const int result = real_call();
  if (result != 0 || !known) return result;
  ErrnoKeeper keep;
  if (!S_ISREG(source.st_mode)) {
    WarnNotModelled(to, "a hard link to a symlink, FIFO, socket or device");
  } else if (source_in_dir) {
    AppendEvent(Event{.type = EventType::kLink, .inode = RawId(source), .dir2 = to.parent_raw(),
                      .name2 = std::string(to.name())});
  } else {
    AppendMovedIn(to);  // a new name in DIR for a file it did not hold: its contents appear
  }
  return result;
}

template <typename Real>
int Mkdir(int dirfd, const char* path, Real&& real_call) {
  EntryRef entry;
  if (!entry.Resolve(dirfd, path) || !entry.in_dir()) return real_call();
  if (const int error = InjectedError(FaultPoint::kMkdir)) {
    errno = error;
    return -1;
  }
  RecordLock lock;
  const int result = real_call();
  if (result != 0) return result;
  ErrnoKeeper keep;
  struct stat st {};
  if (entry.Lstat(st)) {
    AppendEvent(Event{.type = EventType::kMkdir, .inode = RawId(st), .dir = entry.parent_raw(),
                      .name = std::string(entry.name())});
  }
  return result;
}

// symlink, mknod, mkfifo: made, but not modelled.
template <typename Real>
int MakeUnmodelled(int dirfd, const char* path, std::string_view what, Real&& real_call) {
  EntryRef entry;
  if (!entry.Resolve(dirfd, path) || !entry.in_dir()) return real_call();
  const int result = real_call();
  if (result == 0) {
    ErrnoKeeper keep;
    WarnNotModelled(entry, what);
  }
  return result;
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;
using powercut::preload::ShimScope;

POWERCUT_EXPORTS_BEGIN


int unlink(const char* path) {
  ShimScope scope;
  if (!scope) return real::unlink(path);
  return powercut::preload::Remove(AT_FDCWD, path, 0, [&] { return real::unlink(path); });
}

int unlinkat(int dirfd, const char* path, int flags) {
  ShimScope scope;
  if (!scope) return real::unlinkat(dirfd, path, flags);
  return powercut::preload::Remove(dirfd, path, (flags & AT_REMOVEDIR) != 0 ? 1 : 0,
                                   [&] { return real::unlinkat(dirfd, path, flags); });
}

int rmdir(const char* path) {
  ShimScope scope;
  if (!scope) return real::rmdir(path);
  return powercut::preload::Remove(AT_FDCWD, path, 1, [&] { return real::rmdir(path); });
}

int remove(const char* path) {
  ShimScope scope;
  if (!scope) return real::remove(path);
  return powercut::preload::Remove(AT_FDCWD, path, -1, [&] { return real::remove(path); });
}

int link(const char* old_path, const char* new_path) {
  ShimScope scope;
  if (!scope) return real::link(old_path, new_path);
  return powercut::preload::Link(AT_FDCWD, old_path, AT_FDCWD, new_path, 0,
                                 [&] { return real::link(old_path, new_path); });
}

int linkat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path, int flags) {
  ShimScope scope;
  if (!scope) return real::linkat(old_dirfd, old_path, new_dirfd, new_path, flags);
  return powercut::preload::Link(old_dirfd, old_path, new_dirfd, new_path, flags, [&] {
    return real::linkat(old_dirfd, old_path, new_dirfd, new_path, flags);
  });
}

int mkdir(const char* path, mode_t mode) {
  ShimScope scope;
  if (!scope) return real::mkdir(path, mode);
  return powercut::preload::Mkdir(AT_FDCWD, path, [&] { return real::mkdir(path, mode); });
}

int mkdirat(int dirfd, const char* path, mode_t mode) {
  ShimScope scope;
  if (!scope) return real::mkdirat(dirfd, path, mode);
  return powercut::preload::Mkdir(dirfd, path, [&] { return real::mkdirat(dirfd, path, mode); });
}

int symlink(const char* target, const char* path) {
  ShimScope scope;
  if (!scope) return real::symlink(target, path);
  return powercut::preload::MakeUnmodelled(AT_FDCWD, path, "a symlink",
                                           [&] { return real::symlink(target, path); });
}

int symlinkat(const char* target, int dirfd, const char* path) {
  ShimScope scope;
  if (!scope) return real::symlinkat(target, dirfd, path);
  return powercut::preload::MakeUnmodelled(dirfd, path, "a symlink",
                                           [&] { return real::symlinkat(target, dirfd, path); });
}

int mknod(const char* path, mode_t mode, dev_t device) {
  ShimScope scope;
  if (!scope) return real::mknod(path, mode, device);
  return powercut::preload::MakeUnmodelled(AT_FDCWD, path, "a FIFO, socket or device",
                                           [&] { return real::mknod(path, mode, device); });
}

int mknodat(int dirfd, const char* path, mode_t mode, dev_t device) {
  ShimScope scope;
  if (!scope) return real::mknodat(dirfd, path, mode, device);
  return powercut::preload::MakeUnmodelled(dirfd, path, "a FIFO, socket or device", [&] {
    return real::mknodat(dirfd, path, mode, device);
  });
}

int mkfifo(const char* path, mode_t mode) {
  ShimScope scope;
  if (!scope) return real::mkfifo(path, mode);
  return powercut::preload::MakeUnmodelled(AT_FDCWD, path, "a FIFO",
                                           [&] { return real::mkfifo(path, mode); });
}

int mkfifoat(int dirfd, const char* path, mode_t mode) {
  ShimScope scope;
  if (!scope) return real::mkfifoat(dirfd, path, mode);
  return powercut::preload::MakeUnmodelled(dirfd, path, "a FIFO",
                                           [&] { return real::mkfifoat(dirfd, path, mode); });
}

POWERCUT_EXPORTS_END
