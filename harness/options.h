// The options of `powercut explore` and `powercut replay` as typed (strings, filled by CLI11 in
// cli.cc) and as used (checked values). Every conversion is strict and every error names the
// option, what it got and what it takes, so that main can print it and exit 2.
#ifndef POWERCUT_HARNESS_OPTIONS_H_
#define POWERCUT_HARNESS_OPTIONS_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/fs/result.h"
#include "harness/checker.h"
#include "harness/shard.h"

namespace powercut::harness {

// What state IDs depend on: the same trace with the same model and sector size names the same
// states. `powercut replay` takes these two.
struct ModelFlags {
  std::string model = "posix";
  std::string sector_bytes = "512";
};

struct ExploreFlags {
  std::string trace;
  std::string checker;
  ModelFlags model;
  std::string crash_points = "all";
  std::string max_deviations = "2";
  std::string strategy = "exhaustive";
  std::string samples = "2000";
  std::string seed = "1";
  std::string jobs;  // "": the CPUs online
  std::string max_states = "100000";
  std::string timeout = "10";
  std::string scratch;
  std::string json;
};

struct ExploreSettings {
  std::string trace_path;
  crash::GeneratorOptions generator;
  CheckerSpec checker;
  int jobs = 1;
  std::string scratch;
  std::string json_path;  // "": no JSON
};

struct ReplayFlags {
  std::string trace;
  std::string state;
  std::string out_dir;
  ModelFlags model;
  std::string checker;  // optional: run it on the materialised state
  std::string timeout = "10";
};

struct ReplaySettings {
  std::string trace_path;
  std::string state_id;
  std::string out_dir;
  crash::GeneratorOptions generator;
  CheckerSpec checker;  // command empty: none
};

// The report files of `powercut run` and `powercut merge` (docs/reports.md); "": not written.
struct ReportPaths {
  std::string json;        // --json FILE (merge: -o FILE)
  std::string junit;       // --junit FILE
  std::string report_dir;  // --report-dir DIR: DIR/index.html
};

// `powercut merge RESULT.json... -o RESULT.json [--junit FILE] [--report-dir DIR]`.
struct MergeSettings {
  std::vector<std::string> inputs;
  ReportPaths reports;  // reports.json: required
};

// `powercut run SCENARIO... [--model M] [--seed N] [--jobs N] [--max-states N] [--work-dir DIR]
// [--scratch DIR] [--shard K/N] [--json FILE] [--junit FILE] [--report-dir DIR]`: the overrides
// are empty unless given.
struct RunFlags {
  std::vector<std::string> scenarios;
  std::string model;
  std::string seed;
  std::string jobs;
  std::string max_states;
  std::string work_dir = "powercut-work";
  std::string scratch;
  std::string shard;
  ReportPaths reports;
};

struct RunSettings {
  std::vector<std::string> scenario_paths;
  // Each replaces the scenario files' own value.
  std::optional<crash::Model> model;
  std::optional<uint64_t> seed;
  std::optional<int> jobs;
  std::optional<size_t> max_states;
  std::string work_dir;  // traces and directories under test, kept for the replay commands
  std::string scratch;   // as explore's --scratch
  Shard shard;           // this run's part of every exploration (shard.h)
  ReportPaths reports;
};

// Seconds, whole or with a fraction ("5", "0.25"), above 0 and at most a week; to the
// millisecond. InvalidArgument naming `option` otherwise.
Result<std::chrono::milliseconds> ParseSeconds(const std::string& option, const std::string& text);

Result<ExploreSettings> ParseExploreFlags(const ExploreFlags& flags);
Result<RunSettings> ParseRunFlags(const RunFlags& flags);
// The CPUs online, at most 1024: the default of --jobs.
int CpusOnline();
Result<ReplaySettings> ParseReplayFlags(const ReplayFlags& flags);

// The scenario name a trace gets in POWERCUT_SCENARIO: its file name without directory and
// without a ".trace" extension.
std::string ScenarioName(const std::string& trace_path);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_OPTIONS_H_
