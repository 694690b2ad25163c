// CountingFileSystem: forwards every call to another FileSystem and counts file syncs and the
// time spent in them.
//
// Why: commits per fdatasync (the batch the leader actually formed) and the share of time the
// device spent syncing are what explain a group-commit figure, and the journal exposes neither.
// The cost is one virtual call, two clock reads and two relaxed atomic adds per sync, far below
// the sync itself.
#ifndef POWERCUT_BENCH_COUNTING_FILE_SYSTEM_H_
#define POWERCUT_BENCH_COUNTING_FILE_SYSTEM_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"

namespace powercut::bench {

class CountingFileSystem final : public FileSystem {
 public:
  explicit CountingFileSystem(FileSystem& base) : base_(base) {}

  // Sync + DataSync calls on any file opened through this object so far, and the nanoseconds
  // spent inside them (counted when a call returns).
  uint64_t syncs() const { return syncs_.load(std::memory_order_relaxed); }
  uint64_t sync_ns() const { return sync_ns_.load(std::memory_order_relaxed); }

  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override;
  Status Rename(const std::string& source_path, const std::string& target_path) override {
    return base_.Rename(source_path, target_path);
  }
  Status Unlink(const std::string& path) override { return base_.Unlink(path); }
  Status CreateDir(const std::string& path) override { return base_.CreateDir(path); }
  Status SyncDir(const std::string& path) override { return base_.SyncDir(path); }
  Result<std::vector<std::string>> List(const std::string& path) override {
    return base_.List(path);
  }

 private:
  FileSystem& base_;
  std::atomic<uint64_t> syncs_{0};
  std::atomic<uint64_t> sync_ns_{0};
};

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_COUNTING_FILE_SYSTEM_H_
