// Helpers for the powercut-journal tool's tests.
#ifndef POWERCUT_JOURNAL_TOOL_TOOL_TEST_UTIL_H_
#define POWERCUT_JOURNAL_TOOL_TOOL_TEST_UTIL_H_

#include <cstdint>
#include <map>
#include <string>

#include "faultfs/fs/status.h"
#include "faultfs/testing/temp_dir.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool::testing {

// A fresh directory under $TMPDIR, removed at destruction (faultfs/testing/temp_dir.h).
using ScratchDir = powercut::testing::TempDir;

std::string ReadWholeFile(const std::string& path);
void WriteWholeFile(const std::string& path, const std::string& contents);

// Runs the workload with its lines written (through FdLineSink, as the tool does) to
// `output_path`.
Status RunWorkloadTo(const WorkloadOptions& options, const std::string& output_path);

// Every file of `dir` (not recursive) by name, with its bytes: to prove a command changed
// nothing.
std::map<std::string, std::string> Snapshot(const std::string& dir);

// A seed for a randomized test: $POWERCUT_TEST_SEED when set (to reproduce a failure), else a
// fresh random one. Tests print it with BOOST_TEST_CONTEXT.
uint64_t TestSeed();

}  // namespace powercut::journal::tool::testing

#endif  // POWERCUT_JOURNAL_TOOL_TOOL_TEST_UTIL_H_
