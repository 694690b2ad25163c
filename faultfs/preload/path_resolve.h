// Where a path handed to a namespace call (open with O_CREAT, mkdir, rename, unlink, link, ...)
// puts its last component: the directory that holds the entry, resolved by the kernel
// (symlinks, "..", relative to a dirfd), and whether that directory is DIR or below it.
//
// The last component itself is not resolved: rename, unlink, mkdir and link act on the entry,
// not on what a symlink there points to (open follows it; interpose_open.cc handles that).
// Allocation-free.
#ifndef POWERCUT_FAULTFS_PRELOAD_PATH_RESOLVE_H_
#define POWERCUT_FAULTFS_PRELOAD_PATH_RESOLVE_H_

#include <limits.h>
#include <sys/stat.h>

#include <string_view>

#include "faultfs/trace/event.h"

namespace powercut::preload {

class EntryRef {
 public:
  EntryRef() = default;
  ~EntryRef();
  EntryRef(const EntryRef&) = delete;
  EntryRef& operator=(const EntryRef&) = delete;

  // False when the path has no parent directory the shim can open (the real call will fail),
  // or its last component is not a name ("/", ".", "..").
  bool Resolve(int dirfd, const char* path);

  bool in_dir() const { return in_dir_; }
  trace::InodeId parent_raw() const { return parent_raw_; }
  int parent_fd() const { return parent_fd_; }  // O_PATH, or AT_FDCWD: for the *at calls
  std::string_view name() const { return {name_, name_length_}; }
  std::string_view parent_path() const { return {parent_path_, parent_path_length_}; }
  // The entry's path relative to DIR, for messages. REQUIRES: in_dir().
  void AppendShown(class WarningText& text) const;
  // lstat of the entry now; false when it does not exist.
  bool Lstat(struct stat& st) const;
  // Its full resolved path in `out` (parent path + '/' + name).
  std::string_view FullPath(char* out, size_t capacity) const;

 private:
  bool in_dir_ = false;
  int parent_fd_ = -1;
  bool owns_parent_fd_ = false;
  trace::InodeId parent_raw_ = trace::kNoInode;
  char name_[NAME_MAX + 1];
  size_t name_length_ = 0;
  char parent_path_[PATH_MAX];
  size_t parent_path_length_ = 0;
};

// The resolved directory and name of `path`, given as the path of an existing file (for a file
// the kernel created where a symlink pointed): splits at the last '/'.
struct SplitPath {
  std::string_view parent;
  std::string_view name;
};
SplitPath SplitResolvedPath(std::string_view path);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_PATH_RESOLVE_H_
