// Every file-system call the journal makes goes through these functions. In builds with
// FIU_ENABLE (the test builds), each one first consults a libfiu point, so tests (and
// FIU_ENABLE / fiu-ctrl from outside) can make any call fail with a chosen errno:
//
//   powercut/journal/io/open       powercut/journal/io/read       powercut/journal/io/write
//   powercut/journal/io/write/short (writes the first half, then fails: a short write)
//   powercut/journal/io/sync (fsync and fdatasync)                 powercut/journal/io/truncate
//   powercut/journal/io/rename     powercut/journal/io/unlink     powercut/journal/io/dirsync
//   powercut/journal/io/mkdir
//
// The failinfo of the point is the errno (EIO when none is given). In release builds the points
// compile to nothing.
#ifndef POWERCUT_JOURNAL_IO_H_
#define POWERCUT_JOURNAL_IO_H_

#include <memory>
#include <string>

#include "faultfs/fs/file_system.h"
#include "journal/coding.h"

namespace powercut::journal::io {

Result<std::unique_ptr<File>> Open(FileSystem& fs, const std::string& path, OpenMode mode);
Result<size_t> ReadAt(File& file, uint64_t offset, std::span<std::byte> out);
Status WriteAt(File& file, uint64_t offset, ByteView data);
Status DataSync(File& file);
Status Sync(File& file);
Status Truncate(File& file, uint64_t size_bytes);
Status Rename(FileSystem& fs, const std::string& source_path, const std::string& target_path);
Status Unlink(FileSystem& fs, const std::string& path);
Status SyncDir(FileSystem& fs, const std::string& path);
Status CreateDir(FileSystem& fs, const std::string& path);

// Replaces dir/name with `bytes` so that a crash at any instant leaves either the old file or the
// complete new one: write dir/name.tmp, fsync it, rename it over dir/name, fsync dir.
Status WriteFileAtomically(FileSystem& fs, const std::string& dir, const std::string& name,
                           ByteView bytes);

// Reads exactly out.size() bytes at `offset`; kCorruption naming the file if it is shorter.
Status ReadExactly(File& file, uint64_t offset, std::span<std::byte> out);

}  // namespace powercut::journal::io

#endif  // POWERCUT_JOURNAL_IO_H_
