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

void RenderMachineLines(const MachineInfo& m, const FileSystemInfo& fs, const std::string& dir,
                        const std::string& load_average_end, std::ostream& out) {
  out << "- CPU: " << (m.cpu_model.empty() ? "unknown" : m.cpu_model) << ", " << m.cpus_online
      << " CPUs online" << (m.virtualized ? " (virtual machine)" : "") << "\n"
      << "- Kernel: " << m.kernel << "\n"
      << "- File system: " << fs.type << " on " << fs.device << " (mounted at " << fs.mount_point
      << ")";
  if (!fs.write_cache.empty()) out << ", device write cache: " << fs.write_cache;
  out << "\n- Directory: " << dir << "\n"
      << "- Date: " << m.date_utc
      << "; commit: " << (m.git_commit.empty() ? "unknown" : m.git_commit) << "\n"
      << "- Load average (1/5/15 min) at start: " << m.load_average
      << "; at end: " << load_average_end << "\n";
}

}  // namespace powercut::bench
