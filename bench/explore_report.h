// Turns the runs of one explore_bench invocation into the markdown report: machine, scenarios,
// the table of medians, the target, how the cost grows with the workload's length and the bound,
// peak memory, and the per-round figures the medians came from.
#ifndef POWERCUT_BENCH_EXPLORE_REPORT_H_
#define POWERCUT_BENCH_EXPLORE_REPORT_H_

#include <string>
#include <vector>

#include "bench/explore_measure.h"
#include "bench/explore_memory.h"
#include "bench/machine.h"

namespace powercut::bench {

struct ExploreReport {
  MachineInfo machine;
  std::string load_average_end;
  int rounds = 0;
  double run_seconds = 0;  // the least wall time of one run
  bool smoke = false;
  std::vector<const Scenario*> scenarios;
  std::vector<Measurement> measurements;
  // The Immediate workloads of the scaling rows, shortest first (may include the target's).
  std::vector<const Scenario*> length_series;
  // Peak RSS of exploring the last of length_series, at ascending state counts.
  std::vector<MemoryRun> memory;
  // The measurement the target is about (check, jobs 1), and its generation-only twin.
  const Measurement* target = nullptr;
  const Measurement* target_generation = nullptr;
};

std::string RenderExploreMarkdown(const ExploreReport& report);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_EXPLORE_REPORT_H_
