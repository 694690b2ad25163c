// TempDir (tests only): a fresh directory under $TMPDIR, removed with everything in it when the
// object goes away. Set POWERCUT_KEEP_TEMP=1 to keep it for a post-mortem.
#ifndef POWERCUT_FAULTFS_TESTING_TEMP_DIR_H_
#define POWERCUT_FAULTFS_TESTING_TEMP_DIR_H_

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace powercut::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "powercut-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::perror("mkdtemp");
    path_ = pattern;
  }
  ~TempDir() {
    const char* keep = std::getenv("POWERCUT_KEEP_TEMP");  // NOLINT(concurrency-mt-unsafe)
    if (keep == nullptr || std::string(keep) != "1") {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace powercut::testing

#endif  // POWERCUT_FAULTFS_TESTING_TEMP_DIR_H_
