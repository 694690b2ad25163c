// The plain-text block of one violation group: its minimal reproducer as a person reads it in a
// CI log or a JUnit failure message (REDUCE.md's layout):
//
//   violation group 1 of 2: acknowledged before durable (3 violating states, at crash points 10-12)
//     `ack 3` (#9) was printed while `unlink db-journal` (#8) was not durable
//     checker: txn 3 acknowledged but rolled back
//     ...
//     reproducer: state c10, 0 deviations from dropping everything unsynced
//     fix: fsync the directory `.` after `unlink db-journal` (#8) and before printing `ack 3` (#9)
//     differs from the expected state:
//       db-journal: expected absent, found 512 bytes: "..."
//     replay: powercut replay build/powercut/sqlite-style-commit.trace --state c10 ...
#ifndef POWERCUT_REPORTS_GROUP_TEXT_H_
#define POWERCUT_REPORTS_GROUP_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "reports/run_report.h"

namespace powercut::reports {

// The block, every line ending in '\n'. `number` counts from 1 among `total` groups. The
// checker's reason and the reproducer's state are added only when the explanation (from
// faultfs/reduce, which has them) does not already say them.
std::string ViolationGroupText(const ViolationGroup& group, size_t number, size_t total);

// The summary without the classification it may start with ("torn write: write #11 ...").
std::string GroupSummary(const ViolationGroup& group);

// Crash points as ranges, at most `max_shown` numbers: "10-12, 15, 40-44 and 7 more".
std::string CrashPointList(const std::vector<size_t>& points, size_t max_shown = 12);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_GROUP_TEXT_H_
