#include "bench/stats.h"

#include <algorithm>
#include <cmath>

namespace powercut::bench {

uint32_t Percentile(std::vector<uint32_t>& samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(p * static_cast<double>(samples.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

Summary Summarize(const std::vector<RunResult>& runs) {
  Summary s;
  std::vector<double> rates;
  std::vector<uint32_t> latencies;
  uint64_t commits = 0;
  uint64_t syncs = 0;
  double cpu_seconds = 0;
  double sync_seconds = 0;
  double seconds = 0;
  for (const RunResult& run : runs) {
    cpu_seconds += run.cpu_seconds;
    sync_seconds += run.sync_seconds;
    seconds += run.seconds;
    rates.push_back(run.rate());
    latencies.insert(latencies.end(), run.latency_ns.begin(), run.latency_ns.end());
    commits += run.commits;
    syncs += run.syncs;
  }
  if (rates.empty()) return s;
  s.median_rate = Median(rates);
  s.min_rate = *std::min_element(rates.begin(), rates.end());
  s.max_rate = *std::max_element(rates.begin(), rates.end());
  s.p50_ns = Percentile(latencies, 0.50);
  s.p99_ns = Percentile(latencies, 0.99);
  s.cpu_cores = seconds > 0 ? cpu_seconds / seconds : 0;
  s.sync_busy = seconds > 0 ? sync_seconds / seconds : 0;
  if (syncs > 0) s.commits_per_sync = static_cast<double>(commits) / static_cast<double>(syncs);
  return s;
}

}  // namespace powercut::bench
