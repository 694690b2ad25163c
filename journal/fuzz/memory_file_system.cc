#include "journal/fuzz/memory_file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace powercut::journal::fuzz {
namespace {

Status ReadOnly(const std::string& path, const char* call) {
  return Status::IoError(path + ": " + call, EROFS);
}

class MemoryFile final : public File {
 public:
  MemoryFile(std::string path, std::shared_ptr<const Bytes> bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)) {}

  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    if (closed_) return Status::FailedPrecondition(path_ + ": read after close");
    if (offset >= bytes_->size()) return size_t{0};
    const size_t n = std::min(out.size(), bytes_->size() - static_cast<size_t>(offset));
    std::copy_n(bytes_->begin() + static_cast<std::ptrdiff_t>(offset), n, out.begin());
    return n;
  }
  Status WriteAt(uint64_t, std::span<const std::byte>) override { return ReadOnly(path_, "write"); }
  Status Truncate(uint64_t) override { return ReadOnly(path_, "ftruncate"); }
  Status Sync() override { return ReadOnly(path_, "fsync"); }
  Status DataSync() override { return ReadOnly(path_, "fdatasync"); }
  Result<uint64_t> Size() override {
    if (closed_) return Status::FailedPrecondition(path_ + ": size after close");
    return static_cast<uint64_t>(bytes_->size());
  }
  Status Close() override {
    closed_ = true;
    return Status::Ok();
  }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  std::shared_ptr<const Bytes> bytes_;
  bool closed_ = false;
};

}  // namespace

void MemoryFileSystem::AddFile(const std::string& name, Bytes bytes) {
  files_[JoinPath(dir_, name)] = std::make_shared<const Bytes>(std::move(bytes));
}

Result<std::unique_ptr<File>> MemoryFileSystem::Open(const std::string& path, OpenMode mode) {
  if (mode != OpenMode::kReadOnly) return ReadOnly(path, "open for writing");
  const auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound(path + ": open: no such file");
  return std::unique_ptr<File>(std::make_unique<MemoryFile>(path, it->second));
}

Status MemoryFileSystem::Rename(const std::string& source_path, const std::string&) {
  return ReadOnly(source_path, "rename");
}
Status MemoryFileSystem::Unlink(const std::string& path) { return ReadOnly(path, "unlink"); }
Status MemoryFileSystem::CreateDir(const std::string& path) { return ReadOnly(path, "mkdir"); }
Status MemoryFileSystem::SyncDir(const std::string& path) { return ReadOnly(path, "fsync (dir)"); }

Result<std::vector<std::string>> MemoryFileSystem::List(const std::string& path) {
  if (path != dir_) return Status::NotFound(path + ": opendir: no such directory");
  std::vector<std::string> names;
  for (const auto& [full, bytes] : files_) names.push_back(full.substr(dir_.size() + 1));
  return names;
}

}  // namespace powercut::journal::fuzz
