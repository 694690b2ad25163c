#include "faultfs/sim/sim_file_system.h"

#include <cerrno>
#include <cstring>
#include <set>

namespace powercut {

using trace::Event;
using trace::EventType;

// A handle on one inode: renames and unlinks of its name do not affect it, as with a real fd.
class SimFile final : public File {
 public:
  SimFile(SimFileSystem& fs, InodeId inode, std::string path)
      : fs_(fs), inode_(inode), path_(std::move(path)) {}

  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    std::lock_guard lock(fs_.mu_);
    POWERCUT_RETURN_IF_ERROR(CheckOpen("pread"));
    const FsImage::Node* node = fs_.image_.Find(inode_);
    if (node == nullptr || offset >= node->size) return size_t{0};
    const size_t n = static_cast<size_t>(std::min<uint64_t>(out.size(), node->size - offset));
    // Bytes written within the size are copied; the rest (never written) reads as zeros.
    const size_t written =
        offset < node->bytes.size()
            ? static_cast<size_t>(std::min<uint64_t>(n, node->bytes.size() - offset))
            : 0;
    if (written > 0) std::memcpy(out.data(), node->bytes.data() + offset, written);
    // An empty `out` may have a null data(), which memset must not get even for 0 bytes.
    if (n > written) std::memset(out.data() + written, 0, n - written);
    return n;
  }

  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    std::lock_guard lock(fs_.mu_);
    POWERCUT_RETURN_IF_ERROR(CheckOpen("pwrite"));
    if (data.empty()) return Status::Ok();
    const std::string_view bytes(reinterpret_cast<const char*>(data.data()), data.size());
    fs_.image_.Write(inode_, offset, bytes);
    fs_.image_.ExtendSize(inode_, offset + data.size());
    if (fs_.recording_) {  // the bytes are copied into the trace only when there is one
      Event event{.type = EventType::kWrite, .inode = inode_, .offset = offset};
      event.data = bytes;
      fs_.Record(std::move(event));
    }
    return Status::Ok();
  }

  Status Truncate(uint64_t size_bytes) override {
    std::lock_guard lock(fs_.mu_);
    POWERCUT_RETURN_IF_ERROR(CheckOpen("ftruncate"));
    fs_.image_.Truncate(inode_, size_bytes);
    fs_.Record(Event{.type = EventType::kTruncate, .inode = inode_, .length = size_bytes});
    return Status::Ok();
  }

  Status Sync() override { return SyncAs(EventType::kFsync); }
  Status DataSync() override { return SyncAs(EventType::kFdatasync); }

  Result<uint64_t> Size() override {
    std::lock_guard lock(fs_.mu_);
    POWERCUT_RETURN_IF_ERROR(CheckOpen("fstat"));
    const FsImage::Node* node = fs_.image_.Find(inode_);
    return node == nullptr ? 0 : node->size;
  }

  Status Close() override {
    std::lock_guard lock(fs_.mu_);
    closed_ = true;
    return Status::Ok();
  }

  const std::string& path() const override { return path_; }

 private:
  Status SyncAs(EventType type) {
    {
      std::lock_guard lock(fs_.mu_);
      POWERCUT_RETURN_IF_ERROR(CheckOpen(type == EventType::kFsync ? "fsync" : "fdatasync"));
    }
    return fs_.SyncFile(inode_, path_, type);
  }

  Status CheckOpen(const char* call) const {  // REQUIRES: fs_.mu_ held
    if (!closed_) return Status::Ok();
    return Status::FailedPrecondition(path_ + ": " + call + " on a closed file");
  }

  SimFileSystem& fs_;
  const InodeId inode_;
  const std::string path_;
  bool closed_ = false;
};

namespace {

// string_view::rfind('/') through glibc's vectorised memrchr: a path lookup does this on every
// open, which made the byte loop of rfind a visible cost of checking a crash state.
size_t LastSlash(std::string_view path) {
  const void* slash = path.empty() ? nullptr : ::memrchr(path.data(), '/', path.size());
  return slash == nullptr ? std::string_view::npos
                          : static_cast<size_t>(static_cast<const char*>(slash) - path.data());
}

// The events that build `image` from an empty root: the trace's initial state.
std::vector<Event> EventsBuilding(const FsImage& image) {
  std::vector<Event> events;
  std::set<InodeId> seen;
  image.VisitTree([&](const FsImage::Entry& e) {
    if (!seen.insert(e.inode).second) {
      events.push_back(Event{.type = EventType::kLink, .inode = e.inode, .dir2 = e.dir,
                             .name2 = e.name});
      return;
    }
    if (e.node.is_dir) {
      events.push_back(Event{.type = EventType::kMkdir, .inode = e.inode, .dir = e.dir,
                             .name = e.name});
      return;
    }
    events.push_back(Event{.type = EventType::kCreate, .inode = e.inode, .dir = e.dir,
                           .name = e.name});
    Event write{.type = EventType::kWrite, .inode = e.inode, .offset = 0};
    write.data = image.Contents(e.inode);
    if (!write.data.empty()) events.push_back(std::move(write));
  });
  return events;
}

}  // namespace

SimFileSystem::SimFileSystem(FsImage initial, Recording recording)
    : image_(std::move(initial)),
      next_inode_(std::max(image_.max_inode(), trace::kRootInode) + 1),
      recording_(recording == Recording::kOn) {
  if (!recording_) return;
  trace_.events = EventsBuilding(image_);
  trace_.first_crash_point = trace_.events.size();
}

void SimFileSystem::Record(Event event) {
  if (recording_) trace_.events.push_back(std::move(event));
}

void SimFileSystem::Line(std::string_view line) {
  std::lock_guard lock(mu_);
  Record(Event{.type = EventType::kOutput, .data = std::string(line)});
}

void SimFileSystem::FailSyncs(std::function<bool(const std::string& path)> matches, int count) {
  std::lock_guard lock(mu_);
  fail_sync_matches_ = std::move(matches);
  fail_sync_count_ = count;
}

trace::Trace SimFileSystem::TakeTrace() {
  std::lock_guard lock(mu_);
  trace::Trace taken = std::move(trace_);
  trace_ = trace::Trace{};
  return taken;
}

trace::Trace SimFileSystem::trace() const {
  std::lock_guard lock(mu_);
  return trace_;
}

FsImage SimFileSystem::image() const {
  std::lock_guard lock(mu_);
  return image_;
}

// ParentDir() and the last component, as views into `path` (no allocation on this hot path).
Result<SimFileSystem::Parent> SimFileSystem::ResolveParent(std::string_view path) const {
  std::string_view trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  const size_t name_slash = LastSlash(path);
  const size_t parent_slash = trimmed.size() == path.size() ? name_slash : LastSlash(trimmed);
  const std::string_view parent = parent_slash == std::string_view::npos ? std::string_view(".")
                                  : parent_slash == 0 ? std::string_view("/")
                                                      : trimmed.substr(0, parent_slash);
  const std::string_view name =
      path.substr(name_slash == std::string_view::npos ? 0 : name_slash + 1);
  const std::optional<InodeId> dir =
      parent == "/" || parent == "." ? trace::kRootInode : image_.Resolve(parent);
  if (!dir) return Status::IoError(std::string(path), ENOENT);
  const FsImage::Node* node = image_.Find(*dir);
  if (node == nullptr || !node->is_dir) return Status::IoError(std::string(path), ENOTDIR);
  if (name.empty() || name == "." || name == "..") return Status::IoError(std::string(path), EINVAL);
  return Parent{*dir, name};
}

Result<InodeId> SimFileSystem::ResolveExisting(const std::string& path) const {
  const std::optional<InodeId> inode = image_.Resolve(path);
  if (!inode) return Status::IoError(path, ENOENT);
  return *inode;
}

Result<std::unique_ptr<File>> SimFileSystem::Open(const std::string& path, OpenMode mode) {
  std::lock_guard lock(mu_);
  POWERCUT_ASSIGN_OR_RETURN(const Parent parent, ResolveParent(path));
  std::optional<InodeId> inode = image_.Lookup(parent.dir, parent.name);
  const bool create = mode == OpenMode::kCreate || mode == OpenMode::kCreateExclusive ||
                      mode == OpenMode::kCreateTruncate;
  if (inode && image_.Find(*inode)->is_dir) return Status::IoError(path + ": open", EISDIR);
  if (inode && mode == OpenMode::kCreateExclusive) return Status::IoError(path + ": open", EEXIST);
  if (!inode && !create) return Status::IoError(path + ": open", ENOENT);
  if (!inode) {
    inode = next_inode_++;
    image_.CreateFile(parent.dir, parent.name, *inode);
    Record(Event{.type = EventType::kCreate, .inode = *inode, .dir = parent.dir,
                 .name = std::string(parent.name)});
  } else if (mode == OpenMode::kCreateTruncate && image_.Find(*inode)->size > 0) {
    image_.Truncate(*inode, 0);
    Record(Event{.type = EventType::kTruncate, .inode = *inode, .length = 0});
  }
  return std::unique_ptr<File>(std::make_unique<SimFile>(*this, *inode, path));
}

Status SimFileSystem::Rename(const std::string& source_path, const std::string& target_path) {
  std::lock_guard lock(mu_);
  POWERCUT_ASSIGN_OR_RETURN(const Parent from, ResolveParent(source_path));
  POWERCUT_ASSIGN_OR_RETURN(const Parent to, ResolveParent(target_path));
  const std::optional<InodeId> inode = image_.Lookup(from.dir, from.name);
  if (!inode) return Status::IoError(source_path + ": rename", ENOENT);
  if (const std::optional<InodeId> target = image_.Lookup(to.dir, to.name)) {
    if (*target == *inode) return Status::Ok();  // POSIX: same file, nothing happens
    const bool source_dir = image_.Find(*inode)->is_dir;
    const FsImage::Node* target_node = image_.Find(*target);
    if (target_node->is_dir != source_dir) {
      return Status::IoError(target_path + ": rename", source_dir ? ENOTDIR : EISDIR);
    }
    if (target_node->is_dir && !target_node->entries.empty()) {
      return Status::IoError(target_path + ": rename", ENOTEMPTY);
    }
  }
  image_.Rename(from.dir, from.name, to.dir, to.name, *inode, image_.Find(*inode)->is_dir);
  Record(Event{.type = EventType::kRename, .inode = *inode, .dir = from.dir, .dir2 = to.dir,
               .name = std::string(from.name), .name2 = std::string(to.name)});
  return Status::Ok();
}

Status SimFileSystem::Unlink(const std::string& path) {
  std::lock_guard lock(mu_);
  POWERCUT_ASSIGN_OR_RETURN(const Parent parent, ResolveParent(path));
  const std::optional<InodeId> inode = image_.Lookup(parent.dir, parent.name);
  if (!inode) return Status::IoError(path + ": unlink", ENOENT);
  if (image_.Find(*inode)->is_dir) return Status::IoError(path + ": unlink", EISDIR);
  image_.Unlink(parent.dir, parent.name, *inode);
  Record(Event{.type = EventType::kUnlink, .inode = *inode, .dir = parent.dir,
               .name = std::string(parent.name)});
  return Status::Ok();
}

Status SimFileSystem::CreateDir(const std::string& path) {
  std::lock_guard lock(mu_);
  POWERCUT_ASSIGN_OR_RETURN(const Parent parent, ResolveParent(path));
  if (image_.Lookup(parent.dir, parent.name)) return Status::IoError(path + ": mkdir", EEXIST);
  const InodeId inode = next_inode_++;
  image_.MakeDir(parent.dir, parent.name, inode);
  Record(Event{.type = EventType::kMkdir, .inode = inode, .dir = parent.dir,
               .name = std::string(parent.name)});
  return Status::Ok();
}

Status SimFileSystem::SyncDir(const std::string& path) {
  InodeId inode;
  {
    std::lock_guard lock(mu_);
    POWERCUT_ASSIGN_OR_RETURN(inode, ResolveExisting(path));
    if (!image_.Find(inode)->is_dir) return Status::IoError(path + ": open directory", ENOTDIR);
  }
  return SyncFile(inode, path, EventType::kFsync);
}

Status SimFileSystem::SyncFile(InodeId inode, const std::string& path, EventType type) {
  std::lock_guard lock(mu_);
  if (fail_sync_count_ > 0 && fail_sync_matches_ && fail_sync_matches_(path)) {
    --fail_sync_count_;
    Record(Event{.type = EventType::kSyncFailed, .inode = inode});
    return Status::IoError(path + (type == EventType::kFsync ? ": fsync" : ": fdatasync"), EIO);
  }
  Record(Event{.type = type, .inode = inode});
  return Status::Ok();
}

Result<std::vector<std::string>> SimFileSystem::List(const std::string& path) {
  std::lock_guard lock(mu_);
  POWERCUT_ASSIGN_OR_RETURN(const InodeId inode, ResolveExisting(path));
  const FsImage::Node* node = image_.Find(inode);
  if (!node->is_dir) return Status::IoError(path + ": opendir", ENOTDIR);
  std::vector<std::string> names;
  names.reserve(node->entries.size());
  for (const auto& [name, child] : node->entries) names.push_back(name);
  return names;
}

}  // namespace powercut
