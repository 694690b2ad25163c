#include "journal/io.h"

#include <fiu-local.h>

#include <cerrno>
#include <cstdint>

#include "journal/format.h"

namespace powercut::journal::io {
namespace {

#ifdef FIU_ENABLE
// The errno a fired libfiu point asks for (its failinfo), EIO by default.
int InjectedErrno() {
  const auto info = reinterpret_cast<intptr_t>(fiu_failinfo());
  return info != 0 ? static_cast<int>(info) : EIO;
}
#endif

}  // namespace

// Each macro use expands to nothing unless FIU_ENABLE is defined.
#define POWERCUT_FAULT_POINT(name, context)                                         \
  fiu_do_on(name, return Status::IoError(std::string(context) + " (injected)", InjectedErrno()))

Result<std::unique_ptr<File>> Open(FileSystem& fs, const std::string& path, OpenMode mode) {
  POWERCUT_FAULT_POINT("powercut/journal/io/open", path + ": open");
  return fs.Open(path, mode);
}

Result<size_t> ReadAt(File& file, uint64_t offset, std::span<std::byte> out) {
  POWERCUT_FAULT_POINT("powercut/journal/io/read", file.path() + ": pread");
  return file.ReadAt(offset, out);
}

Status WriteAt(File& file, uint64_t offset, ByteView data) {
  POWERCUT_FAULT_POINT("powercut/journal/io/write", file.path() + ": pwrite");
  fiu_do_on("powercut/journal/io/write/short", {
    // A short write: part of the data reaches the file, then the device reports an error.
    const size_t half = data.size() / 2;
    (void)file.WriteAt(offset, data.first(half));
    return Status::IoError(file.path() + ": pwrite (short, injected)", InjectedErrno());
  });
  return file.WriteAt(offset, data);
}

Status DataSync(File& file) {
  POWERCUT_FAULT_POINT("powercut/journal/io/sync", file.path() + ": fdatasync");
  return file.DataSync();
}

Status Sync(File& file) {
  POWERCUT_FAULT_POINT("powercut/journal/io/sync", file.path() + ": fsync");
  return file.Sync();
}

Status Truncate(File& file, uint64_t size_bytes) {
  POWERCUT_FAULT_POINT("powercut/journal/io/truncate", file.path() + ": ftruncate");
  return file.Truncate(size_bytes);
}

Status Rename(FileSystem& fs, const std::string& source_path, const std::string& target_path) {
  POWERCUT_FAULT_POINT("powercut/journal/io/rename", source_path + ": rename");
  return fs.Rename(source_path, target_path);
}

Status Unlink(FileSystem& fs, const std::string& path) {
  POWERCUT_FAULT_POINT("powercut/journal/io/unlink", path + ": unlink");
  return fs.Unlink(path);
}

Status SyncDir(FileSystem& fs, const std::string& path) {
  POWERCUT_FAULT_POINT("powercut/journal/io/dirsync", path + ": fsync directory");
  return fs.SyncDir(path);
}

Status CreateDir(FileSystem& fs, const std::string& path) {
  POWERCUT_FAULT_POINT("powercut/journal/io/mkdir", path + ": mkdir");
  return fs.CreateDir(path);
}

Status WriteFileAtomically(FileSystem& fs, const std::string& dir, const std::string& name,
                           ByteView bytes) {
  const std::string target = JoinPath(dir, name);
  const std::string temp = target + std::string(kTempSuffix);
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, Open(fs, temp, OpenMode::kCreateTruncate));
  POWERCUT_RETURN_IF_ERROR(WriteAt(*file, 0, bytes));
  POWERCUT_RETURN_IF_ERROR(Sync(*file));
  POWERCUT_RETURN_IF_ERROR(file->Close());
  POWERCUT_RETURN_IF_ERROR(Rename(fs, temp, target));
  return SyncDir(fs, dir);
}

Status ReadExactly(File& file, uint64_t offset, std::span<std::byte> out) {
  POWERCUT_ASSIGN_OR_RETURN(const size_t n, ReadAt(file, offset, out));
  if (n != out.size()) {
    return Status::Corruption(file.path() + ": expected " + std::to_string(out.size()) +
                              " bytes at offset " + std::to_string(offset) + ", found " +
                              std::to_string(n));
  }
  return Status::Ok();
}

}  // namespace powercut::journal::io
