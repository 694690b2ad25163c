// What the shim does when a process exits normally (its destructor, which runs after the
// program's atexit handlers and before libc flushes its streams): flush every stream where the
// shim sees it, and look for io_uring instances, whose writes it cannot see.
#ifndef POWERCUT_FAULTFS_PRELOAD_EXIT_HOOKS_H_
#define POWERCUT_FAULTFS_PRELOAD_EXIT_HOOKS_H_

namespace powercut::preload {

// REQUIRES: ShimActive(), not inside the shim.
void RunExitHooks();

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_EXIT_HOOKS_H_
