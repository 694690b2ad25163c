#include "bench/scratch_dir.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

namespace powercut::bench {

Result<std::unique_ptr<ScratchDir>> ScratchDir::Make(const std::string& parent,
                                                     const std::string& program,
                                                     bool allow_in_memory,
                                                     FileSystemInfo& fs_info) {
  Result<FileSystemInfo> described = DescribeFileSystem(parent);
  if (!described.ok()) return described.status();
  fs_info = *described;
  if (fs_info.in_memory) {
    const std::string what = parent + " is on " + fs_info.type +
                             ", where fdatasync does nothing: the 'device limit' would be a "
                             "memory copy and every ratio meaningless.";
    if (!allow_in_memory) {
      return Status::FailedPrecondition("refusing to measure: " + what +
                                        " Choose a disk-backed directory with --dir.");
    }
    std::cerr << program << ": warning: " << what << " (allowed for --smoke)\n";
  }
  std::error_code ec;
  const std::string path =
      (std::filesystem::absolute(parent, ec) / (program + "." + std::to_string(::getpid())))
          .lexically_normal()
          .string();
  if (ec || !std::filesystem::create_directory(path, ec) || ec) {
    return Status::IoError("create " + path, ec ? ec.value() : EEXIST);
  }
  return std::unique_ptr<ScratchDir>(new ScratchDir(path));
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // best effort: a leftover is visible and harmless
}

}  // namespace powercut::bench
