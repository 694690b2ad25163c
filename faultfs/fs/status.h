// Status: the outcome of an operation that can fail for reasons outside the program's control
// (I/O errors, corrupt input, bad arguments). Programmer errors are not Statuses: they abort
// through POWERCUT_ASSERT.
//
// A Status is a value: cheap to copy when OK (no allocation), and [[nodiscard]] so an ignored
// error is a compile-time warning. Libraries return Status/Result; only command-line edges turn
// them into exceptions or exit codes.
#ifndef POWERCUT_FAULTFS_FS_STATUS_H_
#define POWERCUT_FAULTFS_FS_STATUS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace powercut {

enum class StatusCode : uint8_t {
  kOk = 0,
  kIoError,             // the OS reported an error; errno() holds it
  kNotFound,            // a named file or directory does not exist (ENOENT)
  kCorruption,          // stored bytes fail validation where damage cannot be explained by a crash
  kInvalidArgument,     // the caller asked for something impossible (bad size, bad id)
  kFailedPrecondition,  // the object is in a state that forbids the call (closed, failed)
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status IoError(std::string_view context, int error_number);
  static Status NotFound(std::string_view message);
  static Status Corruption(std::string_view message);
  static Status InvalidArgument(std::string_view message);
  static Status FailedPrecondition(std::string_view message);

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // The errno behind an kIoError/kNotFound from the OS, or 0.
  int error_number() const { return rep_ ? rep_->error_number : 0; }
  // Human-readable, without the code name ("wal/1.wal: fdatasync: Input/output error").
  const std::string& message() const;
  // "IO error: wal/1.wal: fdatasync: Input/output error".
  std::string ToString() const;

  // A copy with `context + ": "` in front of the message, to say where an error happened.
  Status WithContext(std::string_view context) const;

  bool IsIoError() const { return code() == StatusCode::kIoError; }
  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }
  bool IsInvalidArgument() const { return code() == StatusCode::kInvalidArgument; }
  bool IsFailedPrecondition() const { return code() == StatusCode::kFailedPrecondition; }

 private:
  struct Rep {
    StatusCode code;
    int error_number;
    std::string message;
  };
  Status(StatusCode code, int error_number, std::string message);

  // Shared and immutable: copying an error is a reference-count bump.
  std::shared_ptr<const Rep> rep_;
};

}  // namespace powercut

// Aborts with the expression, file and line. For broken invariants, never for bad input.
#define POWERCUT_ASSERT(cond)                                                  \
  do {                                                                         \
    if (!(cond)) ::powercut::internal::AssertFailed(#cond, __FILE__, __LINE__); \
  } while (false)

namespace powercut::internal {
[[noreturn]] void AssertFailed(const char* expression, const char* file, int line);
}  // namespace powercut::internal

#endif  // POWERCUT_FAULTFS_FS_STATUS_H_
