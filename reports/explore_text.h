// The terminal rendering of an ExploreReport: what `powercut explore` prints when it ends.
//
//   powercut explore: save.trace (9 events; crash points #1..#9; 1 output line)
//     model posix, sector 512 B, crash points all, exhaustive up to 2 deviations, ...
//     ...
//   violation 1 of 2: state c5+e2+e4 at crash point 5
//     reason:    f is empty
//     ...
//     replay:    powercut replay save.trace --state c5+e2+e4 ... -o replay-c5+e2+e4
//   result: VIOLATION in 2 of 17 states checked (exit 1)
#ifndef POWERCUT_REPORTS_EXPLORE_TEXT_H_
#define POWERCUT_REPORTS_EXPLORE_TEXT_H_

#include <string>

#include "reports/explore_report.h"

namespace powercut::reports {

struct TextOptions {
  size_t detail_lines = 8;  // lines of a violation's details shown (the JSON has all of them)
  // Violating states listed one by one when they were also grouped (all listed otherwise): the
  // groups say what matters, the JSON has every listed state.
  size_t violations_with_groups = 5;
};

// The summary, every line ending in '\n'.
std::string RenderExploreText(const ExploreReport& report, const TextOptions& options = {});

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_EXPLORE_TEXT_H_
