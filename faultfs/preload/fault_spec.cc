#include "faultfs/preload/fault_spec.h"

#include <errno.h>

#include <charconv>
#include <utility>

#include "faultfs/preload/shared_region.h"

namespace powercut::preload {
namespace {

struct ErrnoName {
  std::string_view name;
  int value;
};

// The errnos a file-system call can plausibly return.
constexpr ErrnoName kErrnoNames[] = {
    {"EPERM", EPERM},   {"ENOENT", ENOENT},   {"EINTR", EINTR},   {"EIO", EIO},
    {"ENXIO", ENXIO},   {"EBADF", EBADF},     {"EAGAIN", EAGAIN}, {"ENOMEM", ENOMEM},
    {"EACCES", EACCES}, {"EFAULT", EFAULT},   {"EBUSY", EBUSY},   {"EEXIST", EEXIST},
    {"EXDEV", EXDEV},   {"ENOTDIR", ENOTDIR}, {"EISDIR", EISDIR}, {"EINVAL", EINVAL},
    {"ENFILE", ENFILE}, {"EMFILE", EMFILE},   {"ETXTBSY", ETXTBSY}, {"EFBIG", EFBIG},
    {"ENOSPC", ENOSPC}, {"ESPIPE", ESPIPE},   {"EROFS", EROFS},   {"EMLINK", EMLINK},
    {"EPIPE", EPIPE},   {"ENAMETOOLONG", ENAMETOOLONG}, {"ENOTEMPTY", ENOTEMPTY},
    {"ELOOP", ELOOP},   {"EOVERFLOW", EOVERFLOW}, {"EDQUOT", EDQUOT}, {"ENOSYS", ENOSYS},
    {"EOPNOTSUPP", EOPNOTSUPP}, {"ESTALE", ESTALE},
};

bool ParseUnsigned(std::string_view text, uint64_t& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end;
}

Status Invalid(std::string_view spec, std::string_view problem) {
  return Status::InvalidArgument("fault '" + std::string(spec) + "': " + std::string(problem));
}

bool KnownPoint(std::string_view point) {
  for (std::string_view name : FaultPointNames()) {
    if (FaultPointMatches(point, name)) return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string_view>& FaultPointNames() {
  static const std::vector<std::string_view> names = {
      "powercut/io/oc/open",       "powercut/io/rw/write",      "powercut/io/rw/write/short",
      "powercut/io/rw/truncate",   "powercut/io/rw/fallocate",  "powercut/io/sync/fsync",
      "powercut/io/sync/fdatasync", "powercut/io/sync/sync",    "powercut/io/dir/rename",
      "powercut/io/dir/unlink",    "powercut/io/dir/mkdir",     "powercut/io/dir/rmdir",
      "powercut/io/dir/link",
  };
  return names;
}

bool FaultPointMatches(std::string_view pattern, std::string_view name) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return name.substr(0, pattern.size()) == pattern;
  }
  return pattern == name;
}

std::optional<int> ErrnoFromName(std::string_view name) {
  for (const ErrnoName& entry : kErrnoNames) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

Result<FaultSpec> ParseFaultSpec(std::string_view text) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos) return Invalid(text, "expected POINT=VALUE[@N[+]]");
  FaultSpec spec;
  std::string_view point = text.substr(0, equals);
  std::string_view value = text.substr(equals + 1);
  if (point.substr(0, kFaultPointPrefix.size()) == kFaultPointPrefix) {
    spec.point = std::string(point);
  } else {
    spec.point = std::string(kFaultPointPrefix) + std::string(point);
  }
  if (!KnownPoint(spec.point)) {
    return Invalid(text, "unknown fault point '" + std::string(point) +
                             "' (see RECORDING.md; e.g. sync/fsync, rw/write, dir/rename)");
  }

  const size_t at = value.find('@');
  if (at != std::string_view::npos) {
    std::string_view count = value.substr(at + 1);
    value = value.substr(0, at);
    spec.and_after = !count.empty() && count.back() == '+';
    if (spec.and_after) count.remove_suffix(1);
    if (!ParseUnsigned(count, spec.nth) || spec.nth == 0) {
      return Invalid(text, "the call count after '@' must be a number from 1, optionally followed by '+'");
    }
  }

  if (spec.point == kShortWritePoint) {
    if (!ParseUnsigned(value, spec.value) || spec.value == 0) {
      return Invalid(text, "a short write's value is the most bytes it moves, at least 1");
    }
    return spec;
  }
  if (std::optional<int> named = ErrnoFromName(value)) {
    spec.value = static_cast<uint64_t>(*named);
  } else if (!ParseUnsigned(value, spec.value) || spec.value == 0 || spec.value > 4095) {
    return Invalid(text, "unknown errno '" + std::string(value) + "' (a name like EIO, or 1..4095)");
  }
  return spec;
}

Result<std::vector<FaultSpec>> ParseFaultSpecs(std::string_view joined) {
  std::vector<FaultSpec> specs;
  while (!joined.empty()) {
    const size_t semicolon = joined.find(';');
    const std::string_view one = joined.substr(0, semicolon);
    joined = semicolon == std::string_view::npos ? std::string_view() : joined.substr(semicolon + 1);
    if (one.empty()) continue;
    POWERCUT_ASSIGN_OR_RETURN(FaultSpec spec, ParseFaultSpec(one));
    for (const FaultSpec& earlier : specs) {
      if (FaultPointMatches(earlier.point, spec.point) ||
          FaultPointMatches(spec.point, earlier.point)) {
        return Invalid(one, "overlaps the earlier fault on " + earlier.point);
      }
    }
    specs.push_back(std::move(spec));
    if (specs.size() > kMaxFaultSpecs) {
      return Status::InvalidArgument("more than " + std::to_string(kMaxFaultSpecs) +
                                     " fault specs");
    }
  }
  return specs;
}

std::string JoinFaultSpecs(const std::vector<std::string>& specs) {
  std::string joined;
  for (const std::string& spec : specs) {
    if (!joined.empty()) joined += ';';
    joined += spec;
  }
  return joined;
}

}  // namespace powercut::preload
