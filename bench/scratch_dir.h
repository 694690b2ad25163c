// The directory a sync benchmark writes in: on the file system being measured, made fresh for
// one process and removed when the program ends, however it ends (short of a signal).
#ifndef POWERCUT_BENCH_SCRATCH_DIR_H_
#define POWERCUT_BENCH_SCRATCH_DIR_H_

#include <memory>
#include <string>

#include "bench/machine.h"
#include "faultfs/fs/result.h"

namespace powercut::bench {

class ScratchDir {
 public:
  // Describes the file system holding `parent` into `fs_info` and makes
  // `parent/<program>.<pid>`. tmpfs and ramfs are refused (fdatasync costs nothing there, so every
  // ratio against the device would be meaningless) unless `allow_in_memory`, when a warning
  // naming `program` goes to stderr instead.
  static Result<std::unique_ptr<ScratchDir>> Make(const std::string& parent,
                                                  const std::string& program, bool allow_in_memory,
                                                  FileSystemInfo& fs_info);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }  // absolute

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_SCRATCH_DIR_H_
