#include "harness/model_runner.h"

#include <memory>

#include "faultfs/explore/explorer.h"
#include "harness/builtin_workloads.h"
#include "harness/command_explorer.h"
#include "harness/expectation.h"
#include "harness/exploration_report.h"
#include "harness/state_exploration.h"
#include "reports/explore_report.h"

namespace powercut::harness {
namespace {

using Clock = std::chrono::steady_clock;

// Violations reduced per model; the rest are counted (not_reduced).
constexpr size_t kMaxReduced = 1000;

// The scenario's checker as a StateCheck, with what it needs kept alive (and in place: the
// checks refer to the options).
struct ScenarioCheck {
  CommandExploreOptions command_options;
  std::unique_ptr<CommandStateCheck> command;
  explore::ExploreOptions builtin_options;
  explore::Checker builtin;
  explore::StateCheck check;
};

// `arg` for a shell line. {state} and {output} become shell-safe paths before the shell sees
// them (IsShellSafePath), so an argument that needs no quotes around them gets none.
std::string ShellArgument(const std::string& arg) {
  std::string rest = arg;
  for (const std::string placeholder : {"{state}", "{output}"}) {
    for (size_t at = rest.find(placeholder); at != std::string::npos; at = rest.find(placeholder)) {
      rest.erase(at, placeholder.size());
    }
  }
  return rest.empty() || reports::ShellQuote(rest) == rest ? arg : reports::ShellQuote(arg);
}

// The argv as a command line for `sh -c`: ["sh", "-c", SCRIPT] is SCRIPT itself (the checker
// runs under `sh -c` anyway), so that the replay commands stay readable.
std::string ShellLine(const std::vector<std::string>& argv) {
  if (argv.size() == 3 && (argv[0] == "sh" || argv[0] == "/bin/sh") && argv[1] == "-c") {
    return argv[2];
  }
  std::string line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += ' ';
    line += ShellArgument(arg);
  }
  return line;
}

}  // namespace

ModelRunner::ModelRunner(const Scenario& scenario, const trace::Trace& trace,
                         std::string trace_path, std::string work, const RunEnvironment& env)
    : scenario_(scenario),
      trace_(trace),
      trace_path_(std::move(trace_path)),
      work_(std::move(work)),
      env_(env) {}

crash::GeneratorOptions ModelRunner::Generator(crash::Model model) const {
  crash::GeneratorOptions g = scenario_.explore.generator;
  g.model = model;
  if (env_.settings.seed) g.seed = *env_.settings.seed;
  if (env_.settings.max_states) g.max_states = *env_.settings.max_states;
  return g;
}

int ModelRunner::Jobs() const {
  if (env_.settings.jobs) return *env_.settings.jobs;
  return scenario_.explore.jobs.value_or(CpusOnline());
}

std::string ModelRunner::CheckerCommand() const {
  if (scenario_.builtin_checker()) return "builtin:" + scenario_.checker.builtin;
  return ShellLine(scenario_.checker.command);
}

std::string ModelRunner::ReplayChecker() const {
  if (scenario_.builtin_checker()) {
    return ShellLine(BuiltinCheckerCommand(scenario_.workload));
  }
  if (scenario_.workload.env.empty()) return ShellLine(scenario_.checker.command);
  std::vector<std::string> argv = {"env"};
  const std::vector<std::string> assignments = scenario_.workload.EnvAssignments();
  argv.insert(argv.end(), assignments.begin(), assignments.end());
  argv.insert(argv.end(), scenario_.checker.command.begin(), scenario_.checker.command.end());
  return ShellLine(argv);
}

reports::ModelResult ModelRunner::Run(crash::Model model, const reports::ScenarioReport& report,
                                      const RunPosition& position) const {
  reports::ModelResult result;
  result.model = std::string(crash::ModelName(model));
  const ScenarioExpectation& expected = scenario_.ExpectationFor(model);
  result.expected = ReportedExpectation(expected);
  const crash::GeneratorOptions generator = Generator(model);
  const int jobs = Jobs();
  const CheckerSpec spec{.command = CheckerCommand(),
                         .timeout = scenario_.checker.timeout,
                         .scenario = scenario_.name};
  const ReplaySpec replay{.trace_path = trace_path_,
                          .generator = generator,
                          .checker = ReplayChecker(),
                          .timeout = scenario_.checker.timeout,
                          .output_prefix = work_ + "/replay-" + result.model + "-"};
  result.exploration = BaseExploreReport(trace_path_, trace_, generator, jobs, spec);
  env_.progress->ModelStarted(report, result.model);

  ScenarioCheck check;
  if (scenario_.builtin_checker()) {
    check.builtin_options = {
        .generator = generator, .crash_recovery = scenario_.explore.crash_recovery, .jobs = jobs};
    check.builtin = BuiltinCheckerFunction(scenario_.workload);
    check.check = explore::InProcessStateCheck(check.builtin, check.builtin_options);
  } else {
    check.command_options = {.generator = generator,
                             .checker = spec,
                             .jobs = jobs,
                             .scratch = env_.settings.scratch,
                             .cancel_fd = env_.cancel_fd,
                             .cancel = env_.cancel};
    check.command_options.extra_env = scenario_.workload.EnvAssignments();
    Result<std::unique_ptr<CommandStateCheck>> command =
        CommandStateCheck::Create(trace_, check.command_options);
    if (!command.ok()) {
      result.exploration.outcome = reports::ExploreReport::Outcome::kError;
      result.exploration.error = command.status().message();
      result.verdict = "could not check: " + result.exploration.error;
      return result;
    }
    check.command = std::move(command).value();
    check.check = check.command->AsStateCheck();
  }

  auto start = Clock::now();
  reports::ProgressState progress{.scenario_index = position.index,
                                  .scenario_count = position.count,
                                  .scenario = scenario_.name,
                                  .model = result.model,
                                  .violations = position.violations_before};
  const StateExploration explored = ExploreStates(
      trace_, check.check,
      {.jobs = jobs,
       .max_violations_listed = 100,
       .max_reduced = kMaxReduced,
       .reduction = {.replay = replay, .stop = env_.stop},
       .stop = env_.stop,
       .shard = env_.settings.shard,
       .progress =
           [&](size_t checked, size_t violating) {
             progress.states_checked = checked;
             progress.violations = position.violations_before + violating;
             progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
             env_.progress->States(progress);
           },
       .reducing =
           [&] {
             start = Clock::now();
             progress.phase = reports::ProgressState::Phase::kReducing;
             progress.seconds = 0;
             env_.progress->States(progress);
           }});
  FillExploreReport({.check = explored.check,
                     .reduction = explored.reduction,
                     .not_reduced = explored.not_reduced,
                     .checking = explored.checking,
                     .reducing = explored.reducing,
                     .scratch = check.command ? check.command->scratch_root() : "",
                     .signal = env_.signal ? env_.signal() : 0},
                    replay, result.exploration);
  // The groups are the model's (the exploration's copy would repeat them in every report).
  result.groups = std::move(result.exploration.groups);
  result.exploration.groups.clear();
  result.crash_points = explored.crash_points;

  ModelFindings findings{
      .checked = explored.check.checked,
      .violating = explored.check.violating,
      .complete = result.exploration.outcome == reports::ExploreReport::Outcome::kConsistent ||
                  result.exploration.outcome == reports::ExploreReport::Outcome::kViolation,
      .capped = explored.check.stats.capped,
      .max_states = generator.max_states,
      .groups = &explored.reduction.groups,
      .group_reasons = &explored.reduction.reasons};
  for (size_t i = explored.reduction.reduced; i < explored.check.violations.size(); ++i) {
    findings.other_reasons.push_back(explored.check.violations[i].reason);
  }
  const ExpectationVerdict verdict = JudgeModel(expected, findings);
  if (expected.result == ScenarioExpectation::Result::kViolation) {
    for (size_t i = 0; i < result.groups.size(); ++i) {
      if (GroupMatches(expected, result.groups[i], explored.reduction.reasons.at(i))) {
        result.matching_groups.push_back(result.groups[i].key);
      }
    }
  }
  result.met = verdict.met;
  result.verdict = result.exploration.outcome == reports::ExploreReport::Outcome::kError
                       ? "error: " + result.exploration.error
                       : verdict.verdict;
  return result;
}

}  // namespace powercut::harness
