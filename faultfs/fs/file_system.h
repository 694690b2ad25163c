// FileSystem: the one narrow seam between storage code and the disk.
//
// The reference journal, and any workload that wants to be crash-tested in process, is written
// against this interface only. Three implementations run the same code: PosixFileSystem (the real
// OS), SimFileSystem (in memory, recording a trace for the crash-state generator), and wrappers
// that inject faults. The interface is deliberately small: an operation is added only when a
// second caller needs it.
//
// Durability contract (what every implementation must honour, and what the persistence models of
// the crash-state generator assume):
//   - WriteAt/Truncate change what later reads see at once, but survive a power cut only after a
//     Sync or DataSync of that file returns OK.
//   - DataSync (fdatasync) makes the file's data and size durable; Sync (fsync) also makes its
//     other metadata durable. Neither makes the file's *name* durable.
//   - A new, renamed or removed name is durable only after SyncDir of its parent directory.
//   - Rename is atomic: after a crash the target holds the old file or the new one.
//   - After a failed Sync/DataSync the file's unsynced data may be lost even if a later sync
//     succeeds (Linux marks failed pages clean). Callers must treat the failure as sticky.
//
// Paths are plain strings interpreted by the implementation (relative paths are relative to the
// process's working directory for PosixFileSystem). Thread-safety: a FileSystem may be used from
// several threads at once; a single File may be used from several threads only for ReadAt/WriteAt
// on disjoint ranges plus syncs (positional I/O keeps no shared offset).
#ifndef POWERCUT_FAULTFS_FS_FILE_SYSTEM_H_
#define POWERCUT_FAULTFS_FS_FILE_SYSTEM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"

namespace powercut {

enum class OpenMode : uint8_t {
  kReadOnly,        // must exist
  kReadWrite,       // must exist
  kCreate,          // read-write; created empty if missing, kept if present
  kCreateExclusive, // read-write; fails if the name exists
  kCreateTruncate,  // read-write; created if missing, truncated to 0 if present
};

class File {
 public:
  virtual ~File() = default;  // closes the file if Close was not called; errors are lost
  File() = default;
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  // Reads up to out.size() bytes at `offset`. Returns the count, which is smaller than
  // out.size() only at end of file.
  virtual Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) = 0;
  // Writes all of `data` at `offset`, extending the file if needed (a gap reads as zeros).
  // On error, any prefix of `data` may have been written.
  virtual Status WriteAt(uint64_t offset, std::span<const std::byte> data) = 0;
  virtual Status Truncate(uint64_t size_bytes) = 0;
  virtual Status Sync() = 0;      // fsync: data, size and other metadata durable
  virtual Status DataSync() = 0;  // fdatasync: data and size durable
  virtual Result<uint64_t> Size() = 0;
  // Releases the file. Idempotent; later calls other than Close fail.
  virtual Status Close() = 0;
  // The path the file was opened with, for error messages.
  virtual const std::string& path() const = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) = 0;
  // Atomically replaces `target_path` (if present) with `source_path`.
  virtual Status Rename(const std::string& source_path, const std::string& target_path) = 0;
  virtual Status Unlink(const std::string& path) = 0;
  virtual Status CreateDir(const std::string& path) = 0;
  // Makes the directory's entries (creates, renames, unlinks inside it) durable.
  virtual Status SyncDir(const std::string& path) = 0;
  // Names in the directory, excluding "." and "..", in no particular order.
  virtual Result<std::vector<std::string>> List(const std::string& path) = 0;
};

// "a/b/c" -> "a/b"; "c" -> "."; "/c" -> "/". The directory whose SyncDir makes `path`'s name durable.
std::string ParentDir(const std::string& path);
// "a" + "b" -> "a/b" (no separator added after a trailing '/').
std::string JoinPath(const std::string& dir, const std::string& name);

}  // namespace powercut

#endif  // POWERCUT_FAULTFS_FS_FILE_SYSTEM_H_
