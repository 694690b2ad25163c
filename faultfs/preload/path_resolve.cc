#include "faultfs/preload/path_resolve.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {

EntryRef::~EntryRef() {
  if (owns_parent_fd_) real::close(parent_fd_);
}

bool EntryRef::Resolve(int dirfd, const char* path) {
  if (path == nullptr) return false;
  size_t length = std::strlen(path);
  while (length > 1 && path[length - 1] == '/') --length;  // "a/" names entry "a"
  if (length == 0 || length >= PATH_MAX) return false;
  size_t slash = length;
  while (slash > 0 && path[slash - 1] != '/') --slash;
  const size_t name_length = length - slash;
  if (name_length == 0 || name_length > NAME_MAX) return false;  // "/"
  std::memcpy(name_, path + slash, name_length);
  name_length_ = name_length;
  if (name() == "." || name() == "..") return false;

  if (slash == 0) {
    parent_fd_ = dirfd;  // the working directory (AT_FDCWD) or the directory given
  } else {
    char parent[PATH_MAX];
    const size_t parent_length = slash == 1 ? 1 : slash - 1;  // "/a" -> "/", "x/a" -> "x"
    std::memcpy(parent, path, parent_length);
    parent[parent_length] = '\0';
    parent_fd_ = real::openat(dirfd, parent, O_PATH | O_DIRECTORY | O_CLOEXEC);
    owns_parent_fd_ = true;
  }
  if (parent_fd_ < 0 && parent_fd_ != AT_FDCWD) {
    owns_parent_fd_ = false;
    return false;
  }
  struct stat st {};
  if (::fstatat(parent_fd_, "", &st, AT_EMPTY_PATH) != 0) return false;
  parent_raw_ = static_cast<trace::InodeId>(st.st_ino) + 1;
  const std::string_view resolved =
      parent_fd_ == AT_FDCWD ? PathOfCwd(parent_path_, sizeof(parent_path_))
                             : PathOfFd(parent_fd_, parent_path_, sizeof(parent_path_));
  parent_path_length_ = resolved.size();
  in_dir_ = st.st_dev == Shim().dir_dev && !resolved.empty() && PathInDir(resolved);
  return true;
}

void EntryRef::AppendShown(WarningText& text) const {
  const std::string_view parent = PathInDirShown(parent_path());
  if (!parent.empty()) text << parent << "/";
  text << name();
}

bool EntryRef::Lstat(struct stat& st) const {
  char name[NAME_MAX + 1];
  std::memcpy(name, name_, name_length_);
  name[name_length_] = '\0';
  return ::fstatat(parent_fd_, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

std::string_view EntryRef::FullPath(char* out, size_t capacity) const {
  const size_t needed = parent_path_length_ + 1 + name_length_ + 1;
  if (needed > capacity) return {};
  std::memcpy(out, parent_path_, parent_path_length_);
  size_t at = parent_path_length_;
  if (at == 0 || out[at - 1] != '/') out[at++] = '/';
  std::memcpy(out + at, name_, name_length_);
  at += name_length_;
  out[at] = '\0';
  return {out, at};
}

SplitPath SplitResolvedPath(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {{}, path};
  return {slash == 0 ? path.substr(0, 1) : path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace powercut::preload
