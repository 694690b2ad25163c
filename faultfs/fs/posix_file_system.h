// PosixFileSystem: FileSystem on the real OS. The only code in powercut's libraries that calls
// open/pread/pwrite/fsync/fdatasync/rename directly.
//
// Models nothing: every call is the system call, retried on EINTR, with partial reads and writes
// continued until done, end of file, or an error. Errors carry the path and the failed call.
#ifndef POWERCUT_FAULTFS_FS_POSIX_FILE_SYSTEM_H_
#define POWERCUT_FAULTFS_FS_POSIX_FILE_SYSTEM_H_

#include "faultfs/fs/file_system.h"

namespace powercut {

class PosixFileSystem final : public FileSystem {
 public:
  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override;
  Status Rename(const std::string& source_path, const std::string& target_path) override;
  Status Unlink(const std::string& path) override;
  Status CreateDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> List(const std::string& path) override;
};

}  // namespace powercut

#endif  // POWERCUT_FAULTFS_FS_POSIX_FILE_SYSTEM_H_
