// Declarations of glibc entry points the shim interposes that the headers declare only under
// _FORTIFY_SOURCE (the shim is built without it, so that it can define the plain names too).
#ifndef POWERCUT_FAULTFS_PRELOAD_GLIBC_DECLS_H_
#define POWERCUT_FAULTFS_PRELOAD_GLIBC_DECLS_H_

#include <stdarg.h>
#include <stdio.h>

// glibc's own names.
// NOLINTBEGIN(readability-identifier-naming,bugprone-reserved-identifier)
extern "C" {
int __open_2(const char* path, int flags);
int __open64_2(const char* path, int flags);
int __openat_2(int dirfd, const char* path, int flags);
int __openat64_2(int dirfd, const char* path, int flags);
int __printf_chk(int flag, const char* format, ...);
int __fprintf_chk(FILE* stream, int flag, const char* format, ...);
int __dprintf_chk(int fd, int flag, const char* format, ...);
int __vprintf_chk(int flag, const char* format, va_list args);
int __vfprintf_chk(FILE* stream, int flag, const char* format, va_list args);
int __vdprintf_chk(int fd, int flag, const char* format, va_list args);
}
// NOLINTEND(readability-identifier-naming,bugprone-reserved-identifier)

#endif  // POWERCUT_FAULTFS_PRELOAD_GLIBC_DECLS_H_
