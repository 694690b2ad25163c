// ViolationGroup: violations with the same minimal cause (faultfs/reduce, REDUCE.md), shown once,
// with the minimal reproducer and how it differs from the expected state. Part of the result
// models of `powercut explore` (explore_report.h) and `powercut run` (run_report.h); plain data.
#ifndef POWERCUT_REPORTS_VIOLATION_GROUP_H_
#define POWERCUT_REPORTS_VIOLATION_GROUP_H_

#include <cstddef>
#include <string>
#include <vector>

namespace powercut::reports {

// One file (or directory) that differs between the minimal crash state and what the workload
// had written by the crash point (every pending operation persisted): the "expected" state.
struct FileDifference {
  std::string path;
  std::string expected;  // "17 bytes: \"v2\\n...\"", "directory", "absent"
  std::string found;
};

// Violations with the same minimal cause (faultfs/reduce: REDUCE.md), shown once.
struct ViolationGroup {
  std::string key;                       // the grouping key
  std::string classification;            // "acknowledged before durable", "non-atomic update", ...
  std::string summary;                   // one line: what broke
  std::vector<std::string> explanation;  // the explanation, line by line
  std::string fix_hint;
  std::string checker_reason;  // what the checker said on the minimal state
  std::string minimal_state_id;
  size_t minimal_crash_point = 0;
  int minimal_deviations = 0;
  std::vector<std::string> replay;  // argv of the command that materialises the minimal state
  std::vector<FileDifference> differences;
  size_t violations = 0;              // violating states in the group
  std::vector<size_t> crash_points;   // where they were found, ascending
  bool reduction_incomplete = false;  // the oracle budget ran out: minimal may not be 1-minimal
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_VIOLATION_GROUP_H_
