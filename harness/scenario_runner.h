// RunScenario: one scenario of `powercut run`, start to end. The workload is recorded once into
// the scenario's work directory (its trace is kept there, so the printed replay commands work
// after the run); then, for each model, every crash state is checked, every violation reduced
// and grouped, and the model judged against its expectation. The ScenarioReport is filled as
// it goes: when a stop is requested, what was done so far is in it.
//
// The work directory of a scenario is WORK/NAME/ (removed and made again at its start):
//   NAME.trace        the recorded trace
//   dir/              the directory under test as the workload left it
//   replay-MODEL-ID   where the printed replay commands write a state
#ifndef POWERCUT_HARNESS_SCENARIO_RUNNER_H_
#define POWERCUT_HARNESS_SCENARIO_RUNNER_H_

#include <atomic>
#include <functional>
#include <vector>

#include "harness/options.h"
#include "harness/scenario.h"
#include "reports/run_progress.h"
#include "reports/run_report.h"

namespace powercut::harness {

struct RunEnvironment {
  RunSettings settings;
  reports::RunProgress* progress = nullptr;  // not null
  const std::atomic<bool>* stop = nullptr;   // Ctrl-C
  int cancel_fd = -1;                        // readable on Ctrl-C: running checkers are killed
  std::function<void()> cancel;              // makes cancel_fd readable (after a harness error)
  std::function<int()> signal;               // the signal that stopped the run, or 0
};

// Every scenario in order (stopping early on a stop request), as `powercut run` does after
// loading them; the report's exit_code is set.
reports::RunReport RunScenarios(const std::vector<Scenario>& scenarios,
                                const RunEnvironment& environment);

// Where a scenario stands in the run, for progress.
struct RunPosition {
  size_t index = 0;  // from 0, of count
  size_t count = 1;
  size_t violations_before = 0;  // violating states found by the scenarios before it
};

reports::ScenarioReport RunScenario(const Scenario& scenario, const RunPosition& position,
                                    const RunEnvironment& environment);

// The scenario's verdict and reason from its models' (error when one erred or `stopped`, else
// failed when one did not meet its expectation, else passed).
void JudgeScenario(reports::ScenarioReport& report, bool stopped);

// The exit code of a whole run (DESIGN.md section 3): interrupted 128 + signal; else 2 when a
// scenario could not be run (error); else 1 when one failed; else 0 when one passed (the others
// skipped); else 77 (every scenario skipped, or none given).
int RunExitCode(const reports::RunReport& report, int signal);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SCENARIO_RUNNER_H_
