// The plain-text rendering of a RunReport (what `powercut run` prints at the end), and the plain
// progress lines it prints while running (for logs; a TTY may get a progress line instead).
//
//   [1/2] rename-without-fsync posix: ok: violation as expected: non-atomic update: f is empty
//   [1/2] rename-without-fsync ext4-ordered: ok: consistent as expected: no violation in 9 states
//   [2/2] journal-group posix: FAILED: expected no violation, found 3 violating states in 1 group
//
//   scenario              model         expected    found                       result
//   rename-without-fsync  posix         violation   2 violating (1 group)       ok
//   rename-without-fsync  ext4-ordered  consistent  no violation (9 states)     ok
//   journal-group         posix         consistent  3 violating (1 group)       FAILED
//
//   FAILED: journal-group under posix: expected no violation, found ...
//     group 1 of 1: acknowledged before durable, 3 violating states at crash points 7, 9, 11
//       ...
//       fix:     ...
//       replay:  powercut replay ...
//
//   result: 1 passed, 1 failed (exit 1)
#ifndef POWERCUT_REPORTS_RUN_TEXT_H_
#define POWERCUT_REPORTS_RUN_TEXT_H_

#include <ostream>
#include <string>

#include "reports/run_progress.h"
#include "reports/run_report.h"

namespace powercut::reports {

// The summary table, each model that did not meet its expectation with its groups, and the
// result line. Every line ends in '\n'.
std::string RenderRunText(const RunReport& report);

// One line per scenario and model as each finishes (and one per scenario skipped or in error),
// flushed at once: readable in a CI log as it grows.
class PlainRunProgress final : public RunProgress {
 public:
  explicit PlainRunProgress(std::ostream& out) : out_(out) {}
  void ScenarioStarted(const ScenarioReport& scenario, size_t index, size_t count) override;
  void ModelFinished(const ScenarioReport& scenario, const ModelResult& result) override;
  void ScenarioFinished(const ScenarioReport& scenario) override;

 private:
  std::string Prefix(const ScenarioReport& scenario) const;

  std::ostream& out_;
  size_t index_ = 0;
  size_t count_ = 0;
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_TEXT_H_
