// cli_explore_bench's runs: a trace written to a file, `powercut explore` run on it as a separate
// process (its JSON report read back), and the baseline of spawning the checker alone.
#ifndef POWERCUT_BENCH_CLI_EXPLORE_RUN_H_
#define POWERCUT_BENCH_CLI_EXPLORE_RUN_H_

#include <cstddef>
#include <string>

#include "faultfs/fs/result.h"
#include "faultfs/trace/event.h"

namespace powercut::bench {

// `trace` as a trace file at `path` (replaced).
Status WriteTrace(const std::string& path, const trace::Trace& trace);

// What to run: `powercut explore TRACE --checker true --jobs JOBS --max-deviations D --json JSON`.
struct ExploreCommand {
  std::string powercut;  // the binary
  std::string trace;
  std::string json;  // where its report goes (replaced)
  int jobs = 1;
  int max_deviations = 2;
};

// One `powercut explore` run, as its JSON report tells it.
struct CliExploreRun {
  size_t unique = 0;
  size_t checked = 0;
  double seconds = 0;       // the report's: exploring, without start-up and the report
  double wall_seconds = 0;  // the process, from spawn to exit
  double Rate() const { return seconds > 0 ? static_cast<double>(checked) / seconds : 0; }
};

// Fails when powercut exits other than 0 (a violation of `true` cannot happen) or its report is
// malformed.
Result<CliExploreRun> RunExplore(const ExploreCommand& command);

// `count` runs of `sh -c true`, one after the other, by the spawner powercut uses: seconds.
Result<double> RunBaseline(size_t count);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_CLI_EXPLORE_RUN_H_
