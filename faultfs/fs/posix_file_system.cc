#include "faultfs/fs/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace powercut {
namespace {

Status PosixError(const std::string& path, std::string_view call, int error_number) {
  std::string context = path;
  context += ": ";
  context += call;
  return Status::IoError(context, error_number);
}

int OpenFlags(OpenMode mode) {
  switch (mode) {
    case OpenMode::kReadOnly: return O_RDONLY;
    case OpenMode::kReadWrite: return O_RDWR;
    case OpenMode::kCreate: return O_RDWR | O_CREAT;
    case OpenMode::kCreateExclusive: return O_RDWR | O_CREAT | O_EXCL;
    case OpenMode::kCreateTruncate: return O_RDWR | O_CREAT | O_TRUNC;
  }
  return O_RDONLY;
}

class PosixFile final : public File {
 public:
  PosixFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixFile() override { (void)Close(); }

  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    if (fd_ < 0) return ClosedError("pread");
    size_t done = 0;
    while (done < out.size()) {
      const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done,
                                static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return PosixError(path_, "pread", errno);
      }
      if (n == 0) break;  // end of file
      done += static_cast<size_t>(n);
    }
    return done;
  }

  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    if (fd_ < 0) return ClosedError("pwrite");
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done,
                                 static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return PosixError(path_, "pwrite", errno);
      }
      // A short write means the device ran out of something; the next call reports why.
      done += static_cast<size_t>(n);
    }
    return Status::Ok();
  }

  Status Truncate(uint64_t size_bytes) override {
    if (fd_ < 0) return ClosedError("ftruncate");
    while (::ftruncate(fd_, static_cast<off_t>(size_bytes)) != 0) {
      if (errno != EINTR) return PosixError(path_, "ftruncate", errno);
    }
    return Status::Ok();
  }

  // Linux fsync/fdatasync flush the device cache too (a FUA/flush request), so no
  // F_FULLFSYNC-style extra call is needed. EINTR is not retried: after an interrupted sync
  // the kernel may already have consumed the writeback error, so retrying could report
  // success for lost data. The caller sees the error and treats it as a failed sync.
  Status Sync() override {
    if (fd_ < 0) return ClosedError("fsync");
    if (::fsync(fd_) != 0) return PosixError(path_, "fsync", errno);
    return Status::Ok();
  }

  Status DataSync() override {
    if (fd_ < 0) return ClosedError("fdatasync");
    if (::fdatasync(fd_) != 0) return PosixError(path_, "fdatasync", errno);
    return Status::Ok();
  }

  Result<uint64_t> Size() override {
    if (fd_ < 0) return ClosedError("fstat");
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return PosixError(path_, "fstat", errno);
    return static_cast<uint64_t>(st.st_size);
  }

  Status Close() override {
    if (fd_ < 0) return Status::Ok();
    const int fd = fd_;
    fd_ = -1;
    // Never retry close: on Linux the descriptor is released even when close fails.
    if (::close(fd) != 0 && errno != EINTR) return PosixError(path_, "close", errno);
    return Status::Ok();
  }

  const std::string& path() const override { return path_; }

 private:
  Status ClosedError(std::string_view call) const {
    return Status::FailedPrecondition(path_ + ": " + std::string(call) + " on a closed file");
  }

  std::string path_;
  int fd_;
};

}  // namespace

Result<std::unique_ptr<File>> PosixFileSystem::Open(const std::string& path, OpenMode mode) {
  int fd;
  do {
    fd = ::open(path.c_str(), OpenFlags(mode) | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return PosixError(path, "open", errno);
  return std::unique_ptr<File>(std::make_unique<PosixFile>(path, fd));
}

Status PosixFileSystem::Rename(const std::string& source_path, const std::string& target_path) {
  if (::rename(source_path.c_str(), target_path.c_str()) != 0) {
    return PosixError(source_path, "rename to " + target_path, errno);
  }
  return Status::Ok();
}

Status PosixFileSystem::Unlink(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return PosixError(path, "unlink", errno);
  return Status::Ok();
}

Status PosixFileSystem::CreateDir(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) != 0) return PosixError(path, "mkdir", errno);
  return Status::Ok();
}

Status PosixFileSystem::SyncDir(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return PosixError(path, "open directory", errno);
  const int rc = ::fsync(fd);
  const int sync_errno = errno;
  ::close(fd);
  if (rc != 0) return PosixError(path, "fsync directory", sync_errno);
  return Status::Ok();
}

Result<std::vector<std::string>> PosixFileSystem::List(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return PosixError(path, "opendir", errno);
  std::vector<std::string> names;
  errno = 0;
  // readdir on a DIR* of our own is safe (glibc); readdir_r is deprecated.
  while (const dirent* entry = ::readdir(dir)) {  // NOLINT(concurrency-mt-unsafe)
    const std::string_view name(entry->d_name);
    if (name != "." && name != "..") names.emplace_back(name);
    errno = 0;
  }
  const int read_errno = errno;
  ::closedir(dir);
  if (read_errno != 0) return PosixError(path, "readdir", read_errno);
  return names;
}

}  // namespace powercut
