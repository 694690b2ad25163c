// FileDifferences: how a crash state differs from the state the workload expected to leave, file
// by file, for reports: "what the minimal reproducer holds against what was written".
//
// The expected state at a crash point is the one where every pending operation persisted: the
// file system exactly as the running workload saw it when the power was cut.
#ifndef POWERCUT_HARNESS_FILE_DIFFERENCES_H_
#define POWERCUT_HARNESS_FILE_DIFFERENCES_H_

#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/fs/result.h"
#include "faultfs/image/fs_image.h"
#include "reports/run_report.h"

namespace powercut::harness {

// Every path whose kind or contents differ, in path order; directories that exist in both are
// not listed (their entries are).
std::vector<reports::FileDifference> DiffImages(const FsImage& expected, const FsImage& found);

// "absent", "directory", "12 bytes: \"theme=dark\\n\"" (the first 48 bytes, escaped; "..." after).
std::string DescribeContents(const std::optional<std::string>& contents, bool is_dir);

// The expected state at `crash_point` of `generator`'s trace: every pending event persisted
// whole (built with the posix model, which allows any subset, at the same sector size).
Result<FsImage> ExpectedStateAt(const trace::Trace& trace, const crash::GeneratorOptions& options,
                                size_t crash_point);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_FILE_DIFFERENCES_H_
