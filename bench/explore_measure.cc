#include "bench/explore_measure.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string_view>

#include "faultfs/crash/generator.h"
#include "faultfs/explore/explorer.h"
#include "faultfs/sim/sim_file_system.h"
#include "journal/tool/ack_output.h"
#include "journal/tool/checker.h"
#include "journal/tool/expected_txns.h"

namespace powercut::bench {
namespace {

// The workload's `ack`/`checkpoint` lines go to the recorder as output events (as in
// scenarios/journal/journal_scenarios_test.cc).
class ToOutput final : public journal::tool::LineSink {
 public:
  explicit ToOutput(OutputSink& out) : out_(out) {}
  Status WriteLine(std::string_view line) override {
    out_.Line(line);
    return Status::Ok();
  }

 private:
  OutputSink& out_;
};

double CpuSeconds() {
  timespec ts{};
  if (::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return 0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// The checker of powercut-journal, as a crash tester that checks many states of one workload
// would call it: the workload's transactions generated once per exploration (ExpectedTxns, part
// of the timed work), the output lines parsed per state, the journal opened (recovering),
// replayed, checked, appended to, closed and reopened.
explore::Checker JournalChecker(const journal::tool::WorkloadOptions& workload) {
  journal::tool::CheckOptions check_options;
  check_options.dir = workload.dir;
  check_options.durability = workload.durability;
  check_options.seed = workload.seed;
  check_options.ops_per_txn = workload.ops_per_txn;
  check_options.max_segment_bytes = workload.max_segment_bytes;
  check_options.expected = std::make_shared<const journal::tool::ExpectedTxns>(
      journal::tool::ExpectedTxns::ForWorkload(workload));
  return [check_options](FileSystem& fs, const std::vector<std::string>& output) {
    const Result<journal::tool::CheckVerdict> verdict = journal::tool::RunCheckWithOutput(
        fs, check_options, journal::tool::ParseAckLines(output));
    if (!verdict.ok()) {
      return explore::Verdict::Violation("the checker could not run: " +
                                         verdict.status().ToString());
    }
    return verdict->consistent ? explore::Verdict::Consistent()
                               : explore::Verdict::Violation(verdict->reason);
  };
}

crash::GeneratorOptions GeneratorOptionsOf(const Measurement& m) {
  crash::GeneratorOptions options;
  options.model = m.model;
  options.max_deviations = m.max_deviations;
  options.crash_points = crash::CrashPoints::kAll;
  options.strategy = crash::Strategy::kExhaustive;
  options.max_states = m.max_states;
  return options;
}

ExploreRun RunOnce(const Measurement& m) {
  using Clock = std::chrono::steady_clock;
  ExploreRun run;
  const crash::GeneratorOptions generator_options = GeneratorOptionsOf(m);
  if (m.mode == Mode::kGenerate) {
    const double cpu_start = CpuSeconds();
    const Clock::time_point start = Clock::now();
    crash::CrashStateGenerator generator(m.scenario->trace, generator_options);
    const crash::GeneratorStats stats =
        generator.Run([](const crash::CrashState&, const FsImage&) { return true; });
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run.cpu_seconds = CpuSeconds() - cpu_start;
    run.crash_points = stats.crash_points;
    run.generated = stats.generated;
    run.unique = stats.unique;
    run.capped = stats.capped;
    return run;
  }
  explore::ExploreOptions options;
  options.generator = generator_options;
  options.crash_recovery = m.crash_recovery;
  options.jobs = m.jobs;
  options.max_violations_listed = 1;
  trace::Trace trace = m.scenario->trace;  // ExploreTrace takes its own copy: not timed
  const double cpu_start = CpuSeconds();
  const Clock::time_point start = Clock::now();
  const explore::Checker checker = JournalChecker(m.scenario->workload);
  const explore::ExploreResult result = explore::ExploreTrace(std::move(trace), checker, options);
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.cpu_seconds = CpuSeconds() - cpu_start;
  run.crash_points = result.stats.crash_points;
  run.generated = result.stats.generated;
  run.unique = result.stats.unique;
  run.capped = result.stats.capped;
  run.checked = result.checked;
  run.recovery_checked = result.recovery_checked;
  run.violating = result.violating;
  if (!result.violations.empty()) {
    const explore::Violation& v = result.violations.front();
    run.first_violation = v.state_id + ": " + v.reason;
  }
  return run;
}

}  // namespace

Result<Scenario> RecordScenario(journal::Durability durability, uint64_t txns) {
  Scenario scenario;
  std::string mode(journal::DurabilityName(durability));
  mode[0] = static_cast<char>(mode[0] - 'a' + 'A');
  if (mode == "Group") mode = "GroupCommit";
  scenario.name = mode + "-" + std::to_string(txns);
  journal::tool::WorkloadOptions& w = scenario.workload;
  w.dir = "wal";
  w.durability = durability;
  w.txns = txns;
  w.threads = 1;
  w.ops_per_txn = 3;
  SimFileSystem fs;
  ToOutput sink(fs.output());
  POWERCUT_RETURN_IF_ERROR(journal::tool::RunWorkload(fs, w, sink));
  scenario.trace = fs.TakeTrace();
  for (const trace::Event& e : scenario.trace.events) {
    if (e.type == trace::EventType::kOutput) ++scenario.output_lines;
    if (trace::IsBarrier(e.type)) ++scenario.barriers;
    if (e.type == trace::EventType::kWrite) ++scenario.writes;
  }
  return scenario;
}

std::string ShortName(const Measurement& m) {
  std::string name = m.mode == Mode::kGenerate ? "gen" : m.crash_recovery ? "recovery" : "check";
  // Appended piecewise: GCC 12 misreports "literal" + std::string (-Wrestrict, PR 105329).
  name += "/";
  name += m.scenario->name;
  name += "/d";
  name += std::to_string(m.max_deviations);
  if (m.model != crash::Model::kPosix) {
    name += "/";
    name += crash::ModelName(m.model);
  }
  if (m.mode == Mode::kCheck) {
    name += "/j";
    name += std::to_string(m.jobs);
  }
  return name;
}

ExploreRun RunFor(const Measurement& m, double min_seconds) {
  ExploreRun total = RunOnce(m);
  total.explorations = 1;
  while (total.seconds < min_seconds) {
    const ExploreRun next = RunOnce(m);
    total.seconds += next.seconds;
    total.cpu_seconds += next.cpu_seconds;
    total.violating = std::max(total.violating, next.violating);
    ++total.explorations;
  }
  return total;
}

}  // namespace powercut::bench
