#include "harness/scenario_runner.h"

#include <csignal>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/trace/trace_printer.h"
#include "faultfs/trace/trace_writer.h"
#include "harness/exit_codes.h"
#include "harness/model_runner.h"
#include "harness/scratch.h"
#include "harness/workload_recording.h"

namespace powercut::harness {
namespace {

using Clock = std::chrono::steady_clock;
using reports::ScenarioReport;

std::vector<reports::TimelineEvent> Timeline(const trace::Trace& trace) {
  std::vector<reports::TimelineEvent> timeline;
  trace::PathTracker names;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const trace::Event& e = trace.events[i];
    const bool barrier = e.type == trace::EventType::kFsync ||
                         e.type == trace::EventType::kFdatasync ||
                         e.type == trace::EventType::kSync;
    timeline.push_back({.index = i,
                        .text = trace::FormatEvent(e, names),
                        .barrier = barrier,
                        .output = e.type == trace::EventType::kOutput,
                        .failed_sync = e.type == trace::EventType::kSyncFailed});
    names.Apply(e);
  }
  return timeline;
}

}  // namespace

void JudgeScenario(ScenarioReport& report, bool stopped) {
  for (const reports::ModelResult& m : report.models) {
    const reports::ExploreReport::Outcome outcome = m.exploration.outcome;
    if (outcome == reports::ExploreReport::Outcome::kError) {
      report.verdict = ScenarioReport::Verdict::kError;
      report.verdict_reason = m.model + ": " + m.exploration.error;
      return;
    }
  }
  if (stopped) {
    report.verdict = ScenarioReport::Verdict::kError;
    report.verdict_reason = "interrupted: a partial result";
    return;
  }
  for (const reports::ModelResult& m : report.models) {
    if (!m.met) {
      report.verdict = ScenarioReport::Verdict::kFailed;
      report.verdict_reason = m.model + ": " + m.verdict;
      return;
    }
  }
  report.verdict = ScenarioReport::Verdict::kPassed;
}

namespace {

// Records the workload into the work directory; the error (if any) is the scenario's.
Status Record(const Scenario& scenario, const std::string& work, ScenarioReport& report,
              trace::Trace& trace) {
  if (const Status removed = RemoveTree(work); !removed.ok()) {
    return removed.WithContext("cannot clear the scenario's work directory");
  }
  POWERCUT_ASSIGN_OR_RETURN(RecordedWorkload recorded, RecordWorkload(scenario, work + "/dir"));
  report.recording = std::move(recorded.info);
  report.recording.trace_path = work + "/" + scenario.name + ".trace";
  PosixFileSystem posix;
  if (const Status kept = trace::WriteTraceFile(posix, report.recording.trace_path, recorded.trace);
      !kept.ok()) {
    // A trace cut short (a full disk) is no trace: leave none behind for `show` or `replay`.
    (void)posix.Unlink(report.recording.trace_path);
    return kept.WithContext("cannot keep the trace for the replay commands");
  }
  report.timeline = Timeline(recorded.trace);
  trace = std::move(recorded.trace);
  return Status::Ok();
}

}  // namespace

ScenarioReport RunScenario(const Scenario& scenario, const RunPosition& position,
                           const RunEnvironment& env) {
  const auto start = Clock::now();
  ScenarioReport report;
  report.name = scenario.name;
  report.description = scenario.description;
  report.file = scenario.file;
  report.recording.command = scenario.workload.command;
  report.recording.builtin = scenario.workload.builtin;
  env.progress->ScenarioStarted(report, position.index, position.count);
  auto finish = [&] {
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    env.progress->ScenarioFinished(report);
    return report;
  };
  if (!scenario.missing_program.empty()) {
    report.verdict = ScenarioReport::Verdict::kSkipped;
    report.verdict_reason = scenario.missing_program + " is not installed (not found in PATH)";
    return finish();
  }
  env.progress->States({.scenario_index = position.index,
                        .scenario_count = position.count,
                        .scenario = scenario.name,
                        .phase = reports::ProgressState::Phase::kRecording,
                        .violations = position.violations_before});
  trace::Trace trace;
  const std::string work = env.settings.work_dir + "/" + scenario.name;
  if (const Status recorded = Record(scenario, work, report, trace); !recorded.ok()) {
    report.verdict = ScenarioReport::Verdict::kError;
    report.verdict_reason = "recording the workload: " + recorded.message();
    return finish();
  }
  std::vector<crash::Model> models = scenario.explore.models;
  if (env.settings.model) models = {*env.settings.model};
  const ModelRunner runner(scenario, trace, report.recording.trace_path, work, env);
  RunPosition model_position = position;
  for (const crash::Model model : models) {
    if (env.stop != nullptr && env.stop->load()) break;
    report.models.push_back(runner.Run(model, report, model_position));
    model_position.violations_before += report.models.back().exploration.stats.violating;
    env.progress->ModelFinished(report, report.models.back());
  }
  JudgeScenario(report, env.stop != nullptr && env.stop->load());
  return finish();
}

int RunExitCode(const reports::RunReport& report, int signal) {
  if (report.interrupted) return kExitSignalBase + (signal != 0 ? signal : SIGINT);
  bool passed = false;
  bool failed = false;
  for (const ScenarioReport& s : report.scenarios) {
    if (s.verdict == ScenarioReport::Verdict::kError) return kExitUsage;
    failed = failed || s.verdict == ScenarioReport::Verdict::kFailed;
    passed = passed || s.verdict == ScenarioReport::Verdict::kPassed;
  }
  if (failed) return kExitViolation;
  return passed ? kExitOk : kExitSkipped;
}

}  // namespace powercut::harness
