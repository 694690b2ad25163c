// Latency samples of one measurement and their summary (rates, nearest-rank percentiles).
#ifndef POWERCUT_BENCH_STATS_H_
#define POWERCUT_BENCH_STATS_H_

#include <cstdint>
#include <vector>

namespace powercut::bench {

struct RunResult {
  uint64_t commits = 0;         // acknowledged inside the measured window
  double seconds = 0;           // length of the measured window
  uint64_t syncs = 0;           // fdatasync/fsync calls inside the window (all of them)
  double sync_seconds = 0;      // time spent inside those syncs
  double cpu_seconds = 0;       // user + system CPU time of the process inside the window
  std::vector<uint32_t> latency_ns;  // one per counted commit, saturated at ~4.29 s

  double rate() const { return seconds > 0 ? static_cast<double>(commits) / seconds : 0; }
};

// Nearest-rank percentile (p in [0, 1]) of `samples`, which it sorts. 0 when empty.
uint32_t Percentile(std::vector<uint32_t>& samples, double p);
double Median(std::vector<double> values);

// One measurement's runs (one per round) summarised.
struct Summary {
  double median_rate = 0;
  double min_rate = 0;
  double max_rate = 0;
  uint32_t p50_ns = 0;          // pooled over the runs: a p99 needs more samples than one
  uint32_t p99_ns = 0;          // short run may hold
  double commits_per_sync = 0;  // 0 when nothing was synced or syncs were not counted
  double cpu_cores = 0;         // process CPU time / wall time: how many cores were busy
  double sync_busy = 0;         // share of wall time a sync was in progress
};
Summary Summarize(const std::vector<RunResult>& runs);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_STATS_H_
