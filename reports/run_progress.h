// RunProgress: what `powercut run` tells the terminal while it runs. The run loop (harness/)
// calls it; implementations render it: plain lines for logs (run_text.h: PlainRunProgress), a
// progress line rewritten in place on a TTY.
//
// Order of calls: RunStarted, then per scenario ScenarioStarted, per model (ModelStarted, any
// number of States, ModelFinished), ScenarioFinished; RunFinished last (also after Ctrl-C, with
// the partial report). Every call comes from the thread that called the run, except States,
// which comes from the checking threads, never two at once. Default implementations do nothing.
#ifndef POWERCUT_REPORTS_RUN_PROGRESS_H_
#define POWERCUT_REPORTS_RUN_PROGRESS_H_

#include <cstddef>
#include <optional>
#include <string>

#include "reports/run_report.h"

namespace powercut::reports {

// Where one model's exploration of one scenario stands.
struct ProgressSnapshot {
  std::string scenario;
  std::string model;
  size_t scenario_index = 0;  // 0-based, of scenario_count
  size_t scenario_count = 0;
  size_t states_checked = 0;
  std::optional<size_t> states_total;  // unknown while the generator runs (the state space is
                                       // found by exploring it); at most max_states
  size_t max_states = 0;
  size_t violations = 0;  // violating states so far
  double seconds = 0;     // since this model's exploration started
};

class RunProgress {
 public:
  virtual ~RunProgress() = default;
  virtual void RunStarted(size_t /*scenarios*/) {}
  virtual void ScenarioStarted(const ScenarioReport& /*scenario: name, file, description*/,
                               size_t /*index*/, size_t /*count*/) {}
  virtual void ModelStarted(const ScenarioReport& /*scenario*/, const std::string& /*model*/) {}
  virtual void States(const ProgressSnapshot& /*now*/) {}
  virtual void ModelFinished(const ScenarioReport& /*scenario*/, const ModelResult& /*result*/) {}
  virtual void ScenarioFinished(const ScenarioReport& /*scenario*/) {}
  virtual void RunFinished(const RunReport& /*report*/) {}
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_PROGRESS_H_
