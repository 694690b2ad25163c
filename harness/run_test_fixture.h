// Test fixtures of `powercut run`: two builtin-journal scenarios (in process, fast) and a
// directory of scenario files run through the command line in process.
#ifndef POWERCUT_HARNESS_RUN_TEST_FIXTURE_H_
#define POWERCUT_HARNESS_RUN_TEST_FIXTURE_H_

#include <sstream>
#include <string>
#include <vector>

#include "faultfs/testing/temp_dir.h"
#include "harness/cli.h"
#include "harness/test_util.h"

namespace powercut::harness::test {

// A correct journal: consistent under every model.
inline const char* const kCorrect = R"(
name = "correct"
[workload]
builtin = "journal"
options = { mode = "immediate", txns = 3, ops_per_txn = 1 }
[checker]
builtin = "journal"
[explore]
models = ["posix", "drop-unsynced"]
)";

// A journal that drops its file syncs: the MANIFEST is renamed into place without its data.
inline const char* const kBroken = R"(
name = "broken"
[workload]
builtin = "journal"
options = { mode = "immediate", txns = 3, ops_per_txn = 1, drop_syncs = "files" }
[checker]
builtin = "journal"
[expect]
result = "violation"
message = "invalid MANIFEST"
class = "non-atomic update"
)";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A directory of scenario files, run in process through the command line.
struct Scenarios {
  powercut::testing::TempDir dir;
  std::string work = dir.Join("work");

  std::string Write(const std::string& name, const std::string& text) const {
    WriteTextFile(dir.Join(name), text);
    return dir.Join(name);
  }
  // `powercut run ARGS... --work-dir WORK --jobs 1`.
  Run Powercut(std::vector<std::string> args) const {
    args.insert(args.begin(), "run");
    // One job: with several, FsImage's copy-on-write (use_count, not a synchronising read) is a
    // data race ThreadSanitizer reports now and then in this process; the binary runs with two.
    args.insert(args.end(), {"--work-dir", work, "--jobs", "1"});
    return Command(args);
  }

  // `powercut ARGS...`, in process.
  static Run Command(std::vector<std::string> args) {
    args.insert(args.begin(), "powercut");
    std::vector<const char*> argv;
    argv.reserve(args.size());
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    Run r;
    r.exit_code = RunCommandLine(static_cast<int>(argv.size()), argv.data(), out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
  }
};

inline bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace powercut::harness::test

#endif  // POWERCUT_HARNESS_RUN_TEST_FIXTURE_H_
