// explore_bench's memory rows: the peak resident set of one exploration, measured in a child
// process, at several counts of states explored on the same workload, to show whether memory
// grows with the states explored or stays bounded.
#ifndef POWERCUT_BENCH_EXPLORE_MEMORY_H_
#define POWERCUT_BENCH_EXPLORE_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

#include "bench/explore_measure.h"
#include "faultfs/fs/result.h"

namespace powercut::bench {

struct MemoryRun {
  size_t max_states = 0;  // the cap the exploration ran under
  ExploreRun run;         // one exploration (explorations = 1)
  uint64_t start_kib = 0;  // the child's resident set before exploring (VmRSS)
  uint64_t peak_kib = 0;   // its high-water mark after exploring (VmHWM)
  uint64_t growth_kib() const { return peak_kib > start_kib ? peak_kib - start_kib : 0; }
};

// Runs `m` once (RunFor with no minimum time) in a forked child and reports the child's resident
// set before and at its peak. The child returns its heap's free pages to the kernel first
// (malloc_trim), so pages the parent freed do not hide what the exploration allocates. Call it
// with no other thread running (fork).
Result<MemoryRun> MeasurePeakRss(const Measurement& m);

// The markdown table of `runs` (one workload, ascending caps): states, peak and growth, and the
// resident set added per extra state explored between the first run and the last.
void RenderMemoryTable(const std::vector<MemoryRun>& runs, const Scenario& scenario,
                       std::ostream& out);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_EXPLORE_MEMORY_H_
