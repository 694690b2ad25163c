#include "faultfs/record/preload_locate.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace powercut::record {
namespace {

bool IsFile(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

std::string Absolute(const std::filesystem::path& path) {
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::canonical(path, error);
  return error ? path.string() : resolved.string();
}

}  // namespace

Result<std::string> LocatePreload(const std::string& given) {
  if (!given.empty()) {
    if (IsFile(given)) return Absolute(given);
    return Status::NotFound("the shim " + given + " does not exist");
  }
  std::vector<std::filesystem::path> candidates;
  if (const char* from_env = getenv("POWERCUT_PRELOAD")) {  // NOLINT(concurrency-mt-unsafe)
    if (*from_env != '\0') candidates.emplace_back(from_env);
  }
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    candidates.push_back(exe.parent_path() / kPreloadFileName);
    candidates.push_back(exe.parent_path().parent_path() / "lib" / kPreloadFileName);
  }
#ifdef POWERCUT_PRELOAD_BUILD_PATH
  candidates.emplace_back(POWERCUT_PRELOAD_BUILD_PATH);
#endif
  std::string looked;
  for (const std::filesystem::path& candidate : candidates) {
    if (IsFile(candidate)) return Absolute(candidate);
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  return Status::NotFound(std::string(kPreloadFileName) + " not found (looked at " + looked +
                          "; set POWERCUT_PRELOAD)");
}

}  // namespace powercut::record
