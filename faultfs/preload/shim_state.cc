// Environment and initialisation of the shim (RECORDING.md, "The shim's environment").
#include "faultfs/preload/shim_state.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <string_view>

#include "faultfs/preload/exit_hooks.h"
#include "faultfs/preload/faults.h"
#include "faultfs/preload/real_calls.h"

__thread int powercut_in_shim __attribute__((tls_model("initial-exec"))) = 0;

namespace powercut::preload {
namespace {

enum Phase : int { kUninitialised, kInitialising, kInactive, kActive };

// constinit: the shim may be used (and initialised) before its own static constructors run.
constinit std::atomic<int> g_phase{kUninitialised};
constinit ShimState g_state;

// Writes a line to stderr without allocating: the shim was asked to record and cannot.
void Complain(std::string_view what) {
  static constexpr std::string_view kPrefix = "powercut shim: not recording: ";
  (void)real::write(STDERR_FILENO, kPrefix.data(), kPrefix.size());
  (void)real::write(STDERR_FILENO, what.data(), what.size());
  (void)real::write(STDERR_FILENO, "\n", 1);
}

bool CopyString(const char* from, char (&to)[PATH_MAX]) {
  const size_t length = strlen(from);
  if (length >= PATH_MAX) return false;
  memcpy(to, from, length + 1);
  return true;
}

// "DEV:INO" in decimal.
bool ParseDevIno(std::string_view text, dev_t& dev, ino_t& ino) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  const char* end = text.data() + text.size();
  auto [p1, e1] = std::from_chars(text.data(), text.data() + colon, dev);
  auto [p2, e2] = std::from_chars(text.data() + colon + 1, end, ino);
  return e1 == std::errc() && p1 == text.data() + colon && e2 == std::errc() && p2 == end;
}

// The lowest descriptor the shim keeps its own files at: high, so the workload's numbering and
// select() range are untouched, but not near a huge RLIMIT_NOFILE (the kernel sizes each
// process's descriptor table to the highest descriptor in use).
int HighDescriptorBase() {
  rlimit limit{};
  rlim_t ceiling = 1024;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < ceiling) ceiling = limit.rlim_cur;
  return ceiling > 64 ? static_cast<int>(ceiling) - 24 : 3;
}

int OpenCaptureHigh(const char* path) {
  const int low = real::open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
  if (low < 0) return -1;
  const int high = real::fcntl(low, F_DUPFD_CLOEXEC, HighDescriptorBase());
  if (high < 0) return low;
  real::close(low);
  return high;
}

void OnForkChild() { g_state.region->processes.fetch_add(1, std::memory_order_relaxed); }

bool Initialise() {
  if (const char* missing = real::ResolveRealCalls()) {
    Complain(missing);
    return false;
  }
  const char* capture = getenv("POWERCUT_CAPTURE");  // NOLINT(concurrency-mt-unsafe): at init
  if (capture == nullptr || *capture == '\0') return false;
  const char* dir = getenv("POWERCUT_DIR");           // NOLINT(concurrency-mt-unsafe)
  const char* shared = getenv("POWERCUT_SHARED");     // NOLINT(concurrency-mt-unsafe)
  const char* output = getenv("POWERCUT_STDOUT");     // NOLINT(concurrency-mt-unsafe)
  if (dir == nullptr || shared == nullptr) {
    Complain("POWERCUT_DIR or POWERCUT_SHARED is not set");
    return false;
  }
  ShimState& s = g_state;
  struct stat st {};
  if (!CopyString(dir, s.dir) || !CopyString(capture, s.capture_path) || stat(dir, &st) != 0) {
    Complain("POWERCUT_DIR is not a directory");
    return false;
  }
  s.dir_length = strlen(s.dir);
  while (s.dir_length > 1 && s.dir[s.dir_length - 1] == '/') s.dir[--s.dir_length] = '\0';
  s.dir_dev = st.st_dev;
  s.dir_ino = st.st_ino;
  if (output != nullptr && *output != '\0') {
    s.has_stdout = ParseDevIno(output, s.stdout_dev, s.stdout_ino);
  }

  const int shared_fd = real::open(shared, O_RDWR | O_CLOEXEC);
  if (shared_fd < 0) {
    Complain("cannot open POWERCUT_SHARED");
    return false;
  }
  s.region = MapSharedRegion(shared_fd);
  real::close(shared_fd);
  if (s.region == nullptr) {
    Complain("POWERCUT_SHARED is not a shared region of this version");
    return false;
  }
  // The capture is opened when a record first has to go to the file (capture.cc): most
  // processes of a workload never fill the shared buffer, and each open costs every exec.
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&Initialise), &info) != 0 && info.dli_fname != nullptr) {
    CopyString(info.dli_fname, s.self_path);
  }
  s.region->processes.fetch_add(1, std::memory_order_relaxed);
  s.faults = InitialiseFaults(*s.region);
  pthread_atfork(nullptr, nullptr, &OnForkChild);
  return true;
}

__attribute__((constructor)) void OnLoad() { (void)ShimActive(); }

__attribute__((destructor)) void OnUnload() {
  if (g_phase.load(std::memory_order_acquire) != kActive || powercut_in_shim != 0) return;
  RunExitHooks();
}

}  // namespace

bool ShimActive() {
  int phase = g_phase.load(std::memory_order_acquire);
  if (phase >= kInactive) return phase == kActive;
  if (phase == kInitialising) return false;  // another thread, or this one, is initialising
  if (!g_phase.compare_exchange_strong(phase, kInitialising)) return ShimActive();
  const int saved_errno = errno;
  const int outer = powercut_in_shim;
  powercut_in_shim = 1;
  const bool active = Initialise();
  powercut_in_shim = outer;
  errno = saved_errno;
  g_phase.store(active ? kActive : kInactive, std::memory_order_release);
  return active;
}

ShimState& Shim() { return g_state; }

ErrnoKeeper::ErrnoKeeper() : saved_(errno) {}
ErrnoKeeper::~ErrnoKeeper() { errno = saved_; }

void MoveCaptureFdAwayFrom(int fd) {
  const int current = g_state.capture_fd.load(std::memory_order_relaxed);
  if (current != fd) return;
  const int moved = real::fcntl(current, F_DUPFD_CLOEXEC, current + 1);
  if (moved < 0) return;  // the dup2 will close ours; the next append reopens the capture
  g_state.capture_fd.store(moved, std::memory_order_relaxed);
  real::close(current);
}

bool OpenCapture() {
  const int fd = OpenCaptureHigh(g_state.capture_path);
  if (fd < 0) return false;
  g_state.capture_fd.store(fd, std::memory_order_relaxed);
  return true;
}

}  // namespace powercut::preload
