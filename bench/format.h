// How the benchmark reports write numbers: fixed decimals, latencies in µs or ms, ratios.
#ifndef POWERCUT_BENCH_FORMAT_H_
#define POWERCUT_BENCH_FORMAT_H_

#include <cstdint>
#include <string>

namespace powercut::bench {

// `value` with `decimals` digits after the point.
std::string Fixed(double value, int decimals);
// "12.3 µs", "245 µs", "1.20 ms".
std::string FormatLatency(uint32_t ns);
// "0.93x".
std::string FormatRatio(double ratio);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_FORMAT_H_
