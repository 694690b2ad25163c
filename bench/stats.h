// Latency samples of one measurement and their summary (rate and nearest-rank percentiles).
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

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_STATS_H_
