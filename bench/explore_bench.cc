// explore_bench: how fast the in-process explorer generates and checks crash states, and how its
// time and memory grow with the workload.
//
// The powercut-journal tool's workload is recorded once per length on SimFileSystem (dir "wal",
// 3 ops per txn, one thread); then, from those traces, each measurement runs again and again:
//   1. generation alone: CrashStateGenerator::Run with a visitor that does nothing;
//   2. generation + check: explore::ExploreTrace with the tool's checker (as in
//      scenarios/journal/journal_scenarios_test.cc), with jobs=1 and jobs=<cores>;
//   3. the same with crash_recovery (each recovery crashed at each of its crash points);
//   4. unless --no-scaling: an Immediate workload of each --lengths (10, 100, 1000 transactions)
//      at max_deviations 0, 1 and 2, generated and checked on 1 and <cores> jobs, and a
//      --relaxed-txns Relaxed workload (no sync per commit: many pending writes per crash point)
//      at 0, 1 and 2;
//   5. unless --no-scaling or --no-memory: the peak RSS of exploring the longest of those
//      workloads (checked, 1 job), stopped after a quarter, half and all of its states, each in a
//      forked child, measured once before the timed rounds (explore_memory.h).
// The model is posix and every crash point is explored. Figures are states per second of wall
// time, with the machine printed beside them; jobs=N is reported as a ratio against jobs=1
// measured in the same run.
//
//   explore_bench [--txns N] [--lengths LIST] [--relaxed-txns M] [--runs R] [--seconds S]
//                 [--jobs J] [--only LIST] [--no-scaling] [--no-memory] [--max-states S]
//                 [--markdown FILE] [--smoke]
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/explore_measure.h"
#include "bench/explore_memory.h"
#include "bench/explore_report.h"
#include "bench/flags.h"
#include "bench/machine.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: explore_bench [options]\n"
    "  --txns N           transactions of the Immediate workload (default 20)\n"
    "  --lengths LIST     transactions of the Immediate workloads of the scaling rows\n"
    "                     (default 10,100,1000); the memory rows explore the longest\n"
    "  --relaxed-txns M   transactions of the Relaxed workload of the scaling rows (default 100)\n"
    "  --runs R           runs per measurement, interleaved; the median is reported (default 5)\n"
    "  --seconds S        least wall time per measurement, split over the runs: a run repeats\n"
    "                     the exploration until its share has passed (default 2)\n"
    "  --jobs J           checker threads of the parallel rows (default: the CPUs online)\n"
    "  --only LIST        run only these measurements, e.g. check/Immediate-20/d2/j1 (for\n"
    "                     profiling one of them)\n"
    "  --no-scaling       leave out the scaling rows (lengths, max_deviations 0/1, the Relaxed\n"
    "                     workload) and the memory rows\n"
    "  --no-memory        leave out the memory rows (peak RSS)\n"
    "  --max-states S     the generator's cap on unique states (default 100000)\n"
    "  --markdown FILE    also write the report to FILE\n"
    "  --smoke            3- and 6-transaction workloads, one run: proves the benchmark works,\n"
    "                     measures nothing\n";

struct Flags {
  uint64_t txns = 20;
  std::vector<size_t> lengths = {10, 100, 1000};
  uint64_t relaxed_txns = 100;
  int runs = 5;
  double seconds = 2;
  int jobs = 0;  // 0: the CPUs online
  std::vector<std::string> only;
  bool scaling = true;
  bool memory = true;
  size_t max_states = 100000;
  std::string markdown;
  bool smoke = false;
};

// Takes one flag (see WalkFlags): true when taken, false for a bad value, nullopt when unknown.
std::optional<bool> TakeFlag(Flags& flags, std::string_view arg, std::string_view value) {
  if (arg == "--smoke") return flags.smoke = true;
  if (arg == "--no-scaling") {
    flags.scaling = false;
    return true;
  }
  if (arg == "--no-memory") {
    flags.memory = false;
    return true;
  }
  if (arg == "--lengths") return ParseSizeList(value, 1, 1000000, flags.lengths);
  if (arg == "--txns") return ParseNumber(value, flags.txns) && flags.txns >= 1;
  if (arg == "--relaxed-txns") return ParseNumber(value, flags.relaxed_txns);
  if (arg == "--runs") return ParseNumber(value, flags.runs) && flags.runs >= 1;
  if (arg == "--seconds") return ParseNumber(value, flags.seconds) && flags.seconds >= 0;
  if (arg == "--jobs")
    return ParseNumber(value, flags.jobs) && flags.jobs >= 1 && flags.jobs <= 1024;
  if (arg == "--max-states") return ParseNumber(value, flags.max_states) && flags.max_states >= 1;
  if (arg == "--markdown") return !(flags.markdown = value).empty();
  if (arg == "--only") {
    AppendNames(value, flags.only);
    return true;
  }
  return std::nullopt;
}

// The memory rows: `scenario` at max_deviations 2, checked on one job, stopped after a quarter,
// half and all of its states (counted by a generation-only run). False on failure, said on stderr.
bool MeasureMemory(const Scenario& scenario, size_t max_states, std::vector<MemoryRun>& out) {
  Measurement m;
  m.scenario = &scenario;
  m.mode = Mode::kGenerate;
  m.max_states = max_states;
  const size_t states = std::max<size_t>(RunFor(m, 0).unique, 1);
  m.mode = Mode::kCheck;
  for (const size_t cap : {std::max<size_t>(states / 4, 1), std::max<size_t>(states / 2, 1), states}) {
    m.max_states = cap;
    Result<MemoryRun> run = MeasurePeakRss(m);
    if (!run.ok()) {
      std::cerr << "explore_bench: " << run.status().ToString() << "\n";
      return false;
    }
    std::cerr << "memory " << ShortName(m) << " max_states " << cap << ": " << run->run.checked
              << " checked, peak " << run->peak_kib << " KiB (" << run->start_kib
              << " KiB before)\n";
    out.push_back(std::move(*run));
  }
  return true;
}

int Main(int argc, char** argv) {
  Flags flags;
  const std::optional<int> exit_status = ParseCommandLine(
      argc, argv, "explore_bench", kUsage, {"--smoke", "--no-scaling", "--no-memory"},
      [&](std::string_view arg, std::string_view value) { return TakeFlag(flags, arg, value); });
  if (exit_status) return *exit_status;
  ExploreReport report;
  report.machine = DescribeMachine();
  if (flags.jobs == 0) flags.jobs = std::max(1, report.machine.cpus_online);
  if (flags.smoke) {
    flags.txns = 3;
    flags.lengths = {3, 6};
    flags.relaxed_txns = std::min<uint64_t>(flags.relaxed_txns, 5);
    flags.runs = 1;
    flags.seconds = 0;
    flags.jobs = std::min(flags.jobs, 2);
  }
  report.rounds = flags.runs;
  report.run_seconds = flags.seconds / flags.runs;
  report.smoke = flags.smoke;

  // Recorded once; every measurement explores the same trace.
  std::vector<std::unique_ptr<Scenario>> scenarios;
  auto record = [&](journal::Durability durability, uint64_t txns) -> const Scenario* {
    Result<Scenario> s = RecordScenario(durability, txns);
    if (!s.ok()) {
      std::cerr << "explore_bench: recording the workload failed: " << s.status().ToString()
                << "\n";
      return nullptr;
    }
    scenarios.push_back(std::make_unique<Scenario>(std::move(*s)));
    report.scenarios.push_back(scenarios.back().get());
    return scenarios.back().get();
  };
  const Scenario* immediate = record(journal::Durability::kImmediate, flags.txns);
  if (immediate == nullptr) return 1;
  if (flags.scaling) {
    for (const size_t length : flags.lengths) {
      const Scenario* s = length == flags.txns ? immediate
                                               : record(journal::Durability::kImmediate, length);
      if (s == nullptr) return 1;
      report.length_series.push_back(s);
    }
  }
  const Scenario* relaxed = nullptr;
  if (flags.scaling && flags.relaxed_txns > 0) {
    relaxed = record(journal::Durability::kRelaxed, flags.relaxed_txns);
    if (relaxed == nullptr) return 1;
  }

  // Each measurement once: the series may repeat the rows.
  auto add = [&](const Scenario* s, Mode mode, int max_deviations, int jobs, bool recovery) {
    Measurement m;
    m.scenario = s;
    m.mode = mode;
    m.max_deviations = max_deviations;
    m.jobs = jobs;
    m.crash_recovery = recovery;
    m.max_states = flags.max_states;
    for (const Measurement& other : report.measurements) {
      if (ShortName(other) == ShortName(m)) return;
    }
    report.measurements.push_back(std::move(m));
  };
  // The figures: max_deviations 2.
  add(immediate, Mode::kGenerate, 2, 1, false);
  add(immediate, Mode::kCheck, 2, 1, false);
  if (flags.jobs > 1) add(immediate, Mode::kCheck, 2, flags.jobs, false);
  add(immediate, Mode::kCheck, 2, 1, true);
  if (flags.jobs > 1) add(immediate, Mode::kCheck, 2, flags.jobs, true);
  // How the cost scales with the workload's length, the bound and the pending writes.
  for (const Scenario* s : report.length_series) {
    for (const int d : {0, 1, 2}) {
      add(s, Mode::kGenerate, d, 1, false);
      add(s, Mode::kCheck, d, 1, false);
      if (flags.jobs > 1) add(s, Mode::kCheck, d, flags.jobs, false);
    }
  }
  if (relaxed != nullptr) {
    for (const int d : {0, 1, 2}) {
      add(relaxed, Mode::kGenerate, d, 1, false);
      add(relaxed, Mode::kCheck, d, 1, false);
    }
  }
  if (!flags.only.empty()) {
    std::erase_if(report.measurements, [&](const Measurement& m) {
      return std::find(flags.only.begin(), flags.only.end(), ShortName(m)) == flags.only.end();
    });
    if (report.measurements.empty()) {
      std::cerr << "explore_bench: --only matches no measurement\n";
      return 2;
    }
  }
  // Pointers into report.measurements are taken once the vector is final.
  for (const Measurement& m : report.measurements) {
    if (m.scenario != immediate || m.max_deviations != 2 || m.crash_recovery) continue;
    if (m.mode == Mode::kGenerate) report.target_generation = &m;
    if (m.mode == Mode::kCheck && m.jobs == 1) report.target = &m;
  }

  // Before the timed rounds: no thread has run yet (fork), and little heap has been freed.
  if (flags.memory && !report.length_series.empty()) {
    if (!MeasureMemory(*report.length_series.back(), flags.max_states, report.memory)) return 1;
  }

  for (int round = 1; round <= flags.runs; ++round) {
    for (Measurement& m : report.measurements) {
      ExploreRun run = RunFor(m, report.run_seconds);
      std::cerr << "run " << round << "/" << flags.runs << " " << ShortName(m) << ": "
                << run.explorations << " x " << run.SecondsEach() * 1e3 << " ms, " << run.unique
                << " states";
      if (m.mode == Mode::kCheck) {
        std::cerr << ", " << run.checked << " checked, " << run.recovery_checked << " nested, "
                  << static_cast<uint64_t>(run.Rate(run.checked)) << " checks/s";
      }
      std::cerr << "\n";
      m.runs.push_back(std::move(run));
    }
  }
  report.load_average_end = LoadAverage();

  const std::string markdown = RenderExploreMarkdown(report);
  std::cout << markdown;
  if (!flags.markdown.empty()) {
    std::ofstream file(flags.markdown);
    file << markdown;
    if (!file.flush()) {
      std::cerr << "explore_bench: cannot write " << flags.markdown << "\n";
      return 1;
    }
  }
  // A violation means the journal (or this bench's checker) is broken: the figures measured
  // something other than a correct journal being checked.
  for (const Measurement& m : report.measurements) {
    for (const ExploreRun& run : m.runs) {
      if (run.violating > 0) return 1;
    }
  }
  for (const MemoryRun& run : report.memory) {
    if (run.run.violating > 0) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace powercut::bench

int main(int argc, char** argv) { return powercut::bench::Main(argc, argv); }
