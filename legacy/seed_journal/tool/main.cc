// powercut-seed-journal: the seed-journal workload and checker as a program, for the legacy
// design or the reference journal (README.md in legacy/seed_journal).
//
//   powercut-seed-journal workload [OPTIONS]          prints `ack N` etc. on stdout
//   powercut-seed-journal check --acked FILE [OPTIONS] the checker protocol (DESIGN.md 5)
//
// The only place that parses arguments and maps outcomes to exit codes.
#include <unistd.h>

#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/tool/ack_output.h"
#include "journal/tool/expected_txns.h"
#include "legacy/seed_journal/tool/seed_checker.h"
#include "legacy/seed_journal/tool/seed_workload.h"

namespace powercut::legacy::tool {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCheckerError = 125;

struct Cli {
  SeedWorkloadOptions options;
  std::string design = "legacy";
  std::string mode = "immediate";
  std::string acked;
};

void AddOptions(CLI::App* cmd, Cli& cli) {
  SeedWorkloadOptions& o = cli.options;
  cmd->add_option("--design", cli.design, "legacy or reference")
      ->check(CLI::IsMember({"legacy", "reference"}))
      ->capture_default_str();
  cmd->add_option("--path", o.path, "the legacy journal's file, the reference's directory")
      ->capture_default_str();
  cmd->add_option("--mode", cli.mode, "immediate, group or relaxed")
      ->check(CLI::IsMember({"immediate", "group", "relaxed"}))
      ->capture_default_str();
  const auto number = [&](const std::string& name, auto& value, const std::string& help) {
    cmd->add_option(name, value, help)->check(CLI::NonNegativeNumber)->capture_default_str();
  };
  number("--txns", o.txns, "transactions in total");
  number("--threads", o.threads, "appending threads");
  number("--ops-per-txn", o.ops_per_txn, "operations per transaction");
  number("--checkpoint-every", o.checkpoint_every, "checkpoint after every Nth ack (0: never)");
  number("--reopen-every", o.reopen_every, "close and reopen every N txns (0: never)");
  number("--seed", o.seed, "the transactions' contents");
  number("--max-delay-ms", o.max_delay_ms, "legacy group commit: the flush thread's period");
  number("--max-pending-ops", o.max_pending_ops, "legacy group commit: queue length that flushes");
  cmd->add_flag("--flush-race", o.flush_race, "legacy: hold txn 1's flush until txn 2 is acked");
  number("--fail-sync", o.fail_sync, "the Nth file sync after open fails with EIO (0: none)");
  number("--process-crash-after", o.process_crash_after, "kill the process after N acks");
  number("--hang-timeout-ms", o.hang_timeout_ms, "an append blocked this long is hung");
}

void Resolve(Cli& cli) {
  cli.options.design = *ParseDesign(cli.design);  // CLI::IsMember checked the name
  cli.options.mode = *journal::ParseDurability(cli.mode);
}

int Workload(Cli& cli) {
  Resolve(cli);
  PosixFileSystem fs;
  journal::tool::FdLineSink out(STDOUT_FILENO);
  const Status status = RunSeedWorkload(fs, cli.options, out);
  if (status.IsInvalidArgument()) {
    std::cerr << "powercut-seed-journal workload: " << status.message() << "\n";
    return kExitUsage;
  }
  if (!status.ok()) {
    std::cerr << "powercut-seed-journal workload: " << status.ToString() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

int Check(Cli& cli) {
  Resolve(cli);
  if (const Status valid = ValidateSeedWorkloadOptions(cli.options); !valid.ok()) {
    std::cout << "the checker could not run: " << valid.message() << "\n";
    return kExitCheckerError;
  }
  std::ifstream in(cli.acked, std::ios::binary);
  if (!in) {
    std::cout << "the checker could not run: cannot read --acked " << cli.acked << "\n";
    return kExitCheckerError;
  }
  std::stringstream text;
  text << in.rdbuf();
  PosixFileSystem fs;
  const journal::tool::ExpectedTxns expected =
      journal::tool::ExpectedTxns::ForWorkload(ContentOptions(cli.options));
  const Result<journal::tool::CheckVerdict> verdict =
      RunSeedCheck(fs, cli.options, CompleteLines(text.str()), expected);
  if (!verdict.ok()) {
    std::cout << "the checker could not run: " << verdict.status().ToString() << "\n";
    return kExitCheckerError;
  }
  std::cout << verdict->reason << "\n";
  return verdict->consistent ? kExitOk : kExitFailed;
}

int Main(int argc, char** argv) {
  CLI::App app("powercut-seed-journal: the seed journal's legacy design (defects on purpose) "
               "and the reference journal under one workload and checker");
  app.require_subcommand(1);
  Cli cli;
  CLI::App* workload = app.add_subcommand("workload", "append, printing `ack N` per txn");
  AddOptions(workload, cli);
  CLI::App* check = app.add_subcommand("check", "judge one crash state (exit 0, 1 or 125)");
  AddOptions(check, cli);
  check->add_option("--acked", cli.acked, "the workload's output up to the crash")->required();
  const bool checking = argc > 1 && std::string_view(argv[1]) == "check";
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : (checking ? kExitCheckerError : kExitUsage);
  }
  return workload->parsed() ? Workload(cli) : Check(cli);
}

}  // namespace
}  // namespace powercut::legacy::tool

int main(int argc, char** argv) {
  try {
    return powercut::legacy::tool::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "powercut-seed-journal: " << e.what() << "\n";
    return 125;
  }
}
