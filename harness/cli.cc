#include "harness/cli.h"

// GCC 12 at -O2 reports a "potential null pointer dereference" in std::string's move inside
// CLI11's name splitting (CLI::detail::split, inlined here): a false positive of the flow-based
// warning in library code. Off for this file only, which holds nothing but the parser's setup.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <algorithm>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/record_command.h"

namespace powercut::harness {
namespace {

void AddModelOptions(CLI::App* cmd, ModelFlags& flags) {
  cmd->add_option("--model", flags.model,
                  "persistence model: posix, ext4-ordered, prefix, drop-unsynced (powercut models)")
      ->capture_default_str();
  cmd->add_option("--sector-bytes", flags.sector_bytes, "writes tear at multiples of this")
      ->capture_default_str();
}

CLI::App* AddExplore(CLI::App& app, ExploreFlags& f) {
  CLI::App* cmd = app.add_subcommand(
      "explore", "check every crash state of a recorded trace with a checker program "
                 "(exit 0 no violation, 1 a violation, 2 bad input or harness error, "
                 "130 interrupted)");
  cmd->add_option("TRACE", f.trace, "the trace file")->required();
  cmd->add_option("--checker", f.checker,
                  "run as `sh -c CMD` in each crash state's directory; {state} and {output} are "
                  "replaced (docs/cli.md: the checker protocol)")
      ->required();
  AddModelOptions(cmd, f.model);
  cmd->add_option("--crash-points", f.crash_points, "all, or syncs: only after fsync-family calls")
      ->capture_default_str();
  cmd->add_option("--max-deviations", f.max_deviations,
                  "reorderings and tears per state (exhaustive)")
      ->capture_default_str();
  cmd->add_option("--strategy", f.strategy, "exhaustive (within --max-deviations) or sample")
      ->capture_default_str();
  cmd->add_option("--samples", f.samples, "random states for --strategy sample")
      ->capture_default_str();
  cmd->add_option("--seed", f.seed, "seed for --strategy sample")->capture_default_str();
  cmd->add_option("--jobs", f.jobs, "checkers running at once (default: the CPUs online)");
  cmd->add_option("--max-states", f.max_states, "stop after this many unique states")
      ->capture_default_str();
  cmd->add_option("--timeout", f.timeout,
                  "seconds a checker may run; past it, it is killed and the state violates "
                  "(recovery hung)")
      ->capture_default_str();
  cmd->add_option("--scratch", f.scratch,
                  "directory for the crash states' copies (default: /dev/shm if it has room, "
                  "else $TMPDIR, else /tmp)");
  cmd->add_option("--json", f.json, "also write the result as JSON (schema powercut-explore/1)");
  return cmd;
}

// --json, --junit and --report-dir of `run` (merge names its JSON -o).
void AddReportOptions(CLI::App* cmd, ReportPaths& paths) {
  cmd->add_option("--junit", paths.junit, "also write a JUnit XML report (one test per scenario)");
  cmd->add_option("--report-dir", paths.report_dir,
                  "also write a self-contained HTML report to DIR/index.html");
}

CLI::App* AddRun(CLI::App& app, RunFlags& f) {
  CLI::App* cmd = app.add_subcommand(
      "run", "record, explore and check scenario files, compare with their expectations "
             "(exit 0 all met, 1 one not met, 2 bad input or harness error, 77 skipped, "
             "130 interrupted; docs/scenarios.md)");
  cmd->add_option("SCENARIO", f.scenarios, "scenario files (TOML)")->required();
  cmd->add_option("--model", f.model, "explore only this model (replaces the files' models)");
  cmd->add_option("--seed", f.seed, "replaces the files' seed (strategy sample)");
  cmd->add_option("--jobs", f.jobs, "checkers running at once (replaces the files' jobs)");
  cmd->add_option("--max-states", f.max_states, "replaces the files' max_states");
  cmd->add_option("--work-dir", f.work_dir,
                  "where each scenario's trace and directory under test are kept, for the "
                  "replay commands")
      ->capture_default_str();
  cmd->add_option("--scratch", f.scratch,
                  "directory for the crash states' copies (default: /dev/shm if it has room, "
                  "else $TMPDIR, else /tmp)");
  cmd->add_option("--json", f.reports.json, "also write the result as JSON (powercut-run/1)");
  AddReportOptions(cmd, f.reports);
  cmd->add_option("--shard", f.shard,
                  "check only part K of N of every scenario's crash states (K from 1); "
                  "`powercut merge` joins the parts' --json reports");
  return cmd;
}

CLI::App* AddMerge(CLI::App& app, MergeSettings& f) {
  CLI::App* cmd = app.add_subcommand(
      "merge", "join the --json reports of the shards of one `powercut run --shard K/N` into "
               "the report of the whole run (exit as that run would have; 2 on bad input)");
  cmd->add_option("RESULT", f.inputs, "the shards' powercut-run/1 reports, every part once")
      ->required();
  cmd->add_option("-o,--output", f.reports.json, "the merged powercut-run/1 report")->required();
  AddReportOptions(cmd, f.reports);
  return cmd;
}

CLI::App* AddReplay(CLI::App& app, ReplayFlags& f) {
  CLI::App* cmd = app.add_subcommand(
      "replay", "materialise one crash state into an empty directory, its output lines beside "
                "it in DIR.output; with --checker, run the checker there");
  cmd->add_option("TRACE", f.trace, "the trace file")->required();
  cmd->add_option("--state", f.state, "the state's ID, as `powercut explore` printed it")
      ->required();
  cmd->add_option("-o,--output-dir", f.out_dir, "an empty or new directory")->required();
  AddModelOptions(cmd, f.model);
  cmd->add_option("--checker", f.checker, "run this checker on the state, as explore does");
  cmd->add_option("--timeout", f.timeout, "seconds the checker may run")->capture_default_str();
  return cmd;
}

// Converts the flags, then runs; bad values exit 2 with the message.
template <typename Flags, typename Parse, typename Run>
int Dispatch(const std::string& name, const Flags& flags, Parse parse, Run run,
             std::ostream& out, std::ostream& err) {
  auto settings = parse(flags);
  if (!settings.ok()) {
    err << "powercut " << name << ": " << settings.status().message() << "\n";
    return kExitUsage;
  }
  return run(*settings, out, err);
}

bool IsSubcommand(CLI::App& app, const std::string& name) {
  const std::vector<CLI::App*> all = app.get_subcommands([](CLI::App*) { return true; });
  return std::any_of(all.begin(), all.end(), [&](CLI::App* sub) { return sub->get_name() == name; });
}

}  // namespace

int RunCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"powercut: crash-consistency testing (docs/cli.md)", "powercut"};
  app.require_subcommand(1);
  app.add_subcommand("models", "list the persistence models");
  CLI::App* show = app.add_subcommand("show", "print a trace, human-readable");
  std::string show_trace;
  show->add_option("TRACE", show_trace, "the trace file")->required();
  ExploreFlags explore;
  CLI::App* explore_cmd = AddExplore(app, explore);
  ReplayFlags replay;
  CLI::App* replay_cmd = AddReplay(app, replay);
  RunFlags run;
  CLI::App* run_cmd = AddRun(app, run);
  RecordFlags record;
  CLI::App* record_cmd = AddRecord(app, record);
  MergeSettings merge;
  CLI::App* merge_cmd = AddMerge(app, merge);

  // CLI11 would take an unknown command for an extra argument and only say that one is required.
  if (argc > 1 && argv[1][0] != '-' && !IsSubcommand(app, argv[1])) {
    err << "powercut: unknown command '" << argv[1]
        << "' (commands: models, show, record, explore, replay, run, merge; powercut --help)\n";
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);  // prints --help, or the error
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (explore_cmd->parsed()) {
    return Dispatch("explore", explore, ParseExploreFlags, RunExplore, out, err);
  }
  if (run_cmd->parsed()) return Dispatch("run", run, ParseRunFlags, RunRun, out, err);
  if (record_cmd->parsed()) return RunRecord(record, out, err);
  if (merge_cmd->parsed()) return RunMerge(merge, out, err);
  if (replay_cmd->parsed()) {
    return Dispatch("replay", replay, ParseReplayFlags, RunReplay, out, err);
  }
  if (show->parsed()) return RunShow(show_trace, out, err);
  return RunModels(out);
}

}  // namespace powercut::harness
