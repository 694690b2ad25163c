// FaultyFileSystem: forwards to a FileSystem, and can (1) fail the Nth file sync with EIO
// without syncing, and (2) play a killed process: after Kill(), every call fails and does
// nothing, so what the base file system holds is exactly what the process handed the OS before
// it died (its user-space buffers are lost). Models no persistence itself: what a power cut
// keeps is the crash-state generator's business. Thread-safe.
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_TOOL_FAULTY_FILE_SYSTEM_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_TOOL_FAULTY_FILE_SYSTEM_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"

namespace powercut::legacy::tool {

class FaultyFileSystem final : public FileSystem {
 public:
  explicit FaultyFileSystem(FileSystem& base) : base_(base) {}

  // The nth file Sync/DataSync from now on (1-based) returns EIO without syncing; 0: none.
  void FailNthSync(uint64_t nth) {
    syncs_.store(0);
    fail_sync_.store(nth);
  }
  void Kill() { killed_.store(true); }

  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override;
  Status Rename(const std::string& source_path, const std::string& target_path) override;
  Status Unlink(const std::string& path) override;
  Status CreateDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> List(const std::string& path) override;

  // For FaultyFile: OK when the call may go on; the error to return otherwise.
  Status Alive() const;
  Status BeforeSync(const std::string& path);

 private:
  FileSystem& base_;
  std::atomic<bool> killed_{false};
  std::atomic<uint64_t> fail_sync_{0};
  std::atomic<uint64_t> syncs_{0};
};

}  // namespace powercut::legacy::tool

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_TOOL_FAULTY_FILE_SYSTEM_H_
