// The printf family (printf, fprintf, vprintf, vfprintf, dprintf, vdprintf and their fortified
// __*_chk forms). On a stream or descriptor the shim records, the text is formatted here and
// handed to fwrite (or written with the recorded write path): the accounting needs the bytes a
// call adds, which glibc's own printf never shows. Elsewhere the real function runs untouched.
#include <stdarg.h>
#include <stdio.h>

#include <string>

#include "faultfs/preload/exports.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/stdio_accounting.h"
#include "faultfs/preload/write_recording.h"

extern "C" int __vsnprintf_chk(char* out, size_t size, int flag, size_t out_size,  // NOLINT
                               const char* format, va_list args);

namespace real = powercut::preload::real;
using powercut::preload::ShimScope;

namespace {

constexpr int kNoFortify = -1;

// Formats as vsnprintf (or its fortified form with `flag`) would; -1 on an encoding error.
int Format(std::string& out, int flag, const char* format, va_list args) {
  char small[512];
  va_list first;
  va_copy(first, args);
  const int length = flag == kNoFortify
                         ? vsnprintf(small, sizeof(small), format, first)
                         : __vsnprintf_chk(small, sizeof(small), flag, sizeof(small), format, first);
  va_end(first);
  if (length < 0) return -1;
  if (static_cast<size_t>(length) < sizeof(small)) {
    out.assign(small, static_cast<size_t>(length));
    return length;
  }
  out.resize(static_cast<size_t>(length) + 1);
  va_list second;
  va_copy(second, args);
  if (flag == kNoFortify) {
    (void)vsnprintf(out.data(), out.size(), format, second);
  } else {
    (void)__vsnprintf_chk(out.data(), out.size(), flag, out.size(), format, second);
  }
  va_end(second);
  out.resize(static_cast<size_t>(length));
  return length;
}

bool Tracked(int fd) {
  return fd >= 0 && powercut::preload::ClassifyFd(fd).kind != powercut::preload::FdKind::kOther;
}

// `fallback()` runs the real function with the untouched argument list.
template <typename Fallback>
int StreamPrintf(FILE* stream, int flag, const char* format, va_list args, Fallback&& fallback) {
  ShimScope scope;
  if (!scope || stream == nullptr || !Tracked(stream->_fileno)) return fallback();
  std::string text;
  if (Format(text, flag, format, args) < 0) return fallback();
  return powercut::preload::AccountedCall(
      stream, text,
      [&] {
        const size_t written = real::fwrite(text.data(), 1, text.size(), stream);
        return written == text.size() ? static_cast<int>(text.size()) : -1;
      },
      [](int result) { return result >= 0; });
}

template <typename Fallback>
int DescriptorPrintf(int fd, int flag, const char* format, va_list args, Fallback&& fallback) {
  ShimScope scope;
  if (!scope || !Tracked(fd)) return fallback();
  std::string text;
  if (Format(text, flag, format, args) < 0) return fallback();
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t written = powercut::preload::RecordedWrite(fd, text.data() + done, text.size() - done);
    if (written <= 0) return -1;
    done += static_cast<size_t>(written);
  }
  return static_cast<int>(done);
}

}  // namespace

// NOLINTBEGIN(cppcoreguidelines-pro-type-vararg,readability-identifier-naming)
POWERCUT_EXPORTS_BEGIN


int vfprintf(FILE* stream, const char* format, va_list args) {
  return StreamPrintf(stream, kNoFortify, format, args,
                      [&] { return real::vfprintf(stream, format, args); });
}

int vprintf(const char* format, va_list args) {
  return StreamPrintf(stdout, kNoFortify, format, args,
                      [&] { return real::vfprintf(stdout, format, args); });
}

int fprintf(FILE* stream, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int result = vfprintf(stream, format, args);
  va_end(args);
  return result;
}

int printf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int result = vfprintf(stdout, format, args);
  va_end(args);
  return result;
}

int __vfprintf_chk(FILE* stream, int flag, const char* format, va_list args) {
  return StreamPrintf(stream, flag, format, args,
                      [&] { return real::__vfprintf_chk(stream, flag, format, args); });
}

int __vprintf_chk(int flag, const char* format, va_list args) {
  return StreamPrintf(stdout, flag, format, args,
                      [&] { return real::__vfprintf_chk(stdout, flag, format, args); });
}

int __fprintf_chk(FILE* stream, int flag, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int result = __vfprintf_chk(stream, flag, format, args);
  va_end(args);
  return result;
}

int __printf_chk(int flag, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int result = __vfprintf_chk(stdout, flag, format, args);
  va_end(args);
  return result;
}

int vdprintf(int fd, const char* format, va_list args) {
  return DescriptorPrintf(fd, kNoFortify, format, args,
                          [&] { return real::vdprintf(fd, format, args); });
}

int dprintf(int fd, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int result = vdprintf(fd, format, args);
  va_end(args);
  return result;
}

int __vdprintf_chk(int fd, int flag, const char* format, va_list args) {
  return DescriptorPrintf(fd, flag, format, args,
                          [&] { return real::__vdprintf_chk(fd, flag, format, args); });
}

int __dprintf_chk(int fd, int flag, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int result = __vdprintf_chk(fd, flag, format, args);
  va_end(args);
  return result;
}

POWERCUT_EXPORTS_END
// NOLINTEND(cppcoreguidelines-pro-type-vararg,readability-identifier-naming)
