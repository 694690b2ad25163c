#include "harness/scratch.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "harness/checker.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;

bool IsWritableDir(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) &&
         ::access(path.c_str(), W_OK | X_OK) == 0;
}

uint64_t FreeBytes(const std::string& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) return 0;
  return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

// Gives the owner every permission on every directory below `path`, so they can be emptied.
void MakeRemovable(const fs::path& path) {
  std::error_code ignored;
  const fs::file_status status = fs::symlink_status(path, ignored);
  if (!fs::is_directory(status)) return;
  fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ignored);
  for (fs::directory_iterator it(path, ignored), end; !ignored && it != end; it.increment(ignored)) {
    MakeRemovable(it->path());
  }
}

}  // namespace

Result<std::string> ChooseScratchParent(const std::string& requested, uint64_t bytes_needed) {
  auto check = [](const std::string& dir, const std::string& origin) -> Result<std::string> {
    std::string path = dir;
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    if (!IsWritableDir(path)) {
      return Status::InvalidArgument(origin + " " + dir +
                                     " is not a writable directory: create it, or choose "
                                     "another with --scratch DIR");
    }
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    if (error) return Status::InvalidArgument(origin + " " + dir + ": " + error.message());
    path = absolute.lexically_normal().string();
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    if (!IsShellSafePath(path)) {
      return Status::InvalidArgument(
          origin + " " + path +
          " holds characters a shell treats specially; checkers get the scratch path raw in "
          "{state} and {output}: choose another with --scratch DIR (letters, digits, /._+,:-)");
    }
    return path;
  };
  if (!requested.empty()) return check(requested, "--scratch");
  if (IsWritableDir("/dev/shm") && FreeBytes("/dev/shm") >= bytes_needed) return std::string("/dev/shm");
  const char* tmpdir = std::getenv("TMPDIR");  // NOLINT(concurrency-mt-unsafe): read at startup
  if (tmpdir != nullptr && *tmpdir != '\0') return check(tmpdir, "$TMPDIR");
  return check("/tmp", "/tmp");
}

Result<std::unique_ptr<Scratch>> Scratch::Create(const std::string& parent) {
  std::string pattern = parent + "/powercut-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::IoError("cannot create a scratch directory in " + parent, errno);
  }
  return std::unique_ptr<Scratch>(new Scratch(pattern));
}

Scratch::~Scratch() { (void)RemoveTree(root_); }

Result<Scratch::Slot> Scratch::NewSlot() {
  Slot slot;
  slot.dir = root_ + "/" + std::to_string(next_.fetch_add(1));
  slot.state_dir = slot.dir + "/state";
  slot.output_file = slot.dir + "/output";
  if (::mkdir(slot.dir.c_str(), 0700) != 0) return Status::IoError(slot.dir + ": mkdir", errno);
  if (::mkdir(slot.state_dir.c_str(), 0755) != 0) {
    return Status::IoError(slot.state_dir + ": mkdir", errno);
  }
  return slot;
}

bool Scratch::IsFull() const { return FreeBytes(root_) < (uint64_t{64} << 10); }

Status RemoveTree(const std::string& path) {
  std::error_code error;
  fs::remove_all(path, error);
  if (!error) return Status::Ok();
  MakeRemovable(path);
  error.clear();
  fs::remove_all(path, error);
  if (error) return Status::IoError(path + ": cannot remove", error.value());
  return Status::Ok();
}

}  // namespace powercut::harness
