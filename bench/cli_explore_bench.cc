// cli_explore_bench: how many crash states per second `powercut explore` checks with a checker
// program, when the checker costs nothing (`true`), on one job and on two, and how that grows
// with the workload's length and max_deviations.
//
// The workload is recorded once on SimFileSystem and written as a trace file: FILES files, each
// created as NAME.tmp, written with WRITES writes of 512 bytes, renamed to NAME and followed by
// an output line, with no sync (so every crash point has many states: posix, max_deviations 2).
// Then, interleaved round by round:
//   - baseline: `sh -c true` run as many times as there are states, one at a time, by the same
//     spawner powercut uses (harness/process.h), with nothing else: the checker's own cost;
//   - `powercut explore TRACE --checker true --jobs 1`, and `--jobs 2`, as separate processes;
//     their rate is the JSON report's checked / seconds (generation, materialising each state
//     into scratch, the checker, removal);
//   - unless --no-scaling: the same on the powercut-journal workload (Immediate, as explore_bench
//     records it) of each --lengths (10, 100, 1000 transactions), at max_deviations 0, 1 and 2.
// Figures are medians over the rounds, with the machine and the load average before and after;
// explore's rates are given as ratios against the baseline measured in the same run.
//
//   cli_explore_bench [--powercut PATH] [--files N] [--writes W] [--lengths LIST] [--no-scaling]
//                     [--rounds R] [--markdown FILE] [--smoke]
#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bench/cli_explore_run.h"
#include "bench/explore_measure.h"
#include "bench/flags.h"
#include "bench/format.h"
#include "bench/machine.h"
#include "bench/stats.h"
#include "faultfs/sim/sim_file_system.h"
#include "harness/scratch.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: cli_explore_bench [options]\n"
    "  --powercut PATH   the powercut binary (default: the one built with this benchmark)\n"
    "  --files N         files in the workload (default 7: about 4000 states)\n"
    "  --writes W        512-byte writes per file (default 1)\n"
    "  --lengths LIST    transactions of the journal workloads of the scaling rows\n"
    "                    (default 10,100,1000)\n"
    "  --no-scaling      leave out the scaling rows\n"
    "  --rounds R        rounds; medians are reported (default 5)\n"
    "  --markdown FILE   also write the report to FILE\n"
    "  --smoke           tiny workloads, one round: proves the benchmark works, measures nothing\n";

struct Flags {
  std::string powercut = POWERCUT_BINARY;
  int files = 7;
  int writes = 1;
  std::vector<size_t> lengths = {10, 100, 1000};
  bool scaling = true;
  int rounds = 5;
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
  if (arg == "--powercut") return !(flags.powercut = value).empty();
  if (arg == "--files") return ParseNumber(value, flags.files) && flags.files >= 1;
  if (arg == "--writes") return ParseNumber(value, flags.writes) && flags.writes >= 1;
  if (arg == "--lengths") return ParseSizeList(value, 1, 1000000, flags.lengths);
  if (arg == "--rounds") return ParseNumber(value, flags.rounds) && flags.rounds >= 1;
  if (arg == "--markdown") return !(flags.markdown = value).empty();
  return std::nullopt;
}

trace::Trace RecordFilesWorkload(int files, int writes) {
  SimFileSystem fs;
  const std::string block(512, 'x');
  const auto bytes = std::as_bytes(std::span(block.data(), block.size()));
  for (int i = 0; i < files; ++i) {
    const std::string name = "file" + std::to_string(i);
    auto file = fs.Open(name + ".tmp", OpenMode::kCreateTruncate);
    POWERCUT_ASSERT(file.ok());
    for (int w = 0; w < writes; ++w) {
      POWERCUT_ASSERT((*file)->WriteAt(static_cast<uint64_t>(w) * block.size(), bytes).ok());
    }
    POWERCUT_ASSERT((*file)->Close().ok());
    POWERCUT_ASSERT(fs.Rename(name + ".tmp", name).ok());
    fs.Line("saved " + name);
  }
  return fs.TakeTrace();
}

struct Rates {
  std::vector<double> baseline, jobs1, jobs2;  // states (or runs) per second, one per round
  std::vector<double> wall1, wall2;            // explore's process wall time per round, seconds
};

// A scaling row: one journal workload at one bound, on 1 and 2 jobs.
struct ScalingRow {
  size_t txns = 0;
  int max_deviations = 0;
  std::string trace;  // the trace file
  size_t states = 0;
  std::vector<double> rate1, rate2;        // checked/s per round
  std::vector<double> seconds1, seconds2;  // the report's seconds per round
};

std::string MachineLines(const MachineInfo& machine, const std::string& load_end) {
  return "- CPU: " + machine.cpu_model + ", " + std::to_string(machine.cpus_online) +
         " CPUs online" + (machine.virtualized ? " (virtual machine)" : "") + "\n" +
         "- Kernel: " + machine.kernel + "; date: " + machine.date_utc + "; commit: " +
         machine.git_commit + "\n" + "- Load average (1/5/15 min) at start: " +
         machine.load_average + "; at end: " + load_end + "\n";
}

std::string Render(const Flags& flags, const MachineInfo& machine, const std::string& load_end,
                   const trace::Trace& trace, size_t states, const Rates& r) {
  const double baseline = Median(r.baseline);
  const double jobs1 = Median(r.jobs1);
  const double jobs2 = Median(r.jobs2);
  std::string text;
  text += "## cli_explore_bench" +
          std::string(flags.smoke ? " (smoke run: figures are not measurements)" : "") + "\n\n";
  text += MachineLines(machine, load_end);
  text += "- Trace: " + std::to_string(flags.files) + " files x " + std::to_string(flags.writes) +
          " writes of 512 B, renamed, no sync: " + std::to_string(trace.events.size()) +
          " events, " + std::to_string(states) + " unique states (posix, max_deviations 2)\n";
  text += "- Medians of " + std::to_string(flags.rounds) + " rounds; checker `true`\n\n";
  text += "| measurement | states/s (median) | min–max | vs baseline |\n|---|---:|---:|---:|\n";
  auto row = [&](const std::string& name, const std::vector<double>& v, double median) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    text += "| " + name + " | " + Fixed(median, 0) + " | " + Fixed(*lo, 0) + "–" + Fixed(*hi, 0) +
            " | " + Fixed(median / baseline, 2) + "x |\n";
  };
  row("baseline: `sh -c true` spawned and reaped, one at a time", r.baseline, baseline);
  row("`powercut explore --checker true --jobs 1`", r.jobs1, jobs1);
  row("`powercut explore --checker true --jobs 2`", r.jobs2, jobs2);
  text += "\n--jobs 2 vs --jobs 1: " + Fixed(jobs2 / jobs1, 2) +
          "x. Wall time of the explore process (median, including reading the trace and "
          "writing the report): " + Fixed(Median(r.wall1), 2) + " s (--jobs 1), " +
          Fixed(Median(r.wall2), 2) + " s (--jobs 2).\n";
  return text;
}

std::string RenderScaling(const std::vector<ScalingRow>& rows) {
  if (rows.empty()) return "";
  std::string text =
      "\n### Growth with the workload's length and max_deviations\n\n"
      "powercut-journal's workload (Immediate: a sync per commit, 3 ops per txn), recorded on "
      "SimFileSystem and explored by `powercut explore --checker true`; medians. \"x time\" is "
      "the exploring time (1 job) against the previous, shorter workload at the same bound.\n\n"
      "| max dev | txns | states checked | s, 1 job | states/s, 1 job | s, 2 jobs | "
      "states/s, 2 jobs | 2 jobs vs 1 | x states | x time |\n"
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  const ScalingRow* previous = nullptr;
  for (const ScalingRow& row : rows) {
    if (previous != nullptr && previous->max_deviations != row.max_deviations) previous = nullptr;
    const double s1 = Median(row.seconds1);
    const double r1 = Median(row.rate1);
    const double r2 = Median(row.rate2);
    text += "| " + std::to_string(row.max_deviations) + " | " + std::to_string(row.txns) + " | " +
            std::to_string(row.states) + " | " + Fixed(s1, 3) + " | " + Fixed(r1, 0) + " | " +
            Fixed(Median(row.seconds2), 3) + " | " + Fixed(r2, 0) + " | " +
            (r1 > 0 ? FormatRatio(r2 / r1) : "—") + " | ";
    const double previous_seconds = previous != nullptr ? Median(previous->seconds1) : 0;
    if (previous != nullptr && previous->states > 0 && previous_seconds > 0) {
      text += FormatRatio(static_cast<double>(row.states) / static_cast<double>(previous->states)) +
              " | " + FormatRatio(s1 / previous_seconds) + " |\n";
    } else {
      text += "— | — |\n";
    }
    previous = &row;
  }
  return text;
}

// The scaling rows' traces, written under `dir`: one per length, rows ordered by bound, then
// length. False on failure, said on stderr.
bool PrepareScaling(const Flags& flags, const std::string& dir, std::vector<ScalingRow>& rows) {
  std::map<size_t, std::string> traces;
  for (const size_t txns : flags.lengths) {
    Result<Scenario> scenario = RecordScenario(journal::Durability::kImmediate, txns);
    const std::string path = dir + "/journal-" + std::to_string(txns) + ".trace";
    const Status written = scenario.ok() ? WriteTrace(path, scenario->trace) : scenario.status();
    if (!written.ok()) {
      std::cerr << "cli_explore_bench: the " << txns << "-transaction workload: "
                << written.ToString() << "\n";
      return false;
    }
    traces[txns] = path;
  }
  for (const int d : {0, 1, 2}) {
    for (const size_t txns : flags.lengths) {
      rows.push_back(ScalingRow{.txns = txns, .max_deviations = d, .trace = traces[txns]});
    }
  }
  return true;
}

// One round of the scaling rows, on 1 and 2 jobs.
bool RunScalingRound(const Flags& flags, const std::string& json, std::vector<ScalingRow>& rows) {
  for (ScalingRow& row : rows) {
    for (const int jobs : {1, 2}) {
      const Result<CliExploreRun> run = RunExplore({.powercut = flags.powercut, .trace = row.trace,
                                                    .json = json, .jobs = jobs,
                                                    .max_deviations = row.max_deviations});
      if (!run.ok()) {
        std::cerr << "cli_explore_bench: " << run.status().message() << "\n";
        return false;
      }
      row.states = run->checked;
      (jobs == 1 ? row.rate1 : row.rate2).push_back(run->Rate());
      (jobs == 1 ? row.seconds1 : row.seconds2).push_back(run->seconds);
    }
  }
  return true;
}

int Main(int argc, char** argv) {
  Flags flags;
  const std::optional<int> exit_status = ParseCommandLine(
      argc, argv, "cli_explore_bench", kUsage, {"--smoke", "--no-scaling"},
      [&](std::string_view arg, std::string_view value) { return TakeFlag(flags, arg, value); });
  if (exit_status) return *exit_status;
  if (flags.smoke) {
    flags.files = 3;
    flags.writes = 1;
    flags.rounds = 1;
    flags.lengths = {2, 4};
  }
  const MachineInfo machine = DescribeMachine();
  Result<std::string> parent = harness::ChooseScratchParent("", 0);
  if (!parent.ok()) {
    std::cerr << "cli_explore_bench: " << parent.status().message() << "\n";
    return 2;
  }
  Result<std::unique_ptr<harness::Scratch>> dir = harness::Scratch::Create(*parent);
  if (!dir.ok()) {
    std::cerr << "cli_explore_bench: " << dir.status().ToString() << "\n";
    return 2;
  }
  const std::string trace_path = (*dir)->root() + "/bench.trace";
  const std::string json_path = (*dir)->root() + "/report.json";
  const trace::Trace trace = RecordFilesWorkload(flags.files, flags.writes);
  if (const Status s = WriteTrace(trace_path, trace); !s.ok()) {
    std::cerr << "cli_explore_bench: " << s.ToString() << "\n";
    return 2;
  }
  std::vector<ScalingRow> scaling;
  if (flags.scaling && !PrepareScaling(flags, (*dir)->root(), scaling)) return 2;
  Rates rates;
  size_t states = 0;
  for (int round = 0; round < flags.rounds; ++round) {
    for (const int jobs : {1, 2}) {
      const Result<CliExploreRun> run = RunExplore(
          {.powercut = flags.powercut, .trace = trace_path, .json = json_path, .jobs = jobs});
      if (!run.ok()) {
        std::cerr << "cli_explore_bench: " << run.status().message() << "\n";
        return 1;
      }
      states = run->checked;
      (jobs == 1 ? rates.jobs1 : rates.jobs2).push_back(run->Rate());
      (jobs == 1 ? rates.wall1 : rates.wall2).push_back(run->wall_seconds);
    }
    const Result<double> baseline = RunBaseline(states);
    if (!baseline.ok()) {
      std::cerr << "cli_explore_bench: " << baseline.status().message() << "\n";
      return 1;
    }
    rates.baseline.push_back(static_cast<double>(states) / *baseline);
    if (!RunScalingRound(flags, json_path, scaling)) return 1;
  }
  const std::string report =
      Render(flags, machine, LoadAverage(), trace, states, rates) + RenderScaling(scaling);
  std::cout << report;
  if (!flags.markdown.empty()) {
    std::ofstream out(flags.markdown);
    out << report;
    if (!out) {
      std::cerr << "cli_explore_bench: cannot write " << flags.markdown << "\n";
      return 2;
    }
  }
  return 0;
}

}  // namespace
}  // namespace powercut::bench

int main(int argc, char** argv) {
  try {
    return powercut::bench::Main(argc, argv);
  } catch (const std::exception& e) {  // bad_alloc
    std::cerr << "cli_explore_bench: " << e.what() << "\n";
    return 1;
  }
}
