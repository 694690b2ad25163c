#include "faultfs/fs/status.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace powercut {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kIoError: return "IO error";
    case StatusCode::kNotFound: return "Not found";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kInvalidArgument: return "Invalid argument";
    case StatusCode::kFailedPrecondition: return "Failed precondition";
  }
  return "Unknown";
}

Status::Status(StatusCode code, int error_number, std::string message)
    : rep_(std::make_shared<const Rep>(Rep{code, error_number, std::move(message)})) {}

Status Status::IoError(std::string_view context, int error_number) {
  std::string message(context);
  message += ": ";
  char buffer[128];
  // GNU strerror_r: thread-safe, returns the message (possibly a static string, not buffer).
  message += ::strerror_r(error_number, buffer, sizeof(buffer));
  StatusCode code = error_number == ENOENT ? StatusCode::kNotFound : StatusCode::kIoError;
  return Status(code, error_number, std::move(message));
}

Status Status::NotFound(std::string_view message) {
  return Status(StatusCode::kNotFound, 0, std::string(message));
}

Status Status::Corruption(std::string_view message) {
  return Status(StatusCode::kCorruption, 0, std::string(message));
}

Status Status::InvalidArgument(std::string_view message) {
  return Status(StatusCode::kInvalidArgument, 0, std::string(message));
}

Status Status::FailedPrecondition(std::string_view message) {
  return Status(StatusCode::kFailedPrecondition, 0, std::string(message));
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code()));
  out += ": ";
  out += rep_->message;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string message(context);
  message += ": ";
  message += rep_->message;
  return Status(rep_->code, rep_->error_number, std::move(message));
}

namespace internal {
void AssertFailed(const char* expression, const char* file, int line) {
  (void)std::fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expression);
  std::abort();
}
}  // namespace internal

}  // namespace powercut
