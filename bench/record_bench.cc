// record_bench: what recording costs. The wall time of workloads natively, under the shim (a
// whole powercut recording) and under `strace -f -o LOG`, in one run,
// interleaved, median of several rounds; reported as ratios against the native time of the same
// run, with the machine named (docs/PERFORMANCE.md, "Recording").
//
// The workloads: sqlite3 transactions, the powercut-journal tool, `tar -x` of a few thousand small
// files (the archive made first, in the scratch directory), a shell loop of appends and syncs,
// and an exec loop (what loading the shim costs each program).
//
//   record_bench [--dir DIR] [--rounds R] [--txns N] [--journal-txns N] [--journal-tool PATH]
//                [--tar-files N] [--appends N] [--execs N] [--max-load L] [--wait-load S]
//                [--markdown FILE] [--smoke]
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "bench/flags.h"
#include "bench/machine.h"
#include "bench/record_measure.h"
#include "bench/record_report.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: record_bench [options]\n"
    "  --dir DIR           file system to measure on: a scratch directory is made inside DIR\n"
    "                      and removed afterwards (default: the current directory)\n"
    "  --rounds R          rounds, each running every workload in every mode (default 5)\n"
    "  --txns N            sqlite3 transactions (default 1000)\n"
    "  --journal-txns N    powercut-journal transactions (default 1000)\n"
    "  --journal-tool PATH the powercut-journal binary (default: the one built with this\n"
    "                      benchmark)\n"
    "  --tar-files N       files in the archive tar extracts (default 3000)\n"
    "  --appends N         shell loop appends, each followed by `sync FILE` (default 200)\n"
    "  --execs N           exec loop: /bin/true runs (default 300)\n"
    "  --max-load L        wait until the 1-minute load average is below L (default 0.7)\n"
    "  --wait-load S       wait at most S seconds for that, then measure anyway, saying so\n"
    "                      in the report (default 900)\n"
    "  --markdown FILE     also write the report to FILE\n"
    "  --smoke             one round of tiny workloads, no waiting: proves the benchmark\n"
    "                      works, measures nothing\n";

struct Flags {
  std::string dir = ".";
  int rounds = 5;
  int txns = 1000;
  int journal_txns = 1000;
  std::string journal_tool = POWERCUT_JOURNAL_BINARY;
  int tar_files = 3000;
  int appends = 200;
  int execs = 300;
  double max_load = 0.7;
  int wait_load = 900;
  std::string markdown;
  bool smoke = false;
};

// Takes one flag (see WalkFlags): true when taken, false for a bad value, nullopt when unknown.
std::optional<bool> TakeFlag(Flags& flags, std::string_view arg, std::string_view value) {
  auto positive = [&](int& out) { return ParseNumber(value, out) && out > 0; };
  if (arg == "--smoke") return flags.smoke = true;
  if (arg == "--dir") return !(flags.dir = value).empty();
  if (arg == "--markdown") return !(flags.markdown = value).empty();
  if (arg == "--journal-tool") return !(flags.journal_tool = value).empty();
  if (arg == "--rounds") return positive(flags.rounds);
  if (arg == "--txns") return positive(flags.txns);
  if (arg == "--journal-txns") return positive(flags.journal_txns);
  if (arg == "--tar-files") return positive(flags.tar_files);
  if (arg == "--appends") return positive(flags.appends);
  if (arg == "--execs") return positive(flags.execs);
  if (arg == "--wait-load") return ParseNumber(value, flags.wait_load) && flags.wait_load >= 0;
  if (arg == "--max-load") return ParseNumber(value, flags.max_load) && flags.max_load > 0;
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

// In an AddressSanitizer build the powercut-journal tool is instrumented too: under the shim
// (LD_PRELOAD) ASan's runtime is not first in its library list, which ASan refuses unless told to
// accept it, and LeakSanitizer cannot run under strace (ptrace). Every child inherits the
// options, in every mode alike; the tool's own tests check it for leaks.
void AllowShimAndStraceUnderAsan() {
#if defined(__SANITIZE_ADDRESS__)
  const char* current = std::getenv("ASAN_OPTIONS");
  const std::string options = (current != nullptr && *current != '\0' ? std::string(current) + ":" : "") +
                              "verify_asan_link_order=0:detect_leaks=0";
  ::setenv("ASAN_OPTIONS", options.c_str(), 1);
#endif
}

int Main(int argc, char** argv) {
  Flags flags;
  const std::optional<int> exit_status = ParseCommandLine(
      argc, argv, "record_bench", kUsage, {"--smoke"},
      [&](std::string_view arg, std::string_view value) { return TakeFlag(flags, arg, value); });
  if (exit_status) return *exit_status;
  AllowShimAndStraceUnderAsan();
  if (flags.smoke) {
    flags.rounds = 1;
    flags.txns = 10;
    flags.journal_txns = 5;
    flags.tar_files = 20;
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
  Result<std::string> archive = MakeTarArchive(scratch, flags.tar_files);
  Result<std::vector<RecordMeasurement>> measured =
      !archive.ok() ? Result<std::vector<RecordMeasurement>>(archive.status())
                    : MeasureRecording({SqliteWorkload(flags.txns),
                                        JournalToolWorkload(flags.journal_tool, flags.journal_txns),
                                        TarWorkload(*archive, flags.tar_files),
                                        ShellLoopWorkload(flags.appends),
                                        ExecLoopWorkload(flags.execs)},
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
