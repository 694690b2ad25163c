// MemoryFileSystem (fuzzing only): a read-only FileSystem over a map of path -> bytes.
//
// The fuzz targets put the bytes they were given into it as journal files and run the journal's
// read path (AnalyzeJournal, ReplaySegments) over them, with no disk I/O. Every call that would
// change something (opening for writing, WriteAt, Truncate, Sync, Rename, Unlink, CreateDir,
// SyncDir) fails with EROFS: the read path must never need one. Not thread-safe.
#ifndef POWERCUT_JOURNAL_FUZZ_MEMORY_FILE_SYSTEM_H_
#define POWERCUT_JOURNAL_FUZZ_MEMORY_FILE_SYSTEM_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/coding.h"

namespace powercut::journal::fuzz {

class MemoryFileSystem final : public FileSystem {
 public:
  // `dir` is the only directory; files are added as dir/name.
  explicit MemoryFileSystem(std::string dir) : dir_(std::move(dir)) {}

  void AddFile(const std::string& name, Bytes bytes);
  const std::string& dir() const { return dir_; }

  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override;
  Status Rename(const std::string& source_path, const std::string& target_path) override;
  Status Unlink(const std::string& path) override;
  Status CreateDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> List(const std::string& path) override;

 private:
  std::string dir_;
  std::map<std::string, std::shared_ptr<const Bytes>> files_;  // by full path
};

}  // namespace powercut::journal::fuzz

#endif  // POWERCUT_JOURNAL_FUZZ_MEMORY_FILE_SYSTEM_H_
