// Filling the ExploreReport of one exploration (reports/explore_report.h): what `powercut
// explore` prints and writes, and what `powercut run` keeps per model.
#ifndef POWERCUT_HARNESS_EXPLORATION_REPORT_H_
#define POWERCUT_HARNESS_EXPLORATION_REPORT_H_

#include <chrono>
#include <string>

#include "faultfs/explore/check_states.h"
#include "harness/checker.h"
#include "harness/replay_argv.h"
#include "harness/violation_reduction.h"
#include "reports/explore_report.h"

namespace powercut::harness {

// The trace, the options and the checker: what is known before exploring.
reports::ExploreReport BaseExploreReport(const std::string& trace_path, const trace::Trace& trace,
                                         const crash::GeneratorOptions& generator, int jobs,
                                         const CheckerSpec& checker);

struct ExplorationOutcome {
  const explore::CheckResult& check;
  const ReducedViolations& reduction;
  size_t not_reduced = 0;
  std::chrono::duration<double> checking{0};
  std::chrono::duration<double> reducing{0};
  std::string scratch;  // the scratch directory used, if any
  int signal = 0;       // the signal that stopped it (0: none, or a stop without one)
};

// Adds stats, the listed violations with their replay commands, the groups, the outcome and the
// exit code (docs/cli.md): an error (exploring or reducing) is 2, an interruption 128 + signal,
// a violation 1, else 0.
void FillExploreReport(const ExplorationOutcome& outcome, const ReplaySpec& replay,
                       reports::ExploreReport& report);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_EXPLORATION_REPORT_H_
