#include "harness/exploration_report.h"

#include <csignal>

#include "harness/exit_codes.h"
#include "harness/process.h"

#ifndef POWERCUT_VERSION
#define POWERCUT_VERSION "unknown"
#endif

namespace powercut::harness {
namespace {

using reports::ExploreReport;

std::string_view CrashPointsName(crash::CrashPoints points) {
  return points == crash::CrashPoints::kAll ? "all" : "syncs";
}

}  // namespace

ExploreReport BaseExploreReport(const std::string& trace_path, const trace::Trace& trace,
                                const crash::GeneratorOptions& g, int jobs,
                                const CheckerSpec& checker) {
  ExploreReport r;
  r.powercut_version = POWERCUT_VERSION;
  r.trace.path = trace_path;
  r.trace.events = trace.events.size();
  r.trace.first_crash_point = trace.first_crash_point;
  for (const trace::Event& e : trace.events) {
    if (e.type == trace::EventType::kOutput) ++r.trace.output_lines;
  }
  r.trace.warnings = trace.warnings;
  r.options = {.model = std::string(crash::ModelName(g.model)),
               .sector_bytes = g.sector_bytes,
               .crash_points = std::string(CrashPointsName(g.crash_points)),
               .strategy = g.strategy == crash::Strategy::kExhaustive ? "exhaustive" : "sample",
               .max_deviations = g.max_deviations,
               .samples = g.samples,
               .seed = g.seed,
               .max_states = g.max_states,
               .jobs = jobs};
  r.checker = {.command = checker.command,
               .timeout_seconds = static_cast<double>(checker.timeout.count()) / 1000.0,
               .scenario = checker.scenario};
  return r;
}

void FillExploreReport(const ExplorationOutcome& o, const ReplaySpec& replay, ExploreReport& r) {
  const explore::CheckResult& result = o.check;
  r.scratch = o.scratch;
  r.stats = {.crash_points = result.stats.crash_points,
             .generated = result.stats.generated,
             .unique = result.stats.unique,
             .checked = result.checked,
             .violating = result.violating,
             .capped = result.stats.capped,
             .seconds = o.checking.count(),
             .reduce_seconds = o.reducing.count()};
  r.groups = o.reduction.groups;
  r.not_reduced = o.not_reduced;
  for (const explore::Violation& v : result.violations) {
    r.violations.push_back({.state_id = v.state_id,
                            .crash_point = v.crash_point,
                            .deviation_count = v.deviation_count,
                            .deviations = v.deviations,
                            .reason = v.reason,
                            .details = v.details,
                            .replay = ReplayArgv(replay, v.state_id)});
  }
  const Status& error = result.error.ok() ? o.reduction.error : result.error;
  if (!error.ok()) {
    r.outcome = ExploreReport::Outcome::kError;
    r.error = error.message();
    r.exit_code = kExitUsage;
  } else if (result.stopped || o.reduction.stopped) {
    r.outcome = ExploreReport::Outcome::kInterrupted;
    r.interruption = o.signal != 0 ? SignalName(o.signal) : "a stop request";
    r.exit_code = kExitSignalBase + (o.signal != 0 ? o.signal : SIGINT);
  } else if (result.violating > 0) {
    r.outcome = ExploreReport::Outcome::kViolation;
    r.exit_code = kExitViolation;
  } else {
    r.outcome = ExploreReport::Outcome::kConsistent;
    r.exit_code = kExitOk;
  }
}

}  // namespace powercut::harness
