// Test helpers for the recorder: record a command in a fresh directory, look at the trace, and
// compare what it replays to with what the workload really left on disk.
#ifndef POWERCUT_FAULTFS_RECORD_RECORD_TEST_UTIL_H_
#define POWERCUT_FAULTFS_RECORD_RECORD_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/crash/timeline.h"
#include "faultfs/image/fs_image.h"
#include "faultfs/record/recorder.h"
#include "faultfs/testing/temp_dir.h"
#include "faultfs/trace/trace_printer.h"

namespace powercut::record::testing {

// The helper program built beside the tests (record_test_helper.cc).
inline std::string Helper() { return POWERCUT_RECORD_TEST_HELPER; }

// "path" -> "dir" or the file's bytes, for every entry under the root.
using Tree = std::map<std::string, std::string>;

inline Tree TreeOfImage(const FsImage& image) {
  Tree tree;
  image.VisitTree([&](const FsImage::Entry& entry) {
    tree[entry.path] = entry.node.is_dir ? std::string("dir") : image.Contents(entry.inode);
  });
  return tree;
}

inline Tree TreeOnDisk(const std::string& dir) {
  Tree tree;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string path = std::filesystem::relative(entry.path(), dir).string();
    if (entry.is_symlink()) continue;  // not modelled
    if (entry.is_directory()) {
      tree[path] = "dir";
    } else if (entry.is_regular_file()) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      tree[path] = bytes.str();
    }
  }
  return tree;
}

// What the trace leaves when every event persisted.
inline Tree ReplayedTree(const trace::Trace& trace) {
  const crash::Timeline timeline(trace, 512, 16);
  FsImage image;
  for (size_t i = 0; i < trace.events.size(); ++i) timeline.ApplyAll(i, image);
  return TreeOfImage(image);
}

inline std::string Listing(const trace::Trace& trace) {
  return trace::FormatTrace(trace, trace::PrintOptions{.data_bytes = 8, .output_chars = 80});
}

struct Recorded {
  RecordResult result;
  const trace::Trace& trace() const { return result.trace; }
  std::vector<trace::Event> Of(trace::EventType type) const {
    std::vector<trace::Event> found;
    for (const trace::Event& event : result.trace.events) {
      if (event.type == type) found.push_back(event);
    }
    return found;
  }
  std::vector<std::string> Output() const {
    std::vector<std::string> lines;
    for (const trace::Event& event : Of(trace::EventType::kOutput)) lines.push_back(event.data);
    return lines;
  }
  bool Warned(const std::string& fragment) const {
    for (const std::string& warning : result.trace.warnings) {
      if (warning.find(fragment) != std::string::npos) return true;
    }
    return false;
  }
};

// A directory under test and the recordings made in it.
class RecordFixture {
 public:
  const std::string& dir() const { return temp_.path(); }
  std::string Path(const std::string& name) const { return temp_.Join(name); }

  void WriteFile(const std::string& name, const std::string& bytes) const {
    std::ofstream(Path(name), std::ios::binary) << bytes;
  }
  std::string ReadFile(const std::string& name) const {
    std::ifstream in(Path(name), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  // Records `command` in dir(); the recording must succeed and the command exit 0 (unless
  // `may_fail`); the trace must replay to what is on disk afterwards (unless `check_replay` is off).
  Recorded Record(std::vector<std::string> command, RecordOptions options = {},
                  bool may_fail = false, bool check_replay = true) const {
    options.command = std::move(command);
    options.dir = dir();
    options.preload_path = POWERCUT_RECORD_TEST_PRELOAD;
    Result<RecordResult> recorded = record::Record(options);
    BOOST_TEST_REQUIRE(recorded.ok(), recorded.status().ToString());
    Recorded out{std::move(recorded).value()};
    BOOST_TEST_MESSAGE("trace:\n" << Listing(out.trace()));
    if (!may_fail) {
      BOOST_TEST_REQUIRE((out.result.exit_code && *out.result.exit_code == 0),
                         "the workload failed:\n" << Listing(out.trace()));
    }
    if (check_replay) {
      const Tree replayed = ReplayedTree(out.trace());
      const Tree on_disk = TreeOnDisk(dir());
      BOOST_TEST((replayed == on_disk), "the trace does not replay to what is on disk:\n"
                                            << Listing(out.trace()));
    }
    return out;
  }

  Recorded Shell(const std::string& script, RecordOptions options = {}) const {
    return Record({"sh", "-c", script}, std::move(options));
  }

 private:
  powercut::testing::TempDir temp_;
};

}  // namespace powercut::record::testing

#endif  // POWERCUT_FAULTFS_RECORD_RECORD_TEST_UTIL_H_
