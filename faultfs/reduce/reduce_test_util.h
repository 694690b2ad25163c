// Helpers shared by the reduce tests: random traces that exercise every model rule, the
// canonical buggy workloads, and in-process oracles that judge like real checkers.
#ifndef POWERCUT_FAULTFS_REDUCE_REDUCE_TEST_UTIL_H_
#define POWERCUT_FAULTFS_REDUCE_REDUCE_TEST_UTIL_H_

#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/reduce/oracle.h"
#include "faultfs/sim/sim_file_system.h"

namespace powercut::reduce::testing {

inline std::span<const std::byte> Bytes(std::string_view s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

inline void Check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.ToString());
}

// The contents of the file at `path` in `image`, or nullopt when there is no such file.
inline std::optional<std::string> FileAt(const FsImage& image, std::string_view path) {
  const std::optional<InodeId> inode = image.Resolve(path);
  if (!inode || image.Find(*inode)->is_dir) return std::nullopt;
  return image.Contents(*inode);
}

inline bool Printed(const std::vector<std::string>& output, std::string_view line) {
  for (const std::string& l : output) {
    if (l == line) return true;
  }
  return false;
}

// A random workload over a few names: creating and overwriting writes (up to 3 pieces at 4-byte
// sectors), truncates (often to zero, then rewritten), renames (often over an existing file),
// replacements by rename, unlinks, file and directory syncs, output lines. Small enough to enumerate every subset of
// the pending pieces at most crash points.
inline trace::Trace RandomWorkload(uint64_t seed, int operations) {
  std::mt19937_64 rng(seed);
  SimFileSystem fs;
  Check(fs.CreateDir("d"));
  const std::vector<std::string> names = {"a", "b", "d/c"};
  auto pick = [&] { return names[rng() % names.size()]; };
  for (int i = 0; i < operations; ++i) {
    const std::string name = pick();
    switch (rng() % 11) {
      case 0:
      case 1:
      case 2: {
        auto file = fs.Open(name, OpenMode::kCreate);
        const std::string data(1 + rng() % 10, static_cast<char>('a' + rng() % 26));
        (void)(*file)->WriteAt(rng() % 6, Bytes(data));
        break;
      }
      case 3: {
        auto file = fs.Open(name, OpenMode::kCreateTruncate);  // truncate to zero, rewrite
        (void)(*file)->WriteAt(0, Bytes(std::string(1 + rng() % 6, 'z')));
        break;
      }
      case 4: (void)fs.Rename(name, pick()); break;
      case 5: (void)fs.Unlink(name); break;
      case 6: {
        auto file = fs.Open(name, OpenMode::kCreate);
        (void)((rng() & 1) ? (*file)->Sync() : (*file)->DataSync());
        break;
      }
      case 7: (void)fs.SyncDir((rng() & 1) ? "." : "d"); break;
      case 8: {
        auto file = fs.Open(name, OpenMode::kCreate);
        (void)(*file)->Truncate(rng() % 5);
        break;
      }
      case 9: {  // replace by rename: a fresh file written, then renamed over `name`
        auto file = fs.Open("t", OpenMode::kCreateTruncate);
        (void)(*file)->WriteAt(0, Bytes(std::string(1 + rng() % 6, 'r')));
        (void)fs.Rename("t", name);
        break;
      }
      default: fs.output().Line("line " + std::to_string(i)); break;
    }
  }
  return fs.trace();
}

// Wraps a plain predicate as an Oracle and counts its calls.
struct CountingOracle {
  std::function<Judgement(const FsImage&, const std::vector<std::string>&)> judge;
  size_t calls = 0;

  Oracle AsOracle() {
    return [this](const crash::CrashState&, const FsImage& image,
                  const std::vector<std::string>& output) -> Result<Judgement> {
      ++calls;
      return judge(image, output);
    };
  }
};

}  // namespace powercut::reduce::testing

#endif  // POWERCUT_FAULTFS_REDUCE_REDUCE_TEST_UTIL_H_
