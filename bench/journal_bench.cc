// journal_bench: how close the journal's commit rate comes to the device's own limit.
//
// One run measures, on one file system and for one transaction size:
//   1. raw pwrite+fdatasync appends of a journal-record-sized buffer (the device limit);
//   2. Journal Immediate with 1 thread;
//   3. Journal GroupCommit with each --threads count, and, as its ceiling, raw appends of as many
//      records per fdatasync as the largest thread count;
//   4. Journal Relaxed with 1 thread (informational: no sync per commit).
// Absolute figures on a shared VM mean little; the report gives each as a ratio against the
// baselines measured in the same run, and prints the machine and file system they ran on.
//
//   journal_bench [--dir DIR] [--txn-bytes N] [--seconds S] [--runs R] [--threads 1,4,16]
//                 [--markdown FILE] [--smoke]
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/flags.h"
#include "bench/machine.h"
#include "bench/report.h"
#include "bench/scratch_dir.h"
#include "bench/workloads.h"
#include "journal/format.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: journal_bench [options]\n"
    "  --dir DIR          file system to measure: a scratch directory is made inside DIR and\n"
    "                     removed afterwards (default: the current directory)\n"
    "  --txn-bytes N      encoded size of each transaction's ops (default 64)\n"
    "  --seconds S        measured seconds per measurement, split over the runs (default 3)\n"
    "  --runs R           runs per measurement, interleaved; the median is reported (default 5)\n"
    "  --threads LIST     GroupCommit thread counts (default 1,4,16)\n"
    "  --markdown FILE    also write the report to FILE\n"
    "  --only LIST        run only these measurements, e.g. raw,GroupCommit@16 (for profiling\n"
    "                     one of them; ratios to a baseline left out are not printed)\n"
    "  --smoke            ~0.2 s per measurement, one run: proves the benchmark works, measures\n"
    "                     nothing (tmpfs is then allowed)\n";

struct Flags {
  std::string dir = ".";
  size_t txn_bytes = 64;
  double seconds = 3;
  int runs = 5;
  std::vector<int> threads = {1, 4, 16};
  std::string markdown;
  std::vector<std::string> only;  // ShortName()s; empty: all
  bool smoke = false;
};

// Takes one flag (see WalkFlags): true when taken, false for a bad value, nullopt when unknown.
std::optional<bool> TakeFlag(Flags& flags, std::string_view arg, std::string_view value) {
  if (arg == "--smoke") return flags.smoke = true;
  if (arg == "--dir") return !(flags.dir = value).empty();
  if (arg == "--txn-bytes") return ParseNumber(value, flags.txn_bytes);
  if (arg == "--seconds") return ParseNumber(value, flags.seconds) && flags.seconds > 0;
  if (arg == "--runs") return ParseNumber(value, flags.runs) && flags.runs >= 1;
  if (arg == "--threads") return ParseIntList(value, 1, 1024, flags.threads);
  if (arg == "--markdown") return !(flags.markdown = value).empty();
  if (arg == "--only") {
    AppendNames(value, flags.only);
    return true;
  }
  return std::nullopt;
}

Result<RunResult> Run(const Measurement& m, const std::string& path, size_t record_bytes,
                      const std::vector<journal::Op>& ops, const Timing& timing) {
  switch (m.kind) {
    case Kind::kRaw:
    case Kind::kRawBatched:
      return RunRaw(path, record_bytes, m.records_per_sync, timing);
    case Kind::kImmediate:
      return RunJournal(path, journal::Durability::kImmediate, m.threads, ops, timing);
    case Kind::kGroupCommit:
      return RunJournal(path, journal::Durability::kGroupCommit, m.threads, ops, timing);
    case Kind::kRelaxed:
      return RunJournal(path, journal::Durability::kRelaxed, m.threads, ops, timing);
  }
  return Status::InvalidArgument("unknown measurement");
}

int Main(int argc, char** argv) {
  Flags flags;
  const std::optional<int> exit_status = ParseCommandLine(
      argc, argv, "journal_bench", kUsage, {"--smoke"},
      [&](std::string_view arg, std::string_view value) { return TakeFlag(flags, arg, value); });
  if (exit_status) return *exit_status;
  if (flags.smoke) {
    flags.seconds = 0.2;
    flags.runs = 1;
  }

  Result<std::vector<journal::Op>> ops = MakeTransaction(flags.txn_bytes);
  if (!ops.ok()) {
    std::cerr << "journal_bench: " << ops.status().ToString() << "\n";
    return 2;
  }
  FileSystemInfo fs_info;
  Result<std::unique_ptr<ScratchDir>> scratch =
      ScratchDir::Make(flags.dir, "journal_bench", flags.smoke, fs_info);
  if (!scratch.ok()) {
    std::cerr << "journal_bench: " << scratch.status().ToString() << "\n";
    return 1;
  }

  Report report;
  report.machine = DescribeMachine();
  report.file_system = fs_info;
  report.txn_bytes = flags.txn_bytes;
  report.record_bytes = journal::kRecordPrefixBytes + flags.txn_bytes;
  report.rounds = flags.runs;
  report.smoke = flags.smoke;
  report.run_seconds = flags.seconds / flags.runs;
  // Long enough to get past first-touch costs and to get every thread queued, short against
  // the run.
  report.warmup_seconds = std::clamp(report.run_seconds / 5, 0.02, 0.25);
  report.dir = (*scratch)->path();

  report.measurements.push_back({Kind::kRaw, 1, 1, {}});
  report.measurements.push_back({Kind::kImmediate, 1, 1, {}});
  for (const int threads : flags.threads) {
    report.measurements.push_back({Kind::kGroupCommit, threads, 1, {}});
  }
  // What the device allows a group commit whose every batch held one record per thread: the
  // ceiling the largest GroupCommit figure can be read against.
  const int max_threads = *std::max_element(flags.threads.begin(), flags.threads.end());
  if (max_threads > 1) {
    report.measurements.push_back({Kind::kRawBatched, 1, static_cast<size_t>(max_threads), {}});
  }
  report.measurements.push_back({Kind::kRelaxed, 1, 1, {}});
  if (!flags.only.empty()) {
    std::erase_if(report.measurements, [&](const Measurement& m) {
      return std::find(flags.only.begin(), flags.only.end(), ShortName(m)) == flags.only.end();
    });
    if (report.measurements.empty()) {
      std::cerr << "journal_bench: --only matches no measurement\n";
      return 2;
    }
  }

  std::error_code ec;
  Timing timing;
  timing.warmup = std::chrono::duration<double>(report.warmup_seconds);
  timing.measure = std::chrono::duration<double>(report.run_seconds);
  for (int round = 1; round <= flags.runs; ++round) {
    for (Measurement& m : report.measurements) {
      // Appended piecewise: GCC 12 misreports "literal" + std::string (-Wrestrict, PR 105329).
      std::string name = "run";
      name += std::to_string(round);
      name += "-";
      name += ShortName(m);
      const std::string path = JoinPath((*scratch)->path(), name);
      Result<RunResult> run = Run(m, path, report.record_bytes, *ops, timing);
      if (!run.ok()) {
        std::cerr << "journal_bench: " << name << ": " << run.status().ToString() << "\n";
        return 1;
      }
      std::filesystem::remove_all(path, ec);  // keep the file system's free space steady
      std::cerr << "run " << round << "/" << flags.runs << " " << ShortName(m) << ": "
                << static_cast<uint64_t>(run->rate()) << " commits/s\n";
      m.runs.push_back(std::move(*run));
    }
  }
  report.load_average_end = LoadAverage();

  const std::string markdown = RenderMarkdown(report);
  std::cout << markdown;
  if (!flags.markdown.empty()) {
    std::ofstream file(flags.markdown);
    file << markdown;
    if (!file.flush()) {
      std::cerr << "journal_bench: cannot write " << flags.markdown << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace powercut::bench

int main(int argc, char** argv) { return powercut::bench::Main(argc, argv); }
