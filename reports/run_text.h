// The plain text of `powercut run`: the lines it prints while running (TextRunProgress) and the
// summary at the end (RenderRunText).
//
//   [1/2] save-settings posix: NOT MET: expected no violation, found 8 violating states ...
//   [1/2] save-settings ext4-ordered: met: consistent as expected: no violation in 8 states ...
//   [2/2] journal-group posix: met: consistent as expected: no violation in 39 states ...
//
//   NOT MET: save-settings under posix: expected no violation, found 8 violating states ...
//     scenario settings.toml, trace powercut-work/save-settings/save-settings.trace
//     violation group 1 of 2: non-atomic update (2 violating states, at crash point 5)
//       ... (group_text.h: explanation, fix, differences, replay)
//   NOT MET: save-settings under ext4-ordered: ...
//     violation group 1 of 1: acknowledged before durable (3 violating states): the same minimal
//     cause as group 2 under posix
//       replay: powercut replay ...
//
//   scenario       model         expected    result   checked  violating  groups    time
//   ...                                                 (progress_summary.h)
//   2 scenarios: 1 passed, 1 failed, 0 skipped, 0 errors (exit 1)
#ifndef POWERCUT_REPORTS_RUN_TEXT_H_
#define POWERCUT_REPORTS_RUN_TEXT_H_

#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "reports/progress.h"
#include "reports/run_progress.h"
#include "reports/run_report.h"

namespace powercut::reports {

// Each model that did not meet its expectation with the groups it found (a group with the same
// cause as one shown under another model of the scenario is named, not repeated), each scenario
// that could not run with why, then the summary table and the totals (RenderRunSummaryTable).
// Every line ends in '\n'. `width`: the terminal's, for the table.
std::string RenderRunText(const RunReport& report, size_t width = 100);

// "met", "NOT MET", "ERROR", "INTERRUPTED": a model's result word, as the table has it.
std::string ModelResultWord(const ModelResult& result);

// One line per scenario and model as each finishes (and one per scenario skipped or in error),
// flushed at once: a CI log shows the run as it goes. With a ProgressLine that is active (a
// terminal), the line of progress.h is kept below them, redrawn from States. Thread-safe as
// RunProgress requires.
class TextRunProgress final : public RunProgress {
 public:
  // `line` may be null (no progress line); it must outlive this and write to the terminal `out`
  // is (its output is flushed before the line is drawn).
  TextRunProgress(std::ostream& out, ProgressLine* line);

  void ScenarioStarted(const ScenarioReport& scenario, size_t index, size_t count) override;
  void States(const ProgressState& now) override;
  void ModelFinished(const ScenarioReport& scenario, const ModelResult& result) override;
  void ScenarioFinished(const ScenarioReport& scenario) override;
  void RunFinished(const RunReport& report) override;

 private:
  void Print(const std::string& line);  // REQUIRES: mu_ held
  std::string Prefix(const ScenarioReport& scenario) const;

  std::ostream& out_;
  ProgressLine* line_;
  std::mutex mu_;
  size_t index_ = 0;
  size_t count_ = 0;
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_TEXT_H_
