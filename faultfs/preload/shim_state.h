// The shim's process-wide state, read from the environment the recorder sets (RECORDING.md,
// "The shim's environment"), and the scope every interposer enters.
//
// Initialisation happens once per process: in the library's constructor, or earlier on the first
// interposed call (another library's constructor may write before ours runs). Without
// POWERCUT_CAPTURE the shim stays inactive and every interposer is a plain forward to libc.
// A forked child inherits the state; an exec'd program initialises its own.
#ifndef POWERCUT_FAULTFS_PRELOAD_SHIM_STATE_H_
#define POWERCUT_FAULTFS_PRELOAD_SHIM_STATE_H_

#include <limits.h>
#include <sys/types.h>

#include <atomic>
#include <cstddef>

#include "faultfs/preload/shared_region.h"

// Set while this thread runs shim code: a call the shim itself makes (or a signal handler that
// interrupts it) passes straight through, so the shim's own I/O is never recorded and the record
// lock is never taken twice. Initial-exec TLS: no allocation, no lazy TLS setup.
extern __thread int powercut_in_shim __attribute__((tls_model("initial-exec")));

namespace powercut::preload {

struct ShimState {
  char dir[PATH_MAX] = {};  // DIR, resolved
  size_t dir_length = 0;
  dev_t dir_dev = 0;
  ino_t dir_ino = 0;
  bool has_stdout = false;  // the output pipe's identity
  dev_t stdout_dev = 0;
  ino_t stdout_ino = 0;
  char capture_path[PATH_MAX] = {};
  std::atomic<int> capture_fd{-1};  // O_APPEND, close-on-exec, kept high; -1 until first needed
  SharedRegion* region = nullptr;
  char self_path[PATH_MAX] = {};  // this library's file, to check an exec'd environment keeps it
  bool faults = false;       // fault injection configured (else libfiu is never asked)
};

// True once initialised and recording; initialises on first use.
bool ShimActive();
// REQUIRES: ShimActive().
ShimState& Shim();

// Entered by every interposer: true when the call should be looked at (the shim is active and
// this thread is not already inside it); then marks the thread as inside until destroyed.
class ShimScope {
 public:
  ShimScope() : entered_(powercut_in_shim == 0 && ShimActive()) {
    if (entered_) powercut_in_shim = 1;
  }
  ~ShimScope() {
    if (entered_) powercut_in_shim = 0;
  }
  ShimScope(const ShimScope&) = delete;
  ShimScope& operator=(const ShimScope&) = delete;
  explicit operator bool() const { return entered_; }

 private:
  bool entered_;
};

// Keeps errno across the shim's own calls: the program sees the errno of its call.
class ErrnoKeeper {
 public:
  ErrnoKeeper();
  ~ErrnoKeeper();
  ErrnoKeeper(const ErrnoKeeper&) = delete;
  ErrnoKeeper& operator=(const ErrnoKeeper&) = delete;
  void Set(int error) { saved_ = error; }

 private:
  int saved_;
};

// Moves the capture descriptor away from `fd` (the workload is about to dup2 onto it).
// REQUIRES: the record lock.
void MoveCaptureFdAwayFrom(int fd);
// Opens the capture: when a record first has to go to the file, or again after the descriptor
// went bad (closed by a raw syscall). REQUIRES: the record lock.
bool OpenCapture();

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_SHIM_STATE_H_
