#include "faultfs/preload/open_recording.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

void Lock() { LockRecord(*Shim().region); }
void Unlock() { UnlockRecord(*Shim().region); }

// The raw id of the directory at resolved path `parent`: the entry's parent when it is the same
// directory (the common case), else looked up.
trace::InodeId ParentRaw(std::string_view parent, const EntryRef& entry) {
  if (parent == entry.parent_path()) return entry.parent_raw();
  char path[PATH_MAX];
  if (parent.size() >= sizeof(path)) return trace::kNoInode;
  parent.copy(path, parent.size());
  path[parent.size()] = '\0';
  struct stat st {};
  if (::stat(path, &st) != 0) return trace::kNoInode;
  return static_cast<trace::InodeId>(st.st_ino) + 1;
}

// A `create` of the file open as `fd`, named where the kernel actually made it (a symlink in the
// path may have pointed elsewhere). REQUIRES: the record lock.
void AppendCreate(int fd, const EntryRef& entry, trace::EventType type) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return;
  char buffer[PATH_MAX];
  const std::string_view path = PathOfFd(fd, buffer, sizeof(buffer));
  if (path.empty() || !PathInDir(path) || path.size() == Shim().dir_length) return;
  const SplitPath split = SplitResolvedPath(path);
  const trace::InodeId parent = ParentRaw(split.parent, entry);
  if (parent == trace::kNoInode) return;
  AppendEvent(trace::Event{.type = type, .inode = static_cast<trace::InodeId>(st.st_ino) + 1,
                           .dir = parent, .name = std::string(split.name)});
}

}  // namespace

bool OpensWithoutChange(int flags) {
  const bool truncates = (flags & O_TRUNC) != 0 && (flags & O_ACCMODE) != O_RDONLY;
  return (flags & O_CREAT) == 0 && !truncates;
}

OpenPlan BeginOpen(int dirfd, const char* path, int flags, EntryRef& entry) {
  OpenPlan plan;
  if (!entry.Resolve(dirfd, path)) return plan;
  struct stat st {};
  const bool exists = entry.Lstat(st);
  // Outside DIR, only a symlink can lead the open into DIR.
  if (!entry.in_dir() && !(exists && S_ISLNK(st.st_mode))) return plan;
  if (exists && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) return plan;  // FIFO, dir, device
  plan.watch = true;
  plan.truncates = (flags & O_TRUNC) != 0 && (flags & O_ACCMODE) != O_RDONLY;
  if (entry.in_dir()) plan.error = InjectedError(FaultPoint::kOpen);
  Lock();
  plan.locked = true;
  // Following symlinks, as the open will.
  plan.existed = ::fstatat(dirfd, path, &st, 0) == 0;
  if (plan.existed && !S_ISREG(st.st_mode)) {
    Unlock();
    plan.locked = false;
    plan.watch = false;
  }
  return plan;
}

void FinishOpen(const OpenPlan& plan, const EntryRef& entry, int fd) {
  if (!plan.locked) return;
  if (fd >= 0) {
    ErrnoKeeper keep;
    if (!plan.existed) {
      AppendCreate(fd, entry, trace::EventType::kCreate);
    } else if (plan.truncates) {
      const FdInfo info = ClassifyFd(fd);
      if (info.kind == FdKind::kInDir) {
        AppendEvent(trace::Event{.type = trace::EventType::kTruncate, .inode = info.raw()});
      }
    }
  }
  Unlock();
}

int Opened(int fd) {
  if (fd >= 0) ForgetFds(static_cast<unsigned>(fd), static_cast<unsigned>(fd));
  return fd;
}

int CheckPlainOpen(int fd) {
  if (fd < 0 || !Shim().faults) return fd;
  ErrnoKeeper keep;
  if (ClassifyFd(fd).kind != FdKind::kInDir) return fd;
  if (const int error = InjectedError(FaultPoint::kOpen)) {
    real::close(fd);
    keep.Set(error);
    return -1;
  }
  return fd;
}

void WarnTmpfile(int fd) {
  ErrnoKeeper keep;
  if (ClassifyFd(fd).kind == FdKind::kInDir) {
    Warn("an O_TMPFILE file was made in DIR: an unnamed file is not modelled; a name linked to "
         "it later is recorded with the contents it has then");
  }
}

bool BeginMake(const char* path, EntryRef& entry) {
  if (!entry.Resolve(AT_FDCWD, path) || !entry.in_dir()) return false;
  Lock();
  return true;
}

void FinishMake(const EntryRef& entry, Made made, int result, const char* made_path) {
  if (result >= 0) {
    ErrnoKeeper keep;
    if (made == Made::kFile) {
      AppendCreate(result, entry, trace::EventType::kCreate);
    } else {
      const SplitPath split = SplitResolvedPath(made_path);
      std::string name(split.name);
      struct stat st {};
      if (::fstatat(entry.parent_fd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        AppendEvent(trace::Event{.type = trace::EventType::kMkdir,
                                 .inode = static_cast<trace::InodeId>(st.st_ino) + 1,
                                 .dir = entry.parent_raw(), .name = std::move(name)});
      }
    }
  }
  Unlock();
}

}  // namespace powercut::preload
