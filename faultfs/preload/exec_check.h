// Before an exec: will the shim run in the new program? It will not when the program is
// statically linked (or 32-bit), when it is setuid/setgid to someone else (the loader then
// ignores LD_PRELOAD), or when the environment handed to it no longer preloads the shim. Each
// case is a warning, never silence (RECORDING.md, "Warnings"); the exec itself goes ahead.
//
// Allocation-free and lock-free: exec is often called in a vfork child.
#ifndef POWERCUT_FAULTFS_PRELOAD_EXEC_CHECK_H_
#define POWERCUT_FAULTFS_PRELOAD_EXEC_CHECK_H_

namespace powercut::preload {

// `path` relative to `dirfd` (AT_FDCWD for the working directory); `search_path`: looked up in
// $PATH when it has no '/' (execvp). `envp`: the environment the program will get.
void CheckExec(int dirfd, const char* path, bool search_path, char* const envp[]);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_EXEC_CHECK_H_
