// The short table `powercut run` prints when it ends, on a terminal and in a CI log alike: one
// row per model of each scenario, one per scenario that did not run, then the totals.
//
//   scenario             model         expected    result   checked  violating  groups    time
//   journal-immediate    posix         consistent  met           41          0       0  0.50 s
//   sqlite-style-commit  posix         consistent  NOT MET       88          5       2  2.50 s
//                        ext4-ordered  consistent  met            6          0       0  0.06 s
//   leveldb-example      -             -           SKIPPED        -          -       -  0.00 s
//
//   4 scenarios: 1 passed, 1 failed, 1 skipped, 1 error (exit 1)
//
// Plain ASCII layout (names are made printable, markup.h), no colour, no escape sequences.
#ifndef POWERCUT_REPORTS_PROGRESS_SUMMARY_H_
#define POWERCUT_REPORTS_PROGRESS_SUMMARY_H_

#include <cstddef>
#include <string>

#include "reports/run_report.h"

namespace powercut::reports {

// The table and the totals line, every line ending in '\n'. When the table is wider than
// `width`, the scenario column is cut (never under 12 columns).
std::string RenderRunSummaryTable(const RunReport& report, size_t width = 100);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_PROGRESS_SUMMARY_H_
