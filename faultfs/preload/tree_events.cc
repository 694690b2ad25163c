#include "faultfs/preload/tree_events.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

namespace powercut::preload {
namespace {

using trace::Event;
using trace::EventType;

class TreeWalker {
 public:
  TreeWalker(const TreeSink& sink, dev_t device) : sink_(sink), device_(device) {}

  Status Contents(const std::string& dir_path, trace::InodeId dir_raw, const std::string& shown) {
    POWERCUT_ASSIGN_OR_RETURN(std::vector<std::string> names, List(dir_path));
    for (const std::string& name : names) {
      std::string path = dir_path;
      path.append("/").append(name);
      std::string entry_shown = shown;
      if (!entry_shown.empty()) entry_shown += '/';
      entry_shown += name;
      POWERCUT_RETURN_IF_ERROR(Entry(path, dir_raw, name, entry_shown));
    }
    return Status::Ok();
  }

  Status Entry(const std::string& path, trace::InodeId parent_raw, const std::string& name,
               const std::string& shown) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return Status::IoError(path + ": lstat", errno);
    if (st.st_dev != device_) {
      sink_.warn(shown + ": on another file system, not recorded");
      return Status::Ok();
    }
    const trace::InodeId raw = RawId(st);
    if (S_ISDIR(st.st_mode)) {
      POWERCUT_RETURN_IF_ERROR(sink_.emit(
          Event{.type = EventType::kMkdir, .inode = raw, .dir = parent_raw, .name = name}));
      return Contents(path, raw, shown);
    }
    if (!S_ISREG(st.st_mode)) {
      sink_.warn(shown + ": " + KindName(st.st_mode) + " not modelled, not recorded");
      return Status::Ok();
    }
    if (!seen_files_.insert(st.st_ino).second) {
      return sink_.emit(Event{.type = EventType::kLink, .inode = raw, .dir2 = parent_raw, .name2 = name});
    }
    POWERCUT_RETURN_IF_ERROR(sink_.emit(
        Event{.type = EventType::kCreate, .inode = raw, .dir = parent_raw, .name = name}));
    return Contents(path, raw);
  }

 private:
  static std::string KindName(mode_t mode) {
    if (S_ISLNK(mode)) return "symlink";
    if (S_ISFIFO(mode)) return "FIFO";
    if (S_ISSOCK(mode)) return "socket";
    return "device";
  }

  static Result<std::vector<std::string>> List(const std::string& dir_path) {
    DIR* dir = ::opendir(dir_path.c_str());
    if (dir == nullptr) return Status::IoError(dir_path + ": opendir", errno);
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = ::readdir(dir)) {  // NOLINT(concurrency-mt-unsafe): own DIR*
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    const int error = errno;
    ::closedir(dir);
    if (error != 0) return Status::IoError(dir_path + ": readdir", error);
    std::sort(names.begin(), names.end());
    return names;
  }

  // The file's bytes as write events of at most chunk_bytes each.
  Status Contents(const std::string& path, trace::InodeId raw) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return Status::IoError(path + ": open", errno);
    Status status;
    std::string chunk(sink_.chunk_bytes, '\0');
    uint64_t offset = 0;
    while (status.ok()) {
      size_t filled = 0;
      while (filled < chunk.size()) {
        const ssize_t n = ::pread(fd, chunk.data() + filled, chunk.size() - filled,
                                  static_cast<off_t>(offset + filled));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) status = Status::IoError(path + ": read", errno);
        if (n <= 0) break;
        filled += static_cast<size_t>(n);
      }
      if (!status.ok() || filled == 0) break;
      status = sink_.emit(Event{.type = EventType::kWrite, .inode = raw, .offset = offset,
                                .data = chunk.substr(0, filled)});
      offset += filled;
      if (filled < chunk.size()) break;
    }
    ::close(fd);
    return status;
  }

  const TreeSink& sink_;
  dev_t device_;
  std::set<ino_t> seen_files_;
};

Result<dev_t> DeviceOf(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return Status::IoError(path + ": lstat", errno);
  return st.st_dev;
}

}  // namespace

Status EmitDirectoryContents(const std::string& dir_path, trace::InodeId dir_raw,
                             const std::string& shown_as, const TreeSink& sink) {
  POWERCUT_ASSIGN_OR_RETURN(const dev_t device, DeviceOf(dir_path));
  TreeWalker walker(sink, device);
  return walker.Contents(dir_path, dir_raw, shown_as);
}

Status EmitEntry(const std::string& path, trace::InodeId parent_raw, const std::string& name,
                 const std::string& shown_as, const TreeSink& sink) {
  POWERCUT_ASSIGN_OR_RETURN(const dev_t device, DeviceOf(path));
  TreeWalker walker(sink, device);
  return walker.Entry(path, parent_raw, name, shown_as);
}

}  // namespace powercut::preload
