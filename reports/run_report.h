// RunReport: the result of one `powercut run` of one or more scenario files, as plain data that
// every renderer reads: the terminal summary, JSON ("powercut-run/1"), JUnit XML and the HTML
// page. `powercut run` (harness/) fills it; renderers never compute verdicts, reduce violations
// or read traces: everything they show is here.
#ifndef POWERCUT_REPORTS_RUN_REPORT_H_
#define POWERCUT_REPORTS_RUN_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/explore_report.h"

namespace powercut::reports {

// One event of the recorded trace, as the timeline shows it.
struct TimelineEvent {
  size_t index = 0;
  std::string text;      // FormatEvent: "rename f.tmp -> f", "output \"ack 3\""
  bool barrier = false;  // fsync, fdatasync, sync (a sync-failed is not one)
  bool output = false;   // a line the workload printed (a promise)
  bool failed_sync = false;
};

// What checking found at one crash point (after event index-1, before event index).
struct CrashPointSummary {
  size_t index = 0;
  size_t checked = 0;    // unique states checked there
  size_t violating = 0;  // of those, states the checker rejected
};

// ViolationGroup and FileDifference, shared with ExploreReport: reports/violation_group.h.

// The expectation of one model, and whether it was met.
struct Expectation {
  std::string result;   // "consistent" or "violation"
  std::string message;  // the regex a violation's reason must match; empty: any
  std::string classification;  // the class the minimal reproducer must have; empty: any
};

struct ModelResult {
  std::string model;
  Expectation expected;
  bool met = false;
  std::string verdict;  // one line: "expected a violation matching 'f holds' and found 3 groups"
  ExploreReport exploration;  // options, stats, the first raw violations (exit_code unused)
  std::vector<ViolationGroup> groups;
  // The keys of the groups that meet a "violation" expectation (its class, and a reason of one
  // of its violations matching its message), in group order: `powercut merge` judges by them.
  std::vector<std::string> matching_groups;
  std::vector<CrashPointSummary> crash_points;  // every crash point explored, ascending
};

struct ScenarioReport {
  enum class Verdict : uint8_t {
    kPassed,   // every model met its expectation
    kFailed,   // at least one did not
    kSkipped,  // a requirement is absent (the workload's program): exit 77
    kError,    // the scenario could not be run: invalid file, setup failed, harness error
  };
  std::string name;
  std::string description;
  std::string file;  // the scenario file, as given
  Verdict verdict = Verdict::kError;
  std::string verdict_reason;  // why it failed, was skipped or could not run

  struct Recording {
    std::vector<std::string> command;  // empty for a builtin workload
    std::string builtin;               // e.g. "journal"; empty for a command
    std::optional<int> exit_code;
    std::optional<int> signal;
    bool timed_out = false;
    double seconds = 0;
    size_t events = 0;
    size_t first_crash_point = 0;
    std::vector<std::string> warnings;  // what the recorder could not see
    std::string trace_path;             // where the trace was kept (for replay)
  };
  Recording recording;
  std::vector<TimelineEvent> timeline;  // the whole trace, for the HTML timeline
  std::vector<ModelResult> models;
  double seconds = 0;  // the whole scenario: record, explore, reduce
};

struct RunReport {
  std::string powercut_version;
  std::string started;  // ISO 8601, UTC
  std::optional<uint64_t> seed_override;
  std::optional<std::string> model_override;
  int jobs = 0;
  std::string shard;  // "K/N", empty when not sharded
  std::vector<ScenarioReport> scenarios;
  bool interrupted = false;  // Ctrl-C: a partial report
  int exit_code = 0;         // DESIGN.md section 3
};

std::string_view VerdictName(ScenarioReport::Verdict verdict);  // "passed", "failed", ...

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_REPORT_H_
