// `powercut run SCENARIO... [options]`: every scenario file is loaded first (all errors at once,
// exit 2 before anything runs); then each runs in order (scenario_runner.h), a line printed per
// scenario and model as it finishes, and the summary at the end, also after Ctrl-C.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <iostream>

#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/interrupt.h"
#include "harness/scenario_loader.h"
#include "harness/scenario_runner.h"
#include "reports/run_text.h"

#ifndef POWERCUT_VERSION
#define POWERCUT_VERSION "unknown"
#endif

namespace powercut::harness {
namespace {

// Every file loaded; the errors of all of them, or of duplicate names, in one message.
Result<std::vector<Scenario>> LoadAll(const std::vector<std::string>& paths) {
  std::vector<Scenario> scenarios;
  std::string errors;
  std::map<std::string, std::string> files_by_name;
  for (const std::string& path : paths) {
    Result<Scenario> scenario = LoadScenario(path);
    if (!scenario.ok()) {
      errors += scenario.status().message() + "\n";
      continue;
    }
    const auto [it, added] = files_by_name.emplace(scenario->name, path);
    if (!added) {
      errors += path + ": name \"" + scenario->name + "\" is also the name of " + it->second +
                " (names must be unique within a run: they name the work directory and the "
                "reports)\n";
      continue;
    }
    scenarios.push_back(std::move(scenario).value());
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status::InvalidArgument(errors);
  }
  return scenarios;
}

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  return std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc) > 0 ? text : "";
}

// The one place the finished (or interrupted) report is rendered: the summary on `out`, as wide
// as the terminal it may be. Further renderers (JSON, JUnit, HTML) attach here.
void Publish(const reports::RunReport& report, std::ostream& out) {
  const reports::TerminalInfo terminal = reports::DetectTerminal(STDOUT_FILENO);
  out << reports::RenderRunText(report, terminal.is_tty ? terminal.width : 100);
  out.flush();
}

}  // namespace

reports::RunReport RunScenarios(const std::vector<Scenario>& scenarios,
                                const RunEnvironment& environment) {
  reports::RunReport report;
  report.powercut_version = POWERCUT_VERSION;
  report.started = NowUtc();
  report.seed_override = environment.settings.seed;
  if (environment.settings.model) {
    report.model_override = std::string(crash::ModelName(*environment.settings.model));
  }
  report.jobs = environment.settings.jobs.value_or(0);
  environment.progress->RunStarted(scenarios.size());
  RunPosition position{.count = scenarios.size()};
  for (size_t i = 0; i < scenarios.size(); ++i) {
    if (environment.stop != nullptr && environment.stop->load()) break;
    position.index = i;
    report.scenarios.push_back(RunScenario(scenarios[i], position, environment));
    for (const reports::ModelResult& m : report.scenarios.back().models) {
      position.violations_before += m.exploration.stats.violating;
    }
  }
  report.interrupted = environment.stop != nullptr && environment.stop->load();
  report.exit_code = RunExitCode(report, environment.signal ? environment.signal() : 0);
  environment.progress->RunFinished(report);
  return report;
}

int RunRun(const RunSettings& settings, std::ostream& out, std::ostream& err) {
  Result<std::vector<Scenario>> scenarios = LoadAll(settings.scenario_paths);
  if (!scenarios.ok()) {
    err << scenarios.status().message() << "\n";
    return kExitUsage;
  }
  std::error_code error;
  std::filesystem::create_directories(settings.work_dir, error);
  if (error || ::access(settings.work_dir.c_str(), W_OK | X_OK) != 0) {
    err << "powercut run: --work-dir " << settings.work_dir << ": cannot create or write it"
        << (error ? ": " + error.message() : "") << " (choose another --work-dir)\n";
    return kExitUsage;
  }
  Result<std::unique_ptr<StopSignal>> stop = StopSignal::Install();
  if (!stop.ok()) {
    err << "powercut run: " << stop.status().ToString() << "\n";
    return kExitUsage;
  }
  const StopSignal& signals = **stop;
  // Plain lines as models finish; below them the progress line, when `out` is the process's
  // stdout and that is a terminal (ProgressLine writes to the descriptor itself).
  reports::ProgressLine line(STDOUT_FILENO);
  reports::TextRunProgress progress(out, &out == &std::cout ? &line : nullptr);
  const RunEnvironment environment{.settings = settings,
                                   .progress = &progress,
                                   .stop = &signals.requested(),
                                   .cancel_fd = signals.cancel_fd(),
                                   .cancel = [&signals] { signals.Cancel(); },
                                   .signal = [&signals] { return signals.received(); }};
  const reports::RunReport report = RunScenarios(*scenarios, environment);
  Publish(report, out);
  for (const reports::ScenarioReport& s : report.scenarios) {
    if (s.verdict == reports::ScenarioReport::Verdict::kError) {
      err << "powercut run: " << s.file << ": " << s.verdict_reason << "\n";
    }
  }
  return report.exit_code;
}

}  // namespace powercut::harness
