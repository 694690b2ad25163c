#include "faultfs/preload/exit_hooks.h"

#include <dirent.h>
#include <limits.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/stdio_accounting.h"

namespace powercut::preload {
namespace {

// An io_uring instance shows in /proc/self/fd as a link to "anon_inode:[io_uring]". Only one that
// is still open at exit can be seen.
void DetectIoUring() {
  DIR* fds = ::opendir("/proc/self/fd");
  if (fds == nullptr) return;
  const int own = ::dirfd(fds);
  while (const dirent* entry = ::readdir(fds)) {  // NOLINT(concurrency-mt-unsafe): own DIR*
    if (entry->d_name[0] == '.' || std::atoi(entry->d_name) == own) continue;
    char target[64];
    const ssize_t length = ::readlinkat(own, entry->d_name, target, sizeof(target) - 1);
    if (length <= 0) continue;
    if (std::string_view(target, static_cast<size_t>(length)) == "anon_inode:[io_uring]") {
      Warn("a process used io_uring: writes through it are not recorded");
      break;
    }
  }
  ::closedir(fds);
}

}  // namespace

void RunExitHooks() {
  ShimScope scope;
  if (!scope) return;
  AccountedFlushAll();
  DetectIoUring();
}

}  // namespace powercut::preload
