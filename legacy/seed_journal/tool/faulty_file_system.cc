#include "legacy/seed_journal/tool/faulty_file_system.h"

#include <cerrno>

namespace powercut::legacy::tool {
namespace {

class FaultyFile final : public File {
 public:
  FaultyFile(std::unique_ptr<File> base, FaultyFileSystem& fs) : base_(std::move(base)), fs_(fs) {}
  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    POWERCUT_RETURN_IF_ERROR(fs_.Alive());
    return base_->ReadAt(offset, out);
  }
  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    POWERCUT_RETURN_IF_ERROR(fs_.Alive());
    return base_->WriteAt(offset, data);
  }
  Status Truncate(uint64_t size_bytes) override {
    POWERCUT_RETURN_IF_ERROR(fs_.Alive());
    return base_->Truncate(size_bytes);
  }
  Status Sync() override {
    POWERCUT_RETURN_IF_ERROR(fs_.BeforeSync(path()));
    return base_->Sync();
  }
  Status DataSync() override {
    POWERCUT_RETURN_IF_ERROR(fs_.BeforeSync(path()));
    return base_->DataSync();
  }
  Result<uint64_t> Size() override {
    POWERCUT_RETURN_IF_ERROR(fs_.Alive());
    return base_->Size();
  }
  // A killed process's files are closed by the kernel; closing never fails here.
  Status Close() override { return base_->Close(); }
  const std::string& path() const override { return base_->path(); }

 private:
  std::unique_ptr<File> base_;
  FaultyFileSystem& fs_;
};

}  // namespace

Status FaultyFileSystem::Alive() const {
  if (killed_.load()) return Status::IoError("the process was killed", ECANCELED);
  return Status::Ok();
}

Status FaultyFileSystem::BeforeSync(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  const uint64_t nth = fail_sync_.load();
  if (nth != 0 && ++syncs_ == nth) return Status::IoError("sync " + path + " (injected)", EIO);
  return Status::Ok();
}

Result<std::unique_ptr<File>> FaultyFileSystem::Open(const std::string& path, OpenMode mode) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, base_.Open(path, mode));
  return std::unique_ptr<File>(std::make_unique<FaultyFile>(std::move(file), *this));
}

Status FaultyFileSystem::Rename(const std::string& source_path, const std::string& target_path) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  return base_.Rename(source_path, target_path);
}

Status FaultyFileSystem::Unlink(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  return base_.Unlink(path);
}

Status FaultyFileSystem::CreateDir(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  return base_.CreateDir(path);
}

Status FaultyFileSystem::SyncDir(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  return base_.SyncDir(path);
}

Result<std::vector<std::string>> FaultyFileSystem::List(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Alive());
  return base_.List(path);
}

}  // namespace powercut::legacy::tool
