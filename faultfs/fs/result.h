// Result<T>: a T, or the Status that explains why there is none (the shape of absl::StatusOr and
// std::expected). [[nodiscard]], so a dropped error is a warning.
#ifndef POWERCUT_FAULTFS_FS_RESULT_H_
#define POWERCUT_FAULTFS_FS_RESULT_H_

#include <optional>
#include <utility>

#include "faultfs/fs/status.h"

namespace powercut {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    POWERCUT_ASSERT(!status_.ok());  // an OK Result must carry a value
  }

  bool ok() const { return value_.has_value(); }
  // OK when a value is present.
  const Status& status() const { return status_; }

  T& value() & {
    POWERCUT_ASSERT(ok());
    return *value_;
  }
  const T& value() const& {
    POWERCUT_ASSERT(ok());
    return *value_;
  }
  T&& value() && {
    POWERCUT_ASSERT(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace powercut

#define POWERCUT_CONCAT_INNER_(a, b) a##b
#define POWERCUT_CONCAT_(a, b) POWERCUT_CONCAT_INNER_(a, b)

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define POWERCUT_RETURN_IF_ERROR(expr)                 \
  do {                                                 \
    ::powercut::Status powercut_status_ = (expr);      \
    if (!powercut_status_.ok()) return powercut_status_; \
  } while (false)

// `lhs = value of expr`, or returns its Status from the enclosing function. `lhs` may be a
// declaration, so it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define POWERCUT_ASSIGN_OR_RETURN(lhs, expr) \
  POWERCUT_ASSIGN_OR_RETURN_IMPL_(POWERCUT_CONCAT_(powercut_result_, __LINE__), lhs, expr)
#define POWERCUT_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                    \
  if (!result.ok()) return result.status();                \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // POWERCUT_FAULTFS_FS_RESULT_H_
