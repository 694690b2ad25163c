// `powercut run SCENARIO... [options]`: the report paths are checked and every scenario file is
// loaded first (all errors at once, exit 2 before anything runs, the reports listing the files);
// then each runs in order (scenario_runner.h), a line printed per scenario and model as it
// finishes, and the summary and the report files at the end, also after Ctrl-C.
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
#include "harness/run_reports.h"
#include "harness/scenario_runner.h"
#include "reports/run_text.h"

#ifndef POWERCUT_VERSION
#define POWERCUT_VERSION "unknown"
#endif

namespace powercut::harness {
namespace {

// The scenario files as loaded: every file's problem (invalid, or a name another file has), in
// the order given; `scenarios` holds the others.
struct LoadedScenarios {
  std::vector<Scenario> scenarios;
  std::map<std::string, std::string> errors;  // by path

  // Every problem, one line each.
  std::string Message(const std::vector<std::string>& paths) const {
    std::string text;
    for (const std::string& path : paths) {
      if (const auto it = errors.find(path); it != errors.end()) {
        text += (text.empty() ? "" : "\n") + it->second;
      }
    }
    return text;
  }
};

LoadedScenarios LoadAll(const std::vector<std::string>& paths) {
  LoadedScenarios loaded;
  std::map<std::string, std::string> files_by_name;
  for (const std::string& path : paths) {
    Result<Scenario> scenario = LoadScenario(path);
    if (!scenario.ok()) {
      loaded.errors.emplace(path, scenario.status().message());
      continue;
    }
    const auto [it, added] = files_by_name.emplace(scenario->name, path);
    if (!added) {
      loaded.errors.emplace(path, path + ": name \"" + scenario->name + "\" is also the name of " +
                                      it->second +
                                      " (names must be unique within a run: they name the work "
                                      "directory and the reports)");
      continue;
    }
    loaded.scenarios.push_back(std::move(scenario).value());
  }
  return loaded;
}

// The report of a run that did not start because a file is invalid: every file as a scenario
// in error, so that CI's JUnit view shows which file and why.
reports::RunReport NotRunReport(const std::vector<std::string>& paths,
                                const LoadedScenarios& loaded) {
  reports::RunReport report;
  std::map<std::string, const Scenario*> valid;
  for (const Scenario& s : loaded.scenarios) valid.emplace(s.file, &s);
  for (const std::string& path : paths) {
    reports::ScenarioReport s;
    s.file = path;
    s.verdict = reports::ScenarioReport::Verdict::kError;
    if (const auto it = valid.find(path); it != valid.end()) {
      s.name = it->second->name;
      s.description = it->second->description;
      s.verdict_reason = "not run: another scenario file of this run is invalid";
    } else {
      s.name = std::filesystem::path(path).stem().string();
      s.verdict_reason = loaded.errors.at(path);
    }
    report.scenarios.push_back(std::move(s));
  }
  report.exit_code = kExitUsage;
  return report;
}

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  return std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc) > 0 ? text : "";
}

// The one place the finished (or interrupted, or failed) report is rendered: the summary on
// `out`, as wide as the terminal it may be, the scenarios that could not run on `err`, then each
// report file asked for. The exit code: the run's, or 2 when a report file could not be written
// (an interruption's 128+n stays: it says more about what the files hold).
int Publish(const reports::RunReport& report, const ReportPaths& paths, std::ostream& out,
            std::ostream& err) {
  const reports::TerminalInfo terminal = reports::DetectTerminal(STDOUT_FILENO);
  out << reports::RenderRunText(report, terminal.is_tty ? terminal.width : 100);
  out.flush();
  for (const reports::ScenarioReport& s : report.scenarios) {
    if (s.verdict == reports::ScenarioReport::Verdict::kError) {
      err << "powercut run: " << s.file << ": " << s.verdict_reason << "\n";
    }
  }
  if (WriteReports(report, paths, "run", err) || report.interrupted) return report.exit_code;
  return kExitUsage;
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
  report.shard = environment.settings.shard.Name();
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
  if (const Status writable = CheckReportPaths(settings.reports); !writable.ok()) {
    err << "powercut run: " << writable.message() << "\n";
    return kExitUsage;
  }
  const LoadedScenarios loaded = LoadAll(settings.scenario_paths);
  if (!loaded.errors.empty()) {
    err << loaded.Message(settings.scenario_paths) << "\n";
    reports::RunReport report = NotRunReport(settings.scenario_paths, loaded);
    report.powercut_version = POWERCUT_VERSION;
    report.started = NowUtc();
    WriteReports(report, settings.reports, "run", err);
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
  const reports::RunReport report = RunScenarios(loaded.scenarios, environment);
  return Publish(report, settings.reports, out, err);
}

}  // namespace powercut::harness
