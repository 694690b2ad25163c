#include "reports/report_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace powercut::reports {
namespace {

std::string Context(const std::string& path, std::string_view verb, std::string_view what) {
  return path + ": cannot " + std::string(verb) + " the " + std::string(what);
}

// 0, or the errno of the write that failed.
int WriteAll(int fd, std::string_view text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    done += static_cast<size_t>(n);
  }
  return 0;
}

// A device or a pipe (/dev/stdout, `--json >(jq .)`) is written to in place: it cannot be
// replaced by a rename, and must not be.
bool IsSpecialFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

}  // namespace

// A regular file is written to PATH.tmp and renamed over PATH: a reader (or a crash, or a full
// disk) never sees a report cut short, and one that cannot be written leaves the previous one.
Status WriteReportFile(const std::string& path, std::string_view text, std::string_view what) {
  const bool in_place = IsSpecialFile(path);
  const std::string target = in_place ? path : path + ".tmp";
  const auto failed = [&](std::string_view verb, int error) {
    if (!in_place) ::unlink(target.c_str());
    return Status::IoError(Context(path, "write", what) + ": " + std::string(verb) + " " + target,
                           error);
  };
  const int fd = ::open(target.c_str(),
                        O_WRONLY | O_CREAT | (in_place ? 0 : O_TRUNC) | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(Context(path, "write", what) + ": open " + target, errno);
  if (const int error = WriteAll(fd, text); error != 0) {
    ::close(fd);
    return failed("write", error);
  }
  if (::close(fd) != 0) return failed("close", errno);
  if (!in_place && ::rename(target.c_str(), path.c_str()) != 0) return failed("rename", errno);
  return Status::Ok();
}

Result<std::string> ReadReportFile(const std::string& path, std::string_view what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) return Status::NotFound(Context(path, "read", what) + ": no such file");
    return Status::IoError(Context(path, "read", what), error);
  }
  std::string text;
  std::array<char, 65536> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return Status::IoError(Context(path, "read", what), error);
    }
    if (n == 0) break;
    text.append(buffer.data(), static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

}  // namespace powercut::reports
