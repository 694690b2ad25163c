#include "reports/report_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace powercut::reports {
namespace {

std::string Context(const std::string& path, std::string_view verb, std::string_view what) {
  return path + ": cannot " + std::string(verb) + " the " + std::string(what);
}

}  // namespace

Status WriteReportFile(const std::string& path, std::string_view text, std::string_view what) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(Context(path, "write", what), errno);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return Status::IoError(Context(path, "write", what), error);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return Status::IoError(Context(path, "write", what), errno);
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
