// libpowercut-nth-io-fault.so (tests only): fails the Nth I/O call of the process it is preloaded
// into, once or from then on, through libfiu's POSIX preload library (fiu_posix_preload.so),
// which wraps the libc calls and asks libfiu whether to fail each one. This library only decides:
// it enables libfiu's POSIX points with a callback that counts their calls.
//
//   LD_PRELOAD="libpowercut-nth-io-fault.so /usr/lib/fiu/fiu_posix_preload.so"
//   POWERCUT_NTH_IO_FAULT="N FAULT MODE"   N >= 1; FAULT an errno number (every I/O call
//                                          counts), "write:ERRNO" (only writes count), or "short"
//                                          (a write returns fewer bytes than asked, no error);
//                                          MODE "once" or "persistent" (every counted call from
//                                          the Nth on)
//   POWERCUT_NTH_IO_FAULT_LOG=FILE         written at exit: "calls=C fired=F first=POINT\n"
//   POWERCUT_NTH_IO_FAULT_CHILD_PRELOAD=P  LD_PRELOAD for the processes it starts (empty: none)
//
// What counts: an errno fault counts open, close, read, write (and their p/v variants), fsync,
// fdatasync, (f)truncate, rename, unlink, opendir/readdir, fopen and remove; a short write
// counts only writes. Not wrapped by libfiu, so never counted: openat, mkdir, rmdir, stat,
// link, the calls glibc makes inside itself (stdio's own writes, posix_spawn), and the dynamic
// loader's. std::cout and std::cerr go through stdio, whose points are not enabled: powercut's
// messages are never the fault.
//
// Scope: the process itself only. The control variables and the preload list are taken out of
// the environment before main, so the programs it starts (workload, checker, sh) run normally;
// a forked child stops counting (pthread_atfork). At exit (an atexit handler, which runs before
// the destructors that write coverage data) the counting stops and the log is written.
#include <fcntl.h>
#include <fiu-control.h>
#include <fiu.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// Not closedir: libfiu's wrapper fails it without calling it, so the DIR leaks (LeakSanitizer
// reports it), where a real closedir always frees it.
constexpr const char* kErrnoPoints[] = {
    "posix/io/oc/open",        "posix/io/oc/close",     "posix/io/sync/fsync",
    "posix/io/sync/fdatasync", "posix/io/rw/read",      "posix/io/rw/pread",
    "posix/io/rw/readv",       "posix/io/rw/preadv",    "posix/io/rw/write",
    "posix/io/rw/pwrite",      "posix/io/rw/writev",    "posix/io/rw/pwritev",
    "posix/io/rw/truncate",    "posix/io/rw/ftruncate", "posix/io/dir/opendir",
    "posix/io/dir/fdopendir",  "posix/io/dir/readdir",  "posix/io/dir/unlink",
    "posix/io/dir/rename",     "posix/stdio/oc/fopen",  "posix/stdio/remove"};
constexpr const char* kWritePoints[] = {"posix/io/rw/write", "posix/io/rw/pwrite",
                                        "posix/io/rw/writev", "posix/io/rw/pwritev"};
// libfiu shortens the count of these by a random amount (at least one byte is left).
constexpr const char* kShortWritePoints[] = {
    "posix/io/rw/write/reduce", "posix/io/rw/pwrite/reduce", "posix/io/rw/writev/reduce",
    "posix/io/rw/pwritev/reduce"};

struct Control {
  long fail_at = 0;
  int error_number = 0;  // 0: a short write
  bool persistent = false;
  bool writes_only = false;
  char log[4096] = {};
};
Control control;
std::atomic<bool> armed{false};
std::atomic<long> calls{0};
std::atomic<long> fired{0};
std::atomic<const char*> first_fired{nullptr};

// libfiu's external callback. It runs inside libfiu's wrapper (which does not count calls made
// from here), with the point's exact name since every point is enabled by its own name.
int Decide(const char* name, int* /*failnum*/, void** failinfo, unsigned* /*flags*/) {
  if (!armed.load(std::memory_order_relaxed)) return 0;
  const long n = ++calls;
  if (n != control.fail_at && !(control.persistent && n > control.fail_at)) return 0;
  const char* none = nullptr;
  first_fired.compare_exchange_strong(none, name);
  ++fired;
  if (control.error_number != 0) {
    *failinfo = reinterpret_cast<void*>(static_cast<long>(control.error_number));  // NOLINT
  } else {
    ::srandom(static_cast<unsigned>(n));  // the shortened length: the same on every run
  }
  return 1;
}

void WriteLog() {
  armed = false;
  if (control.log[0] == '\0') return;
  char line[512];
  const char* first = first_fired.load();
  const int size = std::snprintf(line, sizeof line, "calls=%ld fired=%ld first=%s\n", calls.load(),
                                 fired.load(), first != nullptr ? first : "-");
  const int fd = ::open(control.log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  (void)!::write(fd, line, static_cast<size_t>(size));
  ::close(fd);
}

void StopInChild() { armed = false; }

bool Parse(const char* spec) {
  char fault[32] = {};
  char mode[32] = {};
  if (std::sscanf(spec, "%ld %31s %31s", &control.fail_at, fault, mode) != 3) return false;
  if (control.fail_at < 1) return false;
  if (std::strcmp(fault, "short") != 0) {
    control.writes_only = std::strncmp(fault, "write:", 6) == 0;
    control.error_number = std::atoi(fault + (control.writes_only ? 6 : 0));
    if (control.error_number <= 0) return false;
  }
  if (std::strcmp(mode, "persistent") == 0) {
    control.persistent = true;
  } else if (std::strcmp(mode, "once") != 0) {
    return false;
  }
  return true;
}

// After libfiu's own constructors (fiu_posix_preload initialises at priorities 200-250).
__attribute__((constructor(300))) void Arm() {
  const char* spec = std::getenv("POWERCUT_NTH_IO_FAULT");  // NOLINT(concurrency-mt-unsafe)
  if (spec == nullptr) return;
  if (!Parse(spec)) {
    (void)std::fprintf(stderr, "nth_io_fault: bad POWERCUT_NTH_IO_FAULT '%s'\n", spec);
    std::_Exit(99);
  }
  if (const char* log = std::getenv("POWERCUT_NTH_IO_FAULT_LOG")) {  // NOLINT
    (void)std::snprintf(control.log, sizeof control.log, "%s", log);
  }
  const char* child_preload = std::getenv("POWERCUT_NTH_IO_FAULT_CHILD_PRELOAD");  // NOLINT
  if (child_preload != nullptr && child_preload[0] != '\0') {
    ::setenv("LD_PRELOAD", child_preload, 1);  // NOLINT(concurrency-mt-unsafe)
  } else {
    ::unsetenv("LD_PRELOAD");  // NOLINT(concurrency-mt-unsafe)
  }
  for (const char* name : {"POWERCUT_NTH_IO_FAULT", "POWERCUT_NTH_IO_FAULT_LOG",
                           "POWERCUT_NTH_IO_FAULT_CHILD_PRELOAD"}) {
    ::unsetenv(name);  // NOLINT(concurrency-mt-unsafe)
  }
  fiu_init(0);
  if (control.writes_only) {
    for (const char* point : kWritePoints) fiu_enable_external(point, 1, nullptr, 0, Decide);
  } else if (control.error_number != 0) {
    for (const char* point : kErrnoPoints) fiu_enable_external(point, 1, nullptr, 0, Decide);
  } else {
    for (const char* point : kShortWritePoints) fiu_enable_external(point, 1, nullptr, 0, Decide);
  }
  ::pthread_atfork(nullptr, nullptr, StopInChild);
  if (std::atexit(WriteLog) != 0) std::_Exit(99);
  armed = true;
}

}  // namespace
