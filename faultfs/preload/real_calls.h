// The functions the shim interposes, as the next object in the lookup order (libc, or libfiu's
// POSIX wrappers when they are preloaded after the shim) defines them: real::write(fd, buf, n).
//
// Each is looked up with dlsym(RTLD_NEXT) once. ResolveRealCalls() looks all of them up when the
// shim initialises, so that later calls (in a signal handler, in a vfork child) never call dlsym;
// a call made before that (from another library's constructor) looks its function up on the spot.
#ifndef POWERCUT_FAULTFS_PRELOAD_REAL_CALLS_H_
#define POWERCUT_FAULTFS_PRELOAD_REAL_CALLS_H_

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>

#include "faultfs/preload/glibc_decls.h"

// X(name) for every interposed function.
#define POWERCUT_REAL_CALLS(X)                                                              \
  X(open) X(open64) X(openat) X(openat64) X(creat) X(creat64) X(__open_2) X(__open64_2)     \
  X(__openat_2) X(__openat64_2) X(fopen) X(fopen64) X(freopen) X(freopen64) X(mkstemp)      \
  X(mkstemp64) X(mkostemp) X(mkostemp64) X(mkstemps) X(mkstemps64) X(mkostemps)             \
  X(mkostemps64) X(mkdtemp)                                                                 \
  X(write) X(pwrite) X(pwrite64) X(writev) X(pwritev) X(pwritev64) X(pwritev2)              \
  X(pwritev64v2) X(copy_file_range) X(sendfile) X(sendfile64) X(splice)                     \
  X(truncate) X(truncate64) X(ftruncate) X(ftruncate64) X(fallocate) X(fallocate64)         \
  X(posix_fallocate) X(posix_fallocate64)                                                   \
  X(fsync) X(fdatasync) X(sync) X(syncfs)                                                   \
  X(rename) X(renameat) X(renameat2) X(unlink) X(unlinkat) X(rmdir) X(remove) X(link)      \
  X(linkat) X(mkdir) X(mkdirat) X(symlink) X(symlinkat) X(mknod) X(mknodat) X(mkfifo)       \
  X(mkfifoat)                                                                               \
  X(close) X(dup) X(dup2) X(dup3) X(fcntl) X(fcntl64) X(close_range) X(closefrom)           \
  X(execve) X(execv) X(execvp) X(execvpe) X(fexecve) X(execveat) X(posix_spawn)             \
  X(posix_spawnp)                                                                           \
  X(mmap) X(mmap64)                                                                         \
  X(fwrite) X(fwrite_unlocked) X(fputs) X(fputs_unlocked) X(fputc) X(fputc_unlocked)        \
  X(putc) X(putc_unlocked) X(putchar) X(putchar_unlocked) X(puts) X(fflush)                 \
  X(fflush_unlocked) X(fclose) X(fseek) X(fseeko) X(fseeko64) X(fsetpos) X(fsetpos64)       \
  X(rewind) X(__overflow) X(vfprintf) X(vprintf) X(vdprintf) X(__vfprintf_chk)              \
  X(__vprintf_chk) X(__vdprintf_chk)

namespace powercut::preload::real {

template <typename Fn>
Fn Lookup(std::atomic<Fn>& slot, const char* name) {
  Fn fn = slot.load(std::memory_order_acquire);
  if (fn == nullptr) {
    fn = reinterpret_cast<Fn>(::dlsym(RTLD_NEXT, name));
    slot.store(fn, std::memory_order_release);
  }
  return fn;
}

// libc's declarations carry attributes (nonnull, warn_unused_result) that a pointer type drops.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
// NOLINTBEGIN(bugprone-macro-parentheses,readability-identifier-naming)
#define POWERCUT_DECLARE_REAL_CALL(name)                                    \
  inline std::atomic<decltype(&::name)> name##_slot{nullptr};               \
  template <typename... Args>                                               \
  inline auto name(Args... args) { return Lookup(name##_slot, #name)(args...); }
POWERCUT_REAL_CALLS(POWERCUT_DECLARE_REAL_CALL)
#undef POWERCUT_DECLARE_REAL_CALL
// NOLINTEND(bugprone-macro-parentheses,readability-identifier-naming)
#pragma GCC diagnostic pop

// Looks every function up now. Returns the name of one libc lacks, or nullptr.
const char* ResolveRealCalls();

}  // namespace powercut::preload::real

#endif  // POWERCUT_FAULTFS_PRELOAD_REAL_CALLS_H_
