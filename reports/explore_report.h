// ExploreReport: the result of one `powercut explore` run, as plain data that every renderer
// reads: the JSON file (explore_json.h, schema "powercut-explore/1", docs/cli.md) and the
// terminal summary (explore_text.h). The command fills it; renderers never compute verdicts.
#ifndef POWERCUT_REPORTS_EXPLORE_REPORT_H_
#define POWERCUT_REPORTS_EXPLORE_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/violation_group.h"

namespace powercut::reports {

struct ExploreReport {
  enum class Outcome : uint8_t {
    kConsistent,   // every state checked was consistent
    kViolation,    // at least one state violated
    kInterrupted,  // stopped by a signal (Ctrl-C) before the end: a partial result
    kError,        // stopped by a harness error (`error` says which): a partial result
  };

  struct TraceInfo {
    std::string path;
    size_t events = 0;
    size_t first_crash_point = 0;  // events before it are the initial, durable state
    size_t output_lines = 0;
    std::vector<std::string> warnings;  // what the recorder could not see
  };

  struct Options {
    std::string model;
    uint32_t sector_bytes = 0;
    std::string crash_points;  // "all" or "syncs"
    std::string strategy;      // "exhaustive" or "sample"
    int max_deviations = 0;
    size_t samples = 0;
    uint64_t seed = 0;
    size_t max_states = 0;
    int jobs = 0;
  };

  struct Checker {
    std::string command;  // run as sh -c COMMAND
    double timeout_seconds = 0;
    std::string scenario;  // POWERCUT_SCENARIO
  };

  struct Stats {
    size_t crash_points = 0;
    size_t generated = 0;  // states built, duplicates included
    size_t unique = 0;     // states with distinct contents
    size_t checked = 0;    // states that got a verdict
    size_t violating = 0;  // of those, states the checker rejected
    bool capped = false;   // max_states cut exploration short
    double seconds = 0;    // wall time of generation and checking
    double reduce_seconds = 0;  // wall time of reducing the violations
  };

  struct Violation {
    std::string state_id;
    size_t crash_point = 0;
    int deviation_count = 0;
    std::vector<std::string> deviations;  // which pending events persisted, or tore
    std::string reason;                   // the checker's first line, or what happened to it
    std::string details;                  // how it ended and the head of what it printed
    std::vector<std::string> replay;      // argv of the powercut command that reproduces it
  };

  std::string powercut_version;
  TraceInfo trace;
  Options options;
  Checker checker;
  std::string scratch;  // the scratch directory used (removed when the run ended)
  Stats stats;
  std::vector<Violation> violations;  // the first ones, in generation order
  // Violations reduced to minimal reproducers and grouped by minimal cause (faultfs/reduce).
  std::vector<ViolationGroup> groups;
  size_t not_reduced = 0;  // violating states in no group (past the cap, or interrupted)
  Outcome outcome = Outcome::kConsistent;
  std::string error;         // kError: what went wrong and what to do
  std::string interruption;  // kInterrupted: the signal, e.g. "SIGINT"
  int exit_code = 0;
};

// "consistent", "violation", "interrupted", "error".
std::string_view OutcomeName(ExploreReport::Outcome outcome);

// `text` quoted for a POSIX shell only when it needs it: "abc" stays, "a b" becomes 'a b'.
std::string ShellQuote(const std::string& text);
// The argv as one shell command line.
std::string ShellCommand(const std::vector<std::string>& argv);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_EXPLORE_REPORT_H_
