// `powercut explore TRACE --checker CMD ...`: explore, fill the report model, render it.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "harness/command_explorer.h"
#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/exploration_report.h"
#include "harness/interrupt.h"
#include "harness/process.h"
#include "harness/run_reports.h"
#include "harness/trace_input.h"
#include "reports/explore_json.h"
#include "reports/explore_text.h"

namespace powercut::harness {
namespace {

using reports::ExploreReport;

// Violations reduced to minimal reproducers; the rest are counted (not_reduced).
constexpr size_t kMaxReduced = 1000;

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
    if (const Status writable = CheckWritableFile("--json", settings.json_path); !writable.ok()) {
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

  ExploreReport report = BaseExploreReport(settings.trace_path, *trace, settings.generator,
                                          settings.jobs, settings.checker);
  const Result<CommandExploreResult> result = ExploreWithCommand(*trace, options);
  if (!result.ok()) {  // nothing was explored: say why, and record it in the JSON too
    report.outcome = ExploreReport::Outcome::kError;
    report.error = result.status().message();
    report.exit_code = kExitUsage;
    err << "powercut explore: " << report.error << "\n";
    if (!settings.json_path.empty()) (void)reports::WriteExploreJson(report, settings.json_path);
    return kExitUsage;
  }
  const ReplaySpec replay{.trace_path = settings.trace_path,
                          .generator = settings.generator,
                          .checker = settings.checker.command,
                          .timeout = settings.checker.timeout};
  FillExploreReport({.check = *result,
                     .reduction = result->reduction,
                     .not_reduced = result->not_reduced,
                     .checking = result->elapsed,
                     .reducing = result->reducing,
                     .scratch = result->scratch_root,
                     .signal = signals.received()},
                    replay, report);
  return Finish(settings, report, out, err);
}

}  // namespace powercut::harness
