#include "journal/tool/tool_test_util.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "faultfs/fs/posix_file_system.h"
#include "journal/tool/ack_output.h"

namespace powercut::journal::tool::testing {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

void WriteWholeFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  if (!out) throw std::runtime_error("cannot write " + path);
}

Status RunWorkloadTo(const WorkloadOptions& options, const std::string& output_path) {
  const int fd = ::open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(output_path, errno);
  PosixFileSystem fs;
  FdLineSink sink(fd);
  const Status status = RunWorkload(fs, options, sink);
  ::close(fd);
  return status;
}

std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files[entry.path().filename().string()] = ReadWholeFile(entry.path().string());
  }
  return files;
}

uint64_t TestSeed() {
  if (const char* env = std::getenv("POWERCUT_TEST_SEED")) return std::stoull(env);
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) | device();
}

}  // namespace powercut::journal::tool::testing
