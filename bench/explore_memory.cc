#include "bench/explore_memory.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>

#include "bench/format.h"

namespace powercut::bench {
namespace {

// What the child sends back through the pipe: plain data, one write.
struct ChildReport {
  uint64_t start_kib = 0;
  uint64_t peak_kib = 0;
  size_t crash_points = 0;
  size_t generated = 0;
  size_t unique = 0;
  size_t checked = 0;
  size_t violating = 0;
  double seconds = 0;
  bool capped = false;
};

// A "Name:   123 kB" line of /proc/self/status, in KiB; 0 when absent.
uint64_t StatusKib(const std::string& name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, name.size() + 1, name + ":") == 0) {
      return std::strtoull(line.c_str() + name.size() + 1, nullptr, 10);
    }
  }
  return 0;
}

// In the child: never returns (not even by an exception, which would run the parent's code on).
// Exit status 0 with a report written, 1 when the high-water mark could not be reset (the peak
// would then be the parent's) or anything failed.
[[noreturn]] void RunChild(const Measurement& m, int out) noexcept try {
  ::malloc_trim(0);
  // "5" resets VmHWM to the current resident set (proc(5), Linux 4.0).
  const bool reset = std::ofstream("/proc/self/clear_refs") << "5" << std::flush ? true : false;
  if (!reset) ::_exit(1);
  ChildReport report;
  report.start_kib = StatusKib("VmRSS");
  const ExploreRun run = RunFor(m, 0);
  report.peak_kib = StatusKib("VmHWM");
  report.crash_points = run.crash_points;
  report.generated = run.generated;
  report.unique = run.unique;
  report.checked = run.checked;
  report.violating = run.violating;
  report.seconds = run.seconds;
  report.capped = run.capped;
  const bool written = ::write(out, &report, sizeof report) == static_cast<ssize_t>(sizeof report);
  ::_exit(written ? 0 : 1);
} catch (...) {
  ::_exit(1);
}

std::string Kib(uint64_t kib) { return Fixed(static_cast<double>(kib) / 1024, 1) + " MiB"; }

}  // namespace

Result<MemoryRun> MeasurePeakRss(const Measurement& m) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::IoError("pipe", errno);
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::IoError("fork", error);
  }
  if (pid == 0) {
    ::close(fds[0]);
    RunChild(m, fds[1]);
  }
  ::close(fds[1]);
  ChildReport report;
  ssize_t got = 0;
  do {
    got = ::read(fds[0], &report, sizeof report);
  } while (got < 0 && errno == EINTR);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got != static_cast<ssize_t>(sizeof report) || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    return Status::FailedPrecondition("the memory measurement's child failed (wait status " +
                            std::to_string(status) + ": could it reset VmHWM?)");
  }
  MemoryRun memory;
  memory.max_states = m.max_states;
  memory.start_kib = report.start_kib;
  memory.peak_kib = report.peak_kib;
  memory.run.explorations = 1;
  memory.run.seconds = report.seconds;
  memory.run.crash_points = report.crash_points;
  memory.run.generated = report.generated;
  memory.run.unique = report.unique;
  memory.run.checked = report.checked;
  memory.run.violating = report.violating;
  memory.run.capped = report.capped;
  return memory;
}

void RenderMemoryTable(const std::vector<MemoryRun>& runs, const Scenario& scenario,
                       std::ostream& out) {
  if (runs.empty()) return;
  out << "\n### Peak memory of one exploration (" << scenario.name
      << ", max_deviations 2, checked, 1 job)\n\n"
         "Each row is one exploration in a forked child, stopped after a quarter, half and all "
         "of the workload's states (max_states); the child's resident set before exploring "
         "(VmRSS, after returning free heap pages) and its high-water mark after (VmHWM). The "
         "shorter runs also stop at earlier crash points, whose images hold a shorter journal: "
         "part of the growth is the workload's size, not the number of states.\n\n"
         "| max_states | crash points | states checked | seconds | RSS before | peak RSS | "
         "growth |\n|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const MemoryRun& r : runs) {
    out << "| " << r.max_states << " | " << r.run.crash_points << " | " << r.run.checked
        << (r.run.capped ? " (capped)" : "") << " | " << Fixed(r.run.seconds, 2) << " | "
        << Kib(r.start_kib) << " | " << Kib(r.peak_kib) << " | " << Kib(r.growth_kib())
        << " |\n";
  }
  const MemoryRun& first = runs.front();
  const MemoryRun& last = runs.back();
  if (last.run.checked > first.run.checked) {
    const double extra_states = static_cast<double>(last.run.checked - first.run.checked);
    const double extra_bytes = (static_cast<double>(last.growth_kib()) -
                                static_cast<double>(first.growth_kib())) * 1024;
    out << "\nFrom " << first.run.checked << " to " << last.run.checked << " states checked ("
        << FormatRatio(static_cast<double>(last.run.checked) /
                       static_cast<double>(std::max<size_t>(first.run.checked, 1)))
        << "), the peak grew by " << Fixed(extra_bytes / 1024, 0) << " KiB: "
        << Fixed(extra_bytes / extra_states, 0) << " bytes per extra state.\n";
  }
}

}  // namespace powercut::bench
