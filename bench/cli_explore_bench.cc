// cli_explore_bench: how many crash states per second `powercut explore` checks with a checker
// program, when the checker costs nothing (`true`), on one job and on two.
//
// The workload is recorded once on SimFileSystem and written as a trace file: FILES files, each
// created as NAME.tmp, written with WRITES writes of 512 bytes, renamed to NAME and followed by
// an output line, with no sync (so every crash point has many states: posix, max_deviations 2).
// Then, interleaved round by round:
//   - baseline: `sh -c true` run as many times as there are states, one at a time, by the same
//     spawner powercut uses (harness/process.h), with nothing else: the checker's own cost;
//   - `powercut explore TRACE --checker true --jobs 1`, and `--jobs 2`, as separate processes;
//     their rate is the JSON report's checked / seconds (generation, materialising each state
//     into scratch, the checker, removal).
// Figures are medians over the rounds, with the machine and the load average before and after;
// explore's rates are given as ratios against the baseline measured in the same run.
//
//   cli_explore_bench [--powercut PATH] [--files N] [--writes W] [--rounds R] [--markdown FILE]
//                     [--smoke]
#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/machine.h"
#include "bench/stats.h"
#include "faultfs/fs/posix_file_system.h"
#include "faultfs/sim/sim_file_system.h"
#include "faultfs/trace/trace_writer.h"
#include "harness/checker.h"
#include "harness/process.h"
#include "harness/scratch.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: cli_explore_bench [options]\n"
    "  --powercut PATH   the powercut binary (default: the one built with this benchmark)\n"
    "  --files N         files in the workload (default 7: about 4000 states)\n"
    "  --writes W        512-byte writes per file (default 1)\n"
    "  --rounds R        rounds; medians are reported (default 5)\n"
    "  --markdown FILE   also write the report to FILE\n"
    "  --smoke           a tiny workload, one round: proves the benchmark works, measures nothing\n";

struct Flags {
  std::string powercut = POWERCUT_BINARY;
  int files = 7;
  int writes = 1;
  int rounds = 5;
  std::string markdown;
  bool smoke = false;
};

std::optional<std::string> ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--smoke") {
      flags.smoke = true;
      continue;
    }
    if (arg == "--help") return "";
    if (i + 1 >= argc) return "missing value for " + std::string(arg);
    const std::string value = argv[++i];
    auto number = [&](int& out) -> std::optional<std::string> {
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
      if (error != std::errc() || end != value.data() + value.size() || out < 1) {
        return std::string(arg) + ": expected a whole number above 0, got '" + value + "'";
      }
      return std::nullopt;
    };
    std::optional<std::string> error;
    if (arg == "--powercut") {
      flags.powercut = value;
    } else if (arg == "--files") {
      error = number(flags.files);
    } else if (arg == "--writes") {
      error = number(flags.writes);
    } else if (arg == "--rounds") {
      error = number(flags.rounds);
    } else if (arg == "--markdown") {
      flags.markdown = value;
    } else {
      error = "unknown option " + std::string(arg);
    }
    if (error) return error;
  }
  return std::nullopt;
}

trace::Trace RecordWorkload(int files, int writes) {
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

Status WriteTrace(const std::string& path, const trace::Trace& trace) {
  PosixFileSystem fs;
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kCreateTruncate));
  POWERCUT_ASSIGN_OR_RETURN(trace::TraceWriter writer, trace::TraceWriter::Create(*file));
  POWERCUT_RETURN_IF_ERROR(writer.Write(trace));
  return file->Close();
}

// One `powercut explore` run, as its JSON report tells it.
struct ExploreRun {
  size_t unique = 0;
  size_t checked = 0;
  double seconds = 0;
  double wall_seconds = 0;  // the process, from spawn to exit
};

Result<ExploreRun> RunExplore(const Flags& flags, const std::string& trace, const std::string& json,
                              int jobs) {
  harness::ProcessSpec spec;
  spec.argv = {flags.powercut, "explore", trace, "--checker", "true", "--jobs",
               std::to_string(jobs), "--json", json};
  spec.env = harness::InheritedEnvironment();
  spec.timeout = std::chrono::minutes(30);
  POWERCUT_ASSIGN_OR_RETURN(const harness::ProcessResult run, harness::RunProcess(spec));
  if (run.end != harness::ProcessResult::End::kExited || run.exit_code != 0) {
    return Status::FailedPrecondition("powercut explore failed (exit " +
                                      std::to_string(run.exit_code) + "): " + run.err + run.out);
  }
  std::ifstream in(json);
  const nlohmann::json report = nlohmann::json::parse(in);
  return ExploreRun{report["stats"]["unique"], report["stats"]["checked"],
                    report["stats"]["seconds"],
                    std::chrono::duration<double>(run.elapsed).count()};
}

// `count` runs of `sh -c true`, one after the other: seconds.
Result<double> RunBaseline(size_t count) {
  harness::ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "true"};
  spec.env = harness::InheritedEnvironment();
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < count; ++i) {
    POWERCUT_ASSIGN_OR_RETURN(const harness::ProcessResult run, harness::RunProcess(spec));
    if (run.exit_code != 0) return Status::FailedPrecondition("sh -c true failed");
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Fixed(double value, int decimals) {
  std::array<char, 64> text{};
  const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), value,
                                          std::chars_format::fixed, decimals);
  return error == std::errc() ? std::string(text.data(), end) : "?";
}

struct Rates {
  std::vector<double> baseline, jobs1, jobs2;  // states (or runs) per second, one per round
  std::vector<double> wall1, wall2;            // explore's process wall time per round, seconds
};

std::string Render(const Flags& flags, const MachineInfo& machine, const std::string& load_end,
                   const trace::Trace& trace, size_t states, const Rates& r) {
  const double baseline = Median(r.baseline);
  const double jobs1 = Median(r.jobs1);
  const double jobs2 = Median(r.jobs2);
  std::string text;
  text += "## cli_explore_bench" +
          std::string(flags.smoke ? " (smoke run: figures are not measurements)" : "") + "\n\n";
  text += "- CPU: " + machine.cpu_model + ", " + std::to_string(machine.cpus_online) +
          " CPUs online" + (machine.virtualized ? " (virtual machine)" : "") + "\n";
  text += "- Kernel: " + machine.kernel + "; date: " + machine.date_utc + "; commit: " +
          machine.git_commit + "\n";
  text += "- Load average (1/5/15 min) at start: " + machine.load_average + "; at end: " +
          load_end + "\n";
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

int Main(int argc, char** argv) {
  Flags flags;
  if (const std::optional<std::string> error = ParseFlags(argc, argv, flags)) {
    std::cerr << (error->empty() ? "" : "cli_explore_bench: " + *error + "\n") << kUsage;
    return error->empty() ? 0 : 2;
  }
  if (flags.smoke) {
    flags.files = 3;
    flags.writes = 1;
    flags.rounds = 1;
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
  const trace::Trace trace = RecordWorkload(flags.files, flags.writes);
  if (const Status s = WriteTrace(trace_path, trace); !s.ok()) {
    std::cerr << "cli_explore_bench: " << s.ToString() << "\n";
    return 2;
  }
  Rates rates;
  size_t states = 0;
  for (int round = 0; round < flags.rounds; ++round) {
    for (const int jobs : {1, 2}) {
      const Result<ExploreRun> run = RunExplore(flags, trace_path, json_path, jobs);
      if (!run.ok()) {
        std::cerr << "cli_explore_bench: " << run.status().message() << "\n";
        return 1;
      }
      states = run->checked;
      (jobs == 1 ? rates.jobs1 : rates.jobs2).push_back(static_cast<double>(run->checked) /
                                                        run->seconds);
      (jobs == 1 ? rates.wall1 : rates.wall2).push_back(run->wall_seconds);
    }
    const Result<double> baseline = RunBaseline(states);
    if (!baseline.ok()) {
      std::cerr << "cli_explore_bench: " << baseline.status().message() << "\n";
      return 1;
    }
    rates.baseline.push_back(static_cast<double>(states) / *baseline);
  }
  const std::string report = Render(flags, machine, LoadAverage(), trace, states, rates);
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
  } catch (const std::exception& e) {  // a malformed JSON report, bad_alloc
    std::cerr << "cli_explore_bench: " << e.what() << "\n";
    return 1;
  }
}
