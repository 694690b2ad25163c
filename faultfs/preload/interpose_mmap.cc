// mmap: a writable MAP_SHARED mapping of a file in DIR is a warning, since stores through it
// reach the file without a call the shim can see (RECORDING.md, "Warnings").
#include <limits.h>
#include <sys/mman.h>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/exports.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

void CheckMapping(int prot, int flags, int fd) {
  if (fd < 0 || (prot & PROT_WRITE) == 0 || (flags & MAP_TYPE) == MAP_PRIVATE) return;
  ShimScope scope;
  if (!scope) return;
  ErrnoKeeper keep;
  if (ClassifyFd(fd).kind != FdKind::kInDir) return;
  char buffer[PATH_MAX];
  const std::string_view path = PathOfFd(fd, buffer, sizeof(buffer));
  WarningText text;
  text << "shared writable mmap of " << PathInDirShown(path)
       << ": writes through it are not recorded";
  Warn(text.view());
}

}  // namespace
}  // namespace powercut::preload

namespace real = powercut::preload::real;

POWERCUT_EXPORTS_BEGIN


void* mmap(void* address, size_t length, int prot, int flags, int fd, off_t offset) {
  powercut::preload::CheckMapping(prot, flags, fd);
  return real::mmap(address, length, prot, flags, fd, offset);
}

void* mmap64(void* address, size_t length, int prot, int flags, int fd, off64_t offset) {
  powercut::preload::CheckMapping(prot, flags, fd);
  return real::mmap64(address, length, prot, flags, fd, offset);
}

POWERCUT_EXPORTS_END
