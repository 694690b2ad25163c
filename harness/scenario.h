// Scenario: one scenario file, loaded and checked (scenario_loader.h reads it; docs/scenarios.md
// is the user's page). Plain data: every path is absolute and every value in range, so the run
// never has to question it.
//
// What it models: a workload (a program recorded under the LD_PRELOAD shim, or a builtin
// in-process workload), its initial state, a checker (a program, or a builtin in process), how to
// explore, faults to inject, and the expected result per persistence model.
#ifndef POWERCUT_HARNESS_SCENARIO_H_
#define POWERCUT_HARNESS_SCENARIO_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/reduce/cause.h"
#include "journal/tool/workload.h"
#include "legacy/seed_journal/tool/seed_workload_options.h"

namespace powercut::harness {

// The builtin workloads and checkers ("journal": the reference journal of journal/tool;
// "seed-journal": the seed's legacy design or the reference, legacy/seed_journal/tool).
inline constexpr const char* kBuiltinJournal = "journal";
inline constexpr const char* kBuiltinSeedJournal = "seed-journal";

// A test double for the builtin journal: syncs it asks for are reported done but not made, so
// it acknowledges what is not durable. For scenarios that show a checker catching a bug.
enum class DroppedSyncs : uint8_t { kNone, kFileSyncs, kDirectorySyncs };

struct JournalWorkload {
  journal::tool::WorkloadOptions options;
  DroppedSyncs dropped = DroppedSyncs::kNone;
};

struct ScenarioWorkload {
  std::vector<std::string> command;  // argv; empty for a builtin. [0] resolved (see below)
  std::string builtin;               // kBuiltinJournal, kBuiltinSeedJournal, or empty: a command
  JournalWorkload journal;           // builtin "journal"
  legacy::tool::SeedWorkloadOptions seed_journal;  // builtin "seed-journal"
  // Run in the directory under test before recording, in order, not traced.
  std::vector<std::vector<std::string>> setup;
  // Written into the directory under test before setup: (relative path, contents), in order.
  std::vector<std::pair<std::string, std::string>> files;
  // Extra environment of setup, workload and checker: (name, value), in name order.
  std::vector<std::pair<std::string, std::string>> env;
  std::chrono::milliseconds timeout{60'000};

  // `env` as "NAME=value" strings.
  std::vector<std::string> EnvAssignments() const {
    std::vector<std::string> assignments;
    assignments.reserve(env.size());
    for (const auto& [name, value] : env) {
      std::string assignment = name;
      assignment += '=';
      assignment += value;
      assignments.push_back(std::move(assignment));
    }
    return assignments;
  }
};

struct ScenarioChecker {
  std::vector<std::string> command;  // argv, exec'd directly; {state} and {output} replaced
  std::string builtin;               // that of the workload, or empty for a command
  std::chrono::milliseconds timeout{10'000};
};

struct ScenarioExplore {
  std::vector<crash::Model> models;  // at least one, no duplicates, in the file's order
  // Everything but `model`, which each model of `models` sets in turn.
  crash::GeneratorOptions generator;
  bool crash_recovery = false;  // builtin checkers only
  std::optional<int> jobs;      // nullopt: the CPUs online
};

// One libfiu point of the shim (RECORDING.md "Faults"), as RecordOptions::faults takes it.
struct ScenarioFault {
  std::string spec;  // "sync/fsync=EIO@3", "rw/write=ENOSPC@5+", "rw/write/short=100@2"
};

struct ScenarioExpectation {
  enum class Result : uint8_t { kConsistent, kViolation };
  Result result = Result::kConsistent;
  std::string message;  // ECMAScript regex searched in a violation's reason; empty: any
  std::optional<reduce::ViolationClass> classification;  // of the minimal reproducer
};

struct Scenario {
  std::string file;  // as given on the command line
  std::string dir;   // the file's directory, absolute: what relative paths are relative to
  std::string name;  // [A-Za-z0-9._-]+
  std::string description;
  ScenarioWorkload workload;
  ScenarioChecker checker;
  ScenarioExplore explore;
  std::vector<ScenarioFault> faults;
  ScenarioExpectation expect;                                   // [expect]
  std::map<crash::Model, ScenarioExpectation> expect_by_model;  // [expect.<model>]
  // A program the scenario runs that is looked up in PATH and is not there: the scenario is
  // skipped (exit 77), not an error. Empty when everything was found.
  std::string missing_program;

  bool builtin_workload() const { return !workload.builtin.empty(); }
  bool builtin_checker() const { return !checker.builtin.empty(); }
  const ScenarioExpectation& ExpectationFor(crash::Model model) const {
    const auto it = expect_by_model.find(model);
    return it == expect_by_model.end() ? expect : it->second;
  }
};

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SCENARIO_H_
