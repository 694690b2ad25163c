// Scratch: the private directory a run materialises crash states in, one subdirectory per check,
// removed with everything in it when the object goes away (also after Ctrl-C: the command
// destroys it on every way out but a second signal).
//
// Its path is chosen by us and holds only shell-safe characters (IsShellSafePath), so checkers
// may use it raw in `{state}` and `{output}`. Where it goes: `--scratch DIR` if given; else
// /dev/shm when it is writable and has room (memory is much faster than a disk for thousands of
// small trees); else $TMPDIR; else /tmp.
#ifndef POWERCUT_HARNESS_SCRATCH_H_
#define POWERCUT_HARNESS_SCRATCH_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "faultfs/fs/result.h"

namespace powercut::harness {

// Where to put the scratch directory. `requested` (may be empty) is used as given; otherwise
// /dev/shm if it has at least `bytes_needed` free, then $TMPDIR, then /tmp. InvalidArgument when
// the directory does not exist, is not writable, or its path is not shell-safe (the message says
// what to do).
Result<std::string> ChooseScratchParent(const std::string& requested, uint64_t bytes_needed);

class Scratch {
 public:
  // Creates a fresh directory "powercut-XXXXXX" in `parent`.
  static Result<std::unique_ptr<Scratch>> Create(const std::string& parent);
  ~Scratch();  // removes the directory and everything in it
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const std::string& root() const { return root_; }

  // One check's directory: root/<n>/, holding the state directory (created, empty) and the path
  // of the output file (not created). Thread-safe.
  struct Slot {
    std::string dir;
    std::string state_dir;
    std::string output_file;
  };
  Result<Slot> NewSlot();

  // Whether the file system holding the directory is out of space (under 64 KiB free), as a
  // checker that ran into ENOSPC there leaves it. A checker's verdict reached then is not
  // trusted: its "violation" may be the full disk (command_explorer.cc).
  bool IsFull() const;

 private:
  explicit Scratch(std::string root) : root_(std::move(root)) {}
  std::string root_;
  std::atomic<uint64_t> next_{0};
};

// Removes `path` and everything below it, including what a checker made unreadable (it regains
// the permission to). OK when `path` does not exist.
Status RemoveTree(const std::string& path);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SCRATCH_H_
