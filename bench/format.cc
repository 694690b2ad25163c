#include "bench/format.h"

#include <cstdio>

namespace powercut::bench {

std::string Fixed(double value, int decimals) {
  char buffer[64];
  (void)std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);  // truncation is harmless
  return buffer;
}

std::string FormatLatency(uint32_t ns) {
  const double us = static_cast<double>(ns) / 1e3;
  if (us < 100) return Fixed(us, 1) + " µs";
  if (us < 1000) return Fixed(us, 0) + " µs";
  return Fixed(us / 1e3, 2) + " ms";
}

std::string FormatRatio(double ratio) { return Fixed(ratio, 2) + "x"; }

}  // namespace powercut::bench
