// The exec family and posix_spawn: only checked (exec_check.h), never changed. execl, execlp
// and execle are built on execv, execvp and execve, as in libc.
#include <alloca.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "faultfs/preload/exec_check.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): unistd.h only with _GNU_SOURCE

namespace real = powercut::preload::real;
using powercut::preload::CheckExec;
using powercut::preload::ShimScope;

namespace {

void Check(int dirfd, const char* path, bool search, char* const envp[]) {
  ShimScope scope;
  if (scope) CheckExec(dirfd, path, search, envp);
}

}  // namespace

// The argument list of execl/execlp/execle, in a stack array (no allocation: vfork children).
// A macro: alloca must run in the variadic function's own frame.
// NOLINTBEGIN(cppcoreguidelines-pro-type-vararg,bugprone-macro-parentheses)
#define POWERCUT_COLLECT_ARGV(first, argv, envp_out)                       \
  size_t count = 1;                                                         \
  {                                                                         \
    va_list counting;                                                       \
    va_start(counting, first);                                              \
    while (va_arg(counting, const char*) != nullptr) ++count;               \
    va_end(counting);                                                       \
  }                                                                         \
  auto** argv = static_cast<char**>(alloca((count + 1) * sizeof(char*)));  \
  {                                                                         \
    va_list collecting;                                                     \
    va_start(collecting, first);                                            \
    argv[0] = const_cast<char*>(first);                                     \
    for (size_t i = 1; i <= count; ++i) argv[i] = va_arg(collecting, char*); \
    envp_out = va_arg(collecting, char**);                                  \
    va_end(collecting);                                                     \
  }
// NOLINTEND(cppcoreguidelines-pro-type-vararg,bugprone-macro-parentheses)

POWERCUT_EXPORTS_BEGIN


int execve(const char* path, char* const argv[], char* const envp[]) {
  Check(AT_FDCWD, path, false, envp);
  return real::execve(path, argv, envp);
}

int execv(const char* path, char* const argv[]) {
  Check(AT_FDCWD, path, false, environ);
  return real::execv(path, argv);
}

int execvp(const char* file, char* const argv[]) {
  Check(AT_FDCWD, file, true, environ);
  return real::execvp(file, argv);
}

int execvpe(const char* file, char* const argv[], char* const envp[]) {
  Check(AT_FDCWD, file, true, envp);
  return real::execvpe(file, argv, envp);
}

int execl(const char* path, const char* arg, ...) {
  char** unused_envp = nullptr;
  POWERCUT_COLLECT_ARGV(arg, argv, unused_envp)
  (void)unused_envp;
  Check(AT_FDCWD, path, false, environ);
  return real::execv(path, argv);
}

int execlp(const char* file, const char* arg, ...) {
  char** unused_envp = nullptr;
  POWERCUT_COLLECT_ARGV(arg, argv, unused_envp)
  (void)unused_envp;
  Check(AT_FDCWD, file, true, environ);
  return real::execvp(file, argv);
}

int execle(const char* path, const char* arg, ...) {
  char** envp = nullptr;
  POWERCUT_COLLECT_ARGV(arg, argv, envp)
  Check(AT_FDCWD, path, false, envp);
  return real::execve(path, argv, envp);
}

int fexecve(int fd, char* const argv[], char* const envp[]) {
  char path[32];
  (void)snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
  Check(AT_FDCWD, path, false, envp);
  return real::fexecve(fd, argv, envp);
}

int execveat(int dirfd, const char* path, char* const argv[], char* const envp[], int flags) {
  Check(dirfd, path, false, envp);
  return real::execveat(dirfd, path, argv, envp, flags);
}

int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
  Check(AT_FDCWD, path, false, envp);
  return real::posix_spawn(pid, path, actions, attributes, argv, envp);
}

int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                 const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
  Check(AT_FDCWD, file, true, envp);
  return real::posix_spawnp(pid, file, actions, attributes, argv, envp);
}

POWERCUT_EXPORTS_END
