// The open family, every name: open, open64, openat, openat64, creat, creat64, the fortified
// __open*_2, fopen/fopen64/freopen/freopen64 (glibc opens for them internally), and the
// mkstemp/mkdtemp family (likewise).
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "faultfs/preload/exports.h"
#include "faultfs/preload/open_recording.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/stdio_accounting.h"

namespace real = powercut::preload::real;
using powercut::preload::Made;
using powercut::preload::RecordedMake;
using powercut::preload::RecordedOpen;
using powercut::preload::ShimScope;

namespace {

bool TakesMode(int flags) { return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE; }

// The open(2) flags glibc's fopen uses for `mode` ("w", "a+", "wx", ...).
int FopenFlags(const char* mode) {
  int flags = 0;
  bool plus = false;
  for (const char* c = mode + 1; *c != '\0' && *c != ','; ++c) {
    if (*c == '+') plus = true;
    if (*c == 'x') flags |= O_EXCL;
  }
  switch (mode[0]) {
    case 'w': return flags | (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
    case 'a': return flags | (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
    default: return plus ? O_RDWR : O_RDONLY;
  }
}

template <typename Real>
int Open(int dirfd, const char* path, int flags, Real&& real_open) {
  ShimScope scope;
  if (!scope) return real_open();
  return RecordedOpen(dirfd, path, flags, real_open);
}

template <typename Real>
FILE* Fopen(const char* path, const char* mode, Real&& real_fopen) {
  ShimScope scope;
  if (!scope || mode == nullptr) return real_fopen();
  FILE* stream = nullptr;
  RecordedOpen(AT_FDCWD, path, FopenFlags(mode), [&] {
    stream = real_fopen();
    return stream != nullptr ? fileno(stream) : -1;
  });
  return stream;
}

template <typename Real>
FILE* Freopen(const char* path, const char* mode, FILE* stream, Real&& real_freopen) {
  ShimScope scope;
  if (!scope) return real_freopen();
  // freopen closes the stream first, flushing it inside libc: flush it where it is seen.
  if (stream != nullptr) powercut::preload::AccountedFlush(stream);
  if (path == nullptr || mode == nullptr) return real_freopen();
  FILE* reopened = nullptr;
  RecordedOpen(AT_FDCWD, path, FopenFlags(mode), [&] {
    reopened = real_freopen();
    return reopened != nullptr ? fileno(reopened) : -1;
  });
  return reopened;
}

}  // namespace

POWERCUT_EXPORTS_BEGIN


// open's mode argument is there only when the flags can create a file. A macro: va_start must
// run in the variadic function itself.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define POWERCUT_OPEN_MODE(flags, mode)                     \
  mode_t mode = 0;                                          \
  if (TakesMode(flags)) {                                   \
    va_list args;                                           \
    va_start(args, flags);                                  \
    mode = va_arg(args, mode_t);                            \
    va_end(args);                                           \
  }
// NOLINTEND(bugprone-macro-parentheses)

int open(const char* path, int flags, ...) {
  POWERCUT_OPEN_MODE(flags, mode)
  return Open(AT_FDCWD, path, flags, [&] { return real::open(path, flags, mode); });
}

int open64(const char* path, int flags, ...) {
  POWERCUT_OPEN_MODE(flags, mode)
  return Open(AT_FDCWD, path, flags, [&] { return real::open64(path, flags, mode); });
}

int openat(int dirfd, const char* path, int flags, ...) {
  POWERCUT_OPEN_MODE(flags, mode)
  return Open(dirfd, path, flags, [&] { return real::openat(dirfd, path, flags, mode); });
}

int openat64(int dirfd, const char* path, int flags, ...) {
  POWERCUT_OPEN_MODE(flags, mode)
  return Open(dirfd, path, flags, [&] { return real::openat64(dirfd, path, flags, mode); });
}

int creat(const char* path, mode_t mode) {
  return Open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, [&] { return real::creat(path, mode); });
}

int creat64(const char* path, mode_t mode) {
  return Open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC,
              [&] { return real::creat64(path, mode); });
}

// NOLINTBEGIN(readability-identifier-naming,bugprone-reserved-identifier): glibc's names
int __open_2(const char* path, int flags) {
  return Open(AT_FDCWD, path, flags, [&] { return real::__open_2(path, flags); });
}

int __open64_2(const char* path, int flags) {
  return Open(AT_FDCWD, path, flags, [&] { return real::__open64_2(path, flags); });
}

int __openat_2(int dirfd, const char* path, int flags) {
  return Open(dirfd, path, flags, [&] { return real::__openat_2(dirfd, path, flags); });
}

int __openat64_2(int dirfd, const char* path, int flags) {
  return Open(dirfd, path, flags, [&] { return real::__openat64_2(dirfd, path, flags); });
}
// NOLINTEND(readability-identifier-naming,bugprone-reserved-identifier)

FILE* fopen(const char* path, const char* mode) {
  return Fopen(path, mode, [&] { return real::fopen(path, mode); });
}

FILE* fopen64(const char* path, const char* mode) {
  return Fopen(path, mode, [&] { return real::fopen64(path, mode); });
}

FILE* freopen(const char* path, const char* mode, FILE* stream) {
  return Freopen(path, mode, stream, [&] { return real::freopen(path, mode, stream); });
}

FILE* freopen64(const char* path, const char* mode, FILE* stream) {
  return Freopen(path, mode, stream, [&] { return real::freopen64(path, mode, stream); });
}

int mkstemp(char* path) {
  ShimScope scope;
  if (!scope) return real::mkstemp(path);
  return RecordedMake(path, Made::kFile, [&] { return real::mkstemp(path); });
}

int mkstemp64(char* path) {
  ShimScope scope;
  if (!scope) return real::mkstemp64(path);
  return RecordedMake(path, Made::kFile, [&] { return real::mkstemp64(path); });
}

int mkostemp(char* path, int flags) {
  ShimScope scope;
  if (!scope) return real::mkostemp(path, flags);
  return RecordedMake(path, Made::kFile, [&] { return real::mkostemp(path, flags); });
}

int mkostemp64(char* path, int flags) {
  ShimScope scope;
  if (!scope) return real::mkostemp64(path, flags);
  return RecordedMake(path, Made::kFile, [&] { return real::mkostemp64(path, flags); });
}

int mkstemps(char* path, int suffix) {
  ShimScope scope;
  if (!scope) return real::mkstemps(path, suffix);
  return RecordedMake(path, Made::kFile, [&] { return real::mkstemps(path, suffix); });
}

int mkstemps64(char* path, int suffix) {
  ShimScope scope;
  if (!scope) return real::mkstemps64(path, suffix);
  return RecordedMake(path, Made::kFile, [&] { return real::mkstemps64(path, suffix); });
}

int mkostemps(char* path, int suffix, int flags) {
  ShimScope scope;
  if (!scope) return real::mkostemps(path, suffix, flags);
  return RecordedMake(path, Made::kFile, [&] { return real::mkostemps(path, suffix, flags); });
}

int mkostemps64(char* path, int suffix, int flags) {
  ShimScope scope;
  if (!scope) return real::mkostemps64(path, suffix, flags);
  return RecordedMake(path, Made::kFile, [&] { return real::mkostemps64(path, suffix, flags); });
}

char* mkdtemp(char* path) {
  ShimScope scope;
  if (!scope) return real::mkdtemp(path);
  char* made = nullptr;
  RecordedMake(path, Made::kDirectory, [&] {
    made = real::mkdtemp(path);
    return made != nullptr ? 0 : -1;
  });
  return made;
}

POWERCUT_EXPORTS_END
