// `powercut explore TRACE --checker CMD ...`: explore, fill the report model, render it.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "faultfs/crash/model.h"
#include <csignal>

#include "harness/command_explorer.h"
#include "harness/process.h"
#include "harness/replay_argv.h"
#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/interrupt.h"
#include "harness/trace_input.h"
#include "reports/explore_json.h"
#include "reports/explore_text.h"

#ifndef POWERCUT_VERSION
#define POWERCUT_VERSION "unknown"
#endif

namespace powercut::harness {
namespace {

using reports::ExploreReport;

// Violations reduced to minimal reproducers; the rest are counted (not_reduced).
constexpr size_t kMaxReduced = 1000;

// Whether `path` can be written, checked before exploring so that a typo costs nothing.
Status CheckWritable(const std::string& path) {
  const std::string fix = "; choose a --json path in a writable directory";
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::InvalidArgument("--json " + path + " is a directory" + fix);
    if (::access(path.c_str(), W_OK) != 0) {
      return Status::InvalidArgument(Status::IoError("--json " + path, errno).message() + fix);
    }
    return Status::Ok();
  }
  const std::string dir = ParentDir(path);
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument("--json " + path + ": the directory " + dir +
                                   " does not exist" + fix);
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return Status::InvalidArgument("--json " + path + ": the directory " + dir +
                                   " is not writable" + fix);
  }
  return Status::Ok();
}

std::string_view CrashPointsName(crash::CrashPoints points) {
  return points == crash::CrashPoints::kAll ? "all" : "syncs";
}

// The command that materialises `state_id` again and runs the checker on it.
std::vector<std::string> ReplayArgv(const ExploreSettings& s, const std::string& state_id) {
  return harness::ReplayArgv({.trace_path = s.trace_path,
                              .generator = s.generator,
                              .checker = s.checker.command,
                              .timeout = s.checker.timeout},
                             state_id);
}

ExploreReport BaseReport(const ExploreSettings& s, const trace::Trace& trace) {
  ExploreReport r;
  r.powercut_version = POWERCUT_VERSION;
  r.trace.path = s.trace_path;
  r.trace.events = trace.events.size();
  r.trace.first_crash_point = trace.first_crash_point;
  for (const trace::Event& e : trace.events) {
    if (e.type == trace::EventType::kOutput) ++r.trace.output_lines;
  }
  r.trace.warnings = trace.warnings;
  const crash::GeneratorOptions& g = s.generator;
  r.options = {.model = std::string(crash::ModelName(g.model)),
               .sector_bytes = g.sector_bytes,
               .crash_points = std::string(CrashPointsName(g.crash_points)),
               .strategy = g.strategy == crash::Strategy::kExhaustive ? "exhaustive" : "sample",
               .max_deviations = g.max_deviations,
               .samples = g.samples,
               .seed = g.seed,
               .max_states = g.max_states,
               .jobs = s.jobs};
  r.checker = {.command = s.checker.command,
               .timeout_seconds = static_cast<double>(s.checker.timeout.count()) / 1000.0,
               .scenario = s.checker.scenario};
  return r;
}

void FillResult(const ExploreSettings& s, const CommandExploreResult& result, int signal,
                ExploreReport& r) {
  r.scratch = result.scratch_root;
  r.stats = {.crash_points = result.stats.crash_points,
             .generated = result.stats.generated,
             .unique = result.stats.unique,
             .checked = result.checked,
             .violating = result.violating,
             .capped = result.stats.capped,
             .seconds = result.elapsed.count(),
             .reduce_seconds = result.reducing.count()};
  r.groups = result.reduction.groups;
  r.not_reduced = result.not_reduced;
  for (const explore::Violation& v : result.violations) {
    r.violations.push_back({.state_id = v.state_id,
                            .crash_point = v.crash_point,
                            .deviation_count = v.deviation_count,
                            .deviations = v.deviations,
                            .reason = v.reason,
                            .details = v.details,
                            .replay = ReplayArgv(s, v.state_id)});
  }
  const Status& error = result.error.ok() ? result.reduction.error : result.error;
  if (!error.ok()) {
    r.outcome = ExploreReport::Outcome::kError;
    r.error = error.message();
    r.exit_code = kExitUsage;
  } else if (result.stopped || result.reduction.stopped) {
    r.outcome = ExploreReport::Outcome::kInterrupted;
    r.interruption = signal != 0 ? SignalName(signal) : "a stop request";
    r.exit_code = kExitSignalBase + (signal != 0 ? signal : SIGINT);
  } else if (result.violating > 0) {
    r.outcome = ExploreReport::Outcome::kViolation;
    r.exit_code = kExitViolation;
  } else {
    r.outcome = ExploreReport::Outcome::kConsistent;
    r.exit_code = kExitOk;
  }
}

// Writes the JSON if asked for; a failure turns the exit code into 2 (the summary is printed).
int Finish(const ExploreSettings& s, ExploreReport& report, std::ostream& out, std::ostream& err) {
  out << reports::RenderExploreText(report);
  out.flush();
  if (report.outcome == ExploreReport::Outcome::kError) {
    err << "powercut explore: " << report.error << "\n";
  }
  if (!s.json_path.empty()) {
    if (const Status written = reports::WriteExploreJson(report, s.json_path); !written.ok()) {
      err << "powercut explore: " << written.message()
          << " (the summary above is all there is of this run)\n";
      return kExitUsage;
    }
  }
  return report.exit_code;
}

}  // namespace

int RunExplore(const ExploreSettings& settings, std::ostream& out, std::ostream& err) {
  const Result<trace::Trace> trace = LoadWholeTrace(settings.trace_path);
  if (!trace.ok()) {
    err << "powercut explore: " << trace.status().message() << "\n";
    return kExitUsage;
  }
  if (!settings.json_path.empty()) {
    if (const Status writable = CheckWritable(settings.json_path); !writable.ok()) {
      err << "powercut explore: " << writable.message() << "\n";
      return kExitUsage;
    }
  }
  Result<std::unique_ptr<StopSignal>> stop = StopSignal::Install();
  if (!stop.ok()) {
    err << "powercut explore: " << stop.status().ToString() << "\n";
    return kExitUsage;
  }
  const StopSignal& signals = **stop;
  CommandExploreOptions options;
  options.generator = settings.generator;
  options.checker = settings.checker;
  options.jobs = settings.jobs;
  options.scratch = settings.scratch;
  options.stop = &signals.requested();
  options.max_reduced = kMaxReduced;
  options.trace_path = settings.trace_path;
  options.cancel_fd = signals.cancel_fd();
  options.cancel = [&signals] { signals.Cancel(); };

  ExploreReport report = BaseReport(settings, *trace);
  const Result<CommandExploreResult> result = ExploreWithCommand(*trace, options);
  if (!result.ok()) {  // nothing was explored: say why, and record it in the JSON too
    report.outcome = ExploreReport::Outcome::kError;
    report.error = result.status().message();
    report.exit_code = kExitUsage;
    err << "powercut explore: " << report.error << "\n";
    if (!settings.json_path.empty()) (void)reports::WriteExploreJson(report, settings.json_path);
    return kExitUsage;
  }
  FillResult(settings, *result, signals.received(), report);
  return Finish(settings, report, out, err);
}

}  // namespace powercut::harness
