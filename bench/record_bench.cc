// record_bench: what recording costs. The wall time of write+fsync-heavy workloads natively,
// under the shim (a whole powercut recording) and under `strace -f -o LOG`, in one run,
// interleaved, median of several rounds; reported as ratios against the native time of the same
// run, with the machine named (docs/PERFORMANCE.md, "Recording").
//
//   record_bench [--dir DIR] [--rounds R] [--txns N] [--appends N] [--max-load L]
//                [--wait-load S] [--markdown FILE] [--smoke]
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "bench/machine.h"
#include "bench/record_measure.h"
#include "bench/record_report.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: record_bench [options]\n"
    "  --dir DIR        file system to measure on: a scratch directory is made inside DIR and\n"
    "                   removed afterwards (default: the current directory)\n"
    "  --rounds R       rounds, each running every workload in every mode (default 5)\n"
    "  --txns N         sqlite3 transactions (default 1000)\n"
    "  --appends N      shell loop appends, each followed by `sync FILE` (default 200)\n"
    "  --execs N        exec loop: /bin/true runs (default 300)\n"
    "  --max-load L     wait until the 1-minute load average is below L (default 0.7)\n"
    "  --wait-load S    wait at most S seconds for that, then measure anyway, saying so\n"
    "                   in the report (default 900)\n"
    "  --markdown FILE  also write the report to FILE\n"
    "  --smoke          one round of tiny workloads, no waiting: proves the benchmark works,\n"
    "                   measures nothing\n";

struct Flags {
  std::string dir = ".";
  int rounds = 5;
  int txns = 1000;
  int appends = 200;
  int execs = 300;
  double max_load = 0.7;
  int wait_load = 900;
  std::string markdown;
  bool smoke = false;
};

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

std::optional<std::string> ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--smoke") {
      flags.smoke = true;
      continue;
    }
    if (i + 1 >= argc) return "missing value after " + std::string(arg);
    const std::string_view value = argv[++i];
    bool ok = true;
    if (arg == "--dir") flags.dir = value;
    else if (arg == "--markdown") flags.markdown = value;
    else if (arg == "--rounds") ok = ParseNumber(value, flags.rounds) && flags.rounds > 0;
    else if (arg == "--txns") ok = ParseNumber(value, flags.txns) && flags.txns > 0;
    else if (arg == "--appends") ok = ParseNumber(value, flags.appends) && flags.appends > 0;
    else if (arg == "--execs") ok = ParseNumber(value, flags.execs) && flags.execs > 0;
    else if (arg == "--wait-load") ok = ParseNumber(value, flags.wait_load) && flags.wait_load >= 0;
    else if (arg == "--max-load") ok = ParseNumber(value, flags.max_load) && flags.max_load > 0;
    else return "unknown option " + std::string(arg);
    if (!ok) return "bad value for " + std::string(arg) + ": " + std::string(value);
  }
  return std::nullopt;
}

double OneMinuteLoad() { return std::strtod(LoadAverage().c_str(), nullptr); }

// Waits until the 1-minute load is below `limit`, at most `seconds`. False if it never was.
bool WaitForQuiet(double limit, int seconds) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (OneMinuteLoad() >= limit) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::cerr << "record_bench: load " << LoadAverage() << ", waiting for the 1-minute average "
              << "to fall below " << limit << "\n";
    std::this_thread::sleep_for(std::chrono::seconds(15));
  }
  return true;
}

int Main(int argc, char** argv) {
  Flags flags;
  if (std::optional<std::string> error = ParseFlags(argc, argv, flags)) {
    std::cerr << "record_bench: " << *error << "\n" << kUsage;
    return 2;
  }
  if (flags.smoke) {
    flags.rounds = 1;
    flags.txns = 10;
    flags.appends = 3;
    flags.execs = 3;
  }
  Result<FileSystemInfo> file_system = DescribeFileSystem(flags.dir);
  if (!file_system.ok()) {
    std::cerr << "record_bench: " << file_system.status().ToString() << "\n";
    return 2;
  }
  const std::string scratch =
      std::filesystem::canonical(flags.dir).string() + "/record_bench." + std::to_string(::getpid());
  std::filesystem::create_directories(scratch);

  RecordReport report;
  report.dir = scratch;
  report.rounds = flags.rounds;
  report.smoke = flags.smoke;
  report.max_load = flags.max_load;
  report.file_system = *file_system;
  if (!flags.smoke) report.load_waited_out = !WaitForQuiet(flags.max_load, flags.wait_load);
  report.machine = DescribeMachine();
  report.load_before = report.machine.load_average;
  Result<std::vector<RecordMeasurement>> measured = MeasureRecording(
      {SqliteWorkload(flags.txns), ShellLoopWorkload(flags.appends), ExecLoopWorkload(flags.execs)},
      flags.rounds, scratch);
  report.load_after = LoadAverage();
  std::error_code ignored;
  std::filesystem::remove_all(scratch, ignored);
  if (!measured.ok()) {
    std::cerr << "record_bench: " << measured.status().ToString() << "\n";
    return 1;
  }
  report.measurements = std::move(measured).value();
  const std::string markdown = RenderRecordMarkdown(report);
  std::cout << markdown;
  if (!flags.markdown.empty()) std::ofstream(flags.markdown) << markdown;
  return 0;
}

}  // namespace
}  // namespace powercut::bench

int main(int argc, char** argv) { return powercut::bench::Main(argc, argv); }
