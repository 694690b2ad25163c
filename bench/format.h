// How the benchmark reports write numbers (fixed decimals, latencies in µs or ms, ratios) and
// the machine they were measured on.
#ifndef POWERCUT_BENCH_FORMAT_H_
#define POWERCUT_BENCH_FORMAT_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "bench/machine.h"

namespace powercut::bench {

// `value` with `decimals` digits after the point.
std::string Fixed(double value, int decimals);
// "12.3 µs", "245 µs", "1.20 ms".
std::string FormatLatency(uint32_t ns);
// "0.93x".
std::string FormatRatio(double ratio);

// The markdown bullets naming what a sync benchmark ran on: CPU, kernel, file system and its
// write cache, the scratch directory, date, commit, and the load average at start and end.
void RenderMachineLines(const MachineInfo& machine, const FileSystemInfo& file_system,
                        const std::string& dir, const std::string& load_average_end,
                        std::ostream& out);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_FORMAT_H_
