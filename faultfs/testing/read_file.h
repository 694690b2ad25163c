// ReadWholeFile (tests only): a file's bytes, or "" when it cannot be read. Plain stdio: GCC 12
// at -O2 reports a false -Wnull-dereference inside libstdc++'s istreambuf_iterator.
#ifndef POWERCUT_FAULTFS_TESTING_READ_FILE_H_
#define POWERCUT_FAULTFS_TESTING_READ_FILE_H_

#include <cstdio>
#include <string>

namespace powercut::testing {

inline std::string ReadWholeFile(const std::string& path) {
  std::string bytes;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return bytes;
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, n);
  (void)std::fclose(file);  // read-only: nothing to lose on close
  return bytes;
}

}  // namespace powercut::testing

#endif  // POWERCUT_FAULTFS_TESTING_READ_FILE_H_
