#include "bench/record_report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "bench/stats.h"

namespace powercut::bench {
namespace {

std::vector<double> Seconds(const RecordMeasurement& m, bool total = false) {
  std::vector<double> values;
  for (const RecordRun& run : m.runs) values.push_back(total ? run.total_seconds : run.seconds);
  return values;
}

std::string Fixed(double value, int digits) {
  char text[64];
  (void)std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string Range(const std::vector<double>& values) {
  if (values.empty()) return "";
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return Fixed(*low, 3) + "–" + Fixed(*high, 3);
}

const RecordMeasurement* Find(const std::vector<RecordMeasurement>& all, const std::string& name,
                              Mode mode) {
  for (const RecordMeasurement& m : all) {
    if (m.workload.name == name && m.mode == mode) return &m;
  }
  return nullptr;
}

void RenderWorkload(std::ostringstream& out, const RecordReport& report,
                    const RecordWorkload& workload, std::vector<std::string>& targets) {
  const RecordMeasurement* native = Find(report.measurements, workload.name, Mode::kNative);
  const RecordMeasurement* shim = Find(report.measurements, workload.name, Mode::kShim);
  const RecordMeasurement* strace = Find(report.measurements, workload.name, Mode::kStrace);
  if (native == nullptr || shim == nullptr || strace == nullptr) return;
  const double n = Median(Seconds(*native));
  const double s = Median(Seconds(*shim));
  const double t = Median(Seconds(*strace));
  out << "### " << workload.name << "\n\n" << workload.description << ".\n\n"
      << "| mode | wall s (median) | runs min–max | vs native | added (ms) |\n"
      << "|---|---:|---:|---:|---:|\n";
  for (const RecordMeasurement* m : {native, shim, strace}) {
    const double median = Median(Seconds(*m));
    out << "| " << ModeName(m->mode) << " | " << Fixed(median, 3) << " | " << Range(Seconds(*m))
        << " | " << (m == native ? "—" : Fixed(median / n, 2) + "x") << " | "
        << (m == native ? "—" : Fixed((median - n) * 1000, 1)) << " |\n";
  }
  const double shim_added = s - n;
  const double strace_added = t - n;
  const std::string ratio = shim_added > 0 ? Fixed(strace_added / shim_added, 1) + "x"
                                           : "no measurable time added by the shim";
  out << "\nUnder the shim, the whole `Record()` call (initial state, finalising the trace) took "
      << Fixed(Median(Seconds(*shim, true)), 3) << " s (median); the trace held "
      << shim->runs.front().events << " events and " << shim->runs.front().warnings
      << " warnings. Time strace added over the time the shim added: " << ratio << ".\n\n";
  if (!workload.has_targets) return;
  targets.push_back("| " + workload.name + ": shim <= 1.3x native | " + Fixed(s / n, 2) + "x | " +
                    (s / n <= 1.3 ? "met" : "**missed**") + " |");
  targets.push_back("| " + workload.name + ": strace adds >= 5x the shim's added time | " + ratio +
                    " | " + (shim_added <= 0 || strace_added / shim_added >= 5 ? "met" : "**missed**") +
                    " |");
}

}  // namespace

std::string RenderRecordMarkdown(const RecordReport& report) {
  std::ostringstream out;
  const MachineInfo& m = report.machine;
  out << "- CPU: " << m.cpu_model << ", " << m.cpus_online << " CPUs online"
      << (m.virtualized ? " (virtual machine)" : "") << "\n"
      << "- Kernel: " << m.kernel << "\n"
      << "- File system: " << report.file_system.type << " on " << report.file_system.device
      << " (mounted at " << report.file_system.mount_point << ")"
      << (report.file_system.write_cache.empty() ? "" : ", device write cache: " + report.file_system.write_cache)
      << "\n"
      << "- Commit: " << m.git_commit << "; " << m.date_utc << "\n"
      << "- Load average (1/5/15 min): " << report.load_before << " at the start, "
      << report.load_after << " at the end"
      << (report.load_waited_out ? " (it never fell below " + Fixed(report.max_load, 2) +
                                       ": measured anyway, figures unreliable)"
                                 : "")
      << "\n"
      << "- " << report.rounds << " rounds; each round runs every workload natively, under the "
      << "shim and under strace, in a rotating order, each in a fresh directory"
      << (report.smoke ? " (smoke run: measures nothing)" : "") << "\n\n";
  std::vector<std::string> targets;
  std::vector<std::string> seen;
  for (const RecordMeasurement& measurement : report.measurements) {
    if (std::find(seen.begin(), seen.end(), measurement.workload.name) != seen.end()) continue;
    seen.push_back(measurement.workload.name);
    RenderWorkload(out, report, measurement.workload, targets);
  }
  out << "### Targets\n\n| target | measured | verdict |\n|---|---:|---|\n";
  for (const std::string& line : targets) out << line << "\n";
  return out.str();
}

}  // namespace powercut::bench
