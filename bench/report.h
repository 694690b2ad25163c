// Turns the runs of one journal_bench invocation into the markdown report: machine, table,
// targets and the per-round figures the medians came from.
#ifndef POWERCUT_BENCH_REPORT_H_
#define POWERCUT_BENCH_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "bench/machine.h"
#include "bench/stats.h"

namespace powercut::bench {

enum class Kind { kRaw, kRawBatched, kImmediate, kGroupCommit, kRelaxed };

struct Measurement {
  Kind kind = Kind::kRaw;
  int threads = 1;
  size_t records_per_sync = 1;  // kRawBatched only
  std::vector<RunResult> runs;  // one per round, in round order
};

struct Report {
  MachineInfo machine;
  FileSystemInfo file_system;
  std::string dir;  // where the scratch files lived (absolute)
  size_t txn_bytes = 0;
  size_t record_bytes = 0;
  int rounds = 0;
  double run_seconds = 0;
  double warmup_seconds = 0;
  bool smoke = false;
  std::string load_average_end;
  std::vector<Measurement> measurements;
};

// "raw", "Immediate@4", "raw-batch16", ...: short, file-name safe.
std::string ShortName(const Measurement& m);
std::string RenderMarkdown(const Report& report);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_REPORT_H_
