// ModelRunner: one scenario's recorded trace explored under one persistence model, with the
// scenario's checker (a program, or the builtin in process), every violation reduced and grouped,
// and the result judged against the scenario's expectation for that model.
#ifndef POWERCUT_HARNESS_MODEL_RUNNER_H_
#define POWERCUT_HARNESS_MODEL_RUNNER_H_

#include <string>

#include "harness/scenario.h"
#include "harness/scenario_runner.h"
#include "reports/run_report.h"

namespace powercut::harness {

class ModelRunner {
 public:
  // Everything must outlive the runner. `work`: the scenario's work directory.
  ModelRunner(const Scenario& scenario, const trace::Trace& trace, std::string trace_path,
              std::string work, const RunEnvironment& environment);

  // `report` is the scenario's so far (for progress); `position` places it in the run, its
  // violations_before counting the models before this one too.
  reports::ModelResult Run(crash::Model model, const reports::ScenarioReport& report,
                           const RunPosition& position) const;

 private:
  crash::GeneratorOptions Generator(crash::Model model) const;
  int Jobs() const;
  // The checker as `sh -c` runs it, and as the replay command gives it.
  std::string CheckerCommand() const;
  std::string ReplayChecker() const;

  const Scenario& scenario_;
  const trace::Trace& trace_;
  const std::string trace_path_;
  const std::string work_;
  const RunEnvironment& env_;
};

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_MODEL_RUNNER_H_
