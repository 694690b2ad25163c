// TestFileSystem (tests only): forwards to a real FileSystem, logs every call, and can fail calls.
//
// It models *no* persistence: there is no page cache, no torn write, no reordering (that is the
// crash-state generator's job, in faultfs). It stands in for two things only:
//   - a process that dies at a chosen step: FailFrom(n) makes the n-th mutating call (0-based)
//     and every call after it fail, so what is on disk is exactly what a killed process leaves;
//   - a slow device: SetSyncDelay() makes every sync take that long, to force group commits;
//   - a device whose close fails: SetFailCloses() makes File::Close report EIO (after closing).
// Thread-safe.
#ifndef POWERCUT_JOURNAL_TEST_FILE_SYSTEM_H_
#define POWERCUT_JOURNAL_TEST_FILE_SYSTEM_H_

#include <chrono>
#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/file_system.h"

namespace powercut::journal {

class TestFileSystem final : public FileSystem {
 public:
  explicit TestFileSystem(FileSystem& base) : base_(base) {}

  void FailFrom(uint64_t mutating_call);
  void SetSyncDelay(std::chrono::microseconds delay);
  void SetFailCloses(bool fail);
  uint64_t mutating_calls() const;
  // Calls in order, e.g. "write d/0000000000000001.wal@64+90", "datasync d/...", "syncdir d".
  std::vector<std::string> log() const;
  size_t Count(std::string_view prefix) const;  // log entries starting with `prefix`
  size_t max_read_bytes() const;
  uint64_t read_bytes() const;  // total asked for by ReadAt
  void ClearLog();

  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override;
  Status Rename(const std::string& source_path, const std::string& target_path) override;
  Status Unlink(const std::string& path) override;
  Status CreateDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> List(const std::string& path) override;

  // For TestFile: records `entry`; a non-OK status means the call must fail.
  Status Mutate(std::string entry);
  Status Read(size_t bytes);
  std::chrono::microseconds sync_delay() const;
  bool fail_closes() const;

 private:
  FileSystem& base_;
  mutable std::mutex mu_;
  std::vector<std::string> log_;
  uint64_t mutating_calls_ = 0;
  uint64_t fail_from_ = std::numeric_limits<uint64_t>::max();
  bool dead_ = false;
  size_t max_read_bytes_ = 0;
  uint64_t read_bytes_ = 0;
  bool fail_closes_ = false;
  std::chrono::microseconds sync_delay_{0};
};

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_TEST_FILE_SYSTEM_H_
