#include "journal/test_file_system.h"

#include <cerrno>
#include <thread>

namespace powercut::journal {
namespace {

class TestFile final : public File {
 public:
  TestFile(TestFileSystem& fs, std::unique_ptr<File> base) : fs_(fs), base_(std::move(base)) {}

  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    POWERCUT_RETURN_IF_ERROR(fs_.Read(out.size()));
    return base_->ReadAt(offset, out);
  }
  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    POWERCUT_RETURN_IF_ERROR(fs_.Mutate("write " + path() + "@" + std::to_string(offset) + "+" +
                                        std::to_string(data.size())));
    return base_->WriteAt(offset, data);
  }
  Status Truncate(uint64_t size_bytes) override {
    POWERCUT_RETURN_IF_ERROR(fs_.Mutate("truncate " + path() + " " + std::to_string(size_bytes)));
    return base_->Truncate(size_bytes);
  }
  Status Sync() override {
    POWERCUT_RETURN_IF_ERROR(fs_.Mutate("sync " + path()));
    std::this_thread::sleep_for(fs_.sync_delay());
    return base_->Sync();
  }
  Status DataSync() override {
    POWERCUT_RETURN_IF_ERROR(fs_.Mutate("datasync " + path()));
    std::this_thread::sleep_for(fs_.sync_delay());
    return base_->DataSync();
  }
  Result<uint64_t> Size() override {
    POWERCUT_RETURN_IF_ERROR(fs_.Read(0));
    return base_->Size();
  }
  Status Close() override {
    Status s = base_->Close();
    if (s.ok() && fs_.fail_closes()) return Status::IoError(path() + ": close (test)", EIO);
    return s;
  }
  const std::string& path() const override { return base_->path(); }

 private:
  TestFileSystem& fs_;
  std::unique_ptr<File> base_;
};

const char* ModeName(OpenMode mode) {
  switch (mode) {
    case OpenMode::kReadOnly: return "read";
    case OpenMode::kReadWrite: return "readwrite";
    case OpenMode::kCreate: return "create";
    case OpenMode::kCreateExclusive: return "create-exclusive";
    case OpenMode::kCreateTruncate: return "create-truncate";
  }
  return "?";
}

}  // namespace

void TestFileSystem::FailFrom(uint64_t mutating_call) {
  std::lock_guard lock(mu_);
  fail_from_ = mutating_call;
  dead_ = mutating_calls_ >= fail_from_;
}

void TestFileSystem::SetSyncDelay(std::chrono::microseconds delay) {
  std::lock_guard lock(mu_);
  sync_delay_ = delay;
}

void TestFileSystem::SetFailCloses(bool fail) {
  std::lock_guard lock(mu_);
  fail_closes_ = fail;
}

bool TestFileSystem::fail_closes() const {
  std::lock_guard lock(mu_);
  return fail_closes_;
}

uint64_t TestFileSystem::read_bytes() const {
  std::lock_guard lock(mu_);
  return read_bytes_;
}

std::chrono::microseconds TestFileSystem::sync_delay() const {
  std::lock_guard lock(mu_);
  return sync_delay_;
}

uint64_t TestFileSystem::mutating_calls() const {
  std::lock_guard lock(mu_);
  return mutating_calls_;
}

std::vector<std::string> TestFileSystem::log() const {
  std::lock_guard lock(mu_);
  return log_;
}

size_t TestFileSystem::Count(std::string_view prefix) const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const std::string& entry : log_) n += entry.starts_with(prefix) ? 1 : 0;
  return n;
}

size_t TestFileSystem::max_read_bytes() const {
  std::lock_guard lock(mu_);
  return max_read_bytes_;
}

void TestFileSystem::ClearLog() {
  std::lock_guard lock(mu_);
  log_.clear();
}

Status TestFileSystem::Mutate(std::string entry) {
  std::lock_guard lock(mu_);
  if (mutating_calls_++ >= fail_from_) dead_ = true;
  if (dead_) return Status::IoError(entry + " (process died)", EIO);
  log_.push_back(std::move(entry));
  return Status::Ok();
}

Status TestFileSystem::Read(size_t bytes) {
  std::lock_guard lock(mu_);
  if (dead_) return Status::IoError("read (process died)", EIO);
  max_read_bytes_ = std::max(max_read_bytes_, bytes);
  read_bytes_ += bytes;
  return Status::Ok();
}

Result<std::unique_ptr<File>> TestFileSystem::Open(const std::string& path, OpenMode mode) {
  if (mode == OpenMode::kReadOnly || mode == OpenMode::kReadWrite) {
    POWERCUT_RETURN_IF_ERROR(Read(0));
  } else {
    POWERCUT_RETURN_IF_ERROR(Mutate(std::string("open ") + ModeName(mode) + " " + path));
  }
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, base_.Open(path, mode));
  return std::unique_ptr<File>(std::make_unique<TestFile>(*this, std::move(file)));
}

Status TestFileSystem::Rename(const std::string& source_path, const std::string& target_path) {
  POWERCUT_RETURN_IF_ERROR(Mutate("rename " + source_path + " -> " + target_path));
  return base_.Rename(source_path, target_path);
}

Status TestFileSystem::Unlink(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Mutate("unlink " + path));
  return base_.Unlink(path);
}

Status TestFileSystem::CreateDir(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Mutate("mkdir " + path));
  return base_.CreateDir(path);
}

Status TestFileSystem::SyncDir(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Mutate("syncdir " + path));
  return base_.SyncDir(path);
}

Result<std::vector<std::string>> TestFileSystem::List(const std::string& path) {
  POWERCUT_RETURN_IF_ERROR(Read(0));
  return base_.List(path);
}

}  // namespace powercut::journal
