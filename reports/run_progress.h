// RunProgress: what `powercut run` tells the terminal while it runs. The run loop (harness/)
// calls it; implementations render it (run_text.h: TextRunProgress, plain lines for logs and
// the progress line of progress.h on a terminal).
//
// Order of calls: RunStarted, then per scenario ScenarioStarted, any number of States, per model
// (ModelStarted, any number of States, ModelFinished), ScenarioFinished; RunFinished last (also
// after Ctrl-C, with the partial report). States comes from the checking threads while states
// are checked, never two at once, and from the calling thread otherwise; every other call from
// the thread that runs the scenarios. Default implementations do nothing.
#ifndef POWERCUT_REPORTS_RUN_PROGRESS_H_
#define POWERCUT_REPORTS_RUN_PROGRESS_H_

#include <cstddef>
#include <string>

#include "reports/progress.h"
#include "reports/run_report.h"

namespace powercut::reports {

class RunProgress {
 public:
  virtual ~RunProgress() = default;
  virtual void RunStarted(size_t /*scenarios*/) {}
  // `scenario` holds its name, file and description.
  virtual void ScenarioStarted(const ScenarioReport& /*scenario*/, size_t /*index*/,
                               size_t /*count*/) {}
  virtual void ModelStarted(const ScenarioReport& /*scenario*/, const std::string& /*model*/) {}
  // Where the run stands (progress.h): the phase, states checked in this model's exploration,
  // violating states so far in the whole run; states_total stays empty (the state space is
  // found by exploring it).
  virtual void States(const ProgressState& /*now*/) {}
  virtual void ModelFinished(const ScenarioReport& /*scenario*/, const ModelResult& /*result*/) {}
  virtual void ScenarioFinished(const ScenarioReport& /*scenario*/) {}
  virtual void RunFinished(const RunReport& /*report*/) {}
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_PROGRESS_H_
