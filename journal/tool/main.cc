// powercut-journal: the reference journal's command-line tool (README.md in this folder).
//
// The only place that parses arguments, maps outcomes to exit codes and catches exceptions;
// every subcommand's work is a library function that returns a Status or a verdict.
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/journal.h"
#include "journal/tool/ack_output.h"
#include "journal/tool/checker.h"
#include "journal/tool/inspect.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  // workload: the journal failed; check: a violation
constexpr int kExitUsage = 2;
constexpr int kExitCheckerError = 125;  // DESIGN.md 5: the checker could not run

// The checker protocol reserves 1..124 for violations, so even a usage error of `check` must
// exit 125 (no verdict) rather than 2. The subcommand is always the first argument.
bool IsCheckCommand(int argc, char** argv) {
  return argc > 1 && std::string_view(argv[1]) == "check";
}

CLI::Validator ModeValidator() { return CLI::IsMember({"immediate", "group", "relaxed"}); }

// Plain decimal only. CLI11's own conversion (strtoull, base 0) would read "-1" as 2^64 - 1,
// "010" as 8 and "0x10" as 16, none of which a user typing a count means. The validator
// rewrites the text in canonical form before CLI11 converts it.
CLI::Validator DecimalValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        uint64_t value = 0;
        const char* end = text.data() + text.size();
        const bool digits_only =
            !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (!digits_only || error != std::errc() || stop != end) {
          return "expected a non-negative decimal integer below 2^64, got '" + text + "'";
        }
        text = std::to_string(value);
        return "";
      },
      "");
}

template <typename T>
CLI::Option* AddNumber(CLI::App* cmd, const std::string& name, T& value, const std::string& help) {
  return cmd->add_option(name, value, help)->transform(DecimalValidator());
}

Durability ModeOrDie(const std::string& mode) {
  // CLI::IsMember already restricted the value; a miss here is a programming error.
  const std::optional<Durability> durability = ParseDurability(mode);
  POWERCUT_ASSERT(durability.has_value());
  return *durability;
}

CLI::App* AddWorkloadCommand(CLI::App& app, WorkloadOptions& options, std::string& mode) {
  CLI::App* cmd = app.add_subcommand(
      "workload", "append deterministic transactions, printing `ack <id>` as each is acknowledged");
  cmd->add_option("DIR", options.dir, "journal directory (created if missing)")->required();
  cmd->add_option("--mode", mode, "durability: immediate, group or relaxed")
      ->required()
      ->check(ModeValidator());
  AddNumber(cmd, "--txns", options.txns, "transactions in total")->required();
  AddNumber(cmd, "--threads", options.threads, "appending threads")->capture_default_str();
  AddNumber(cmd, "--ops-per-txn", options.ops_per_txn, "operations per transaction")
      ->capture_default_str();
  AddNumber(cmd, "--checkpoint-every", options.checkpoint_every,
            "checkpoint after every C-th acknowledged transaction (0: never)");
  AddNumber(cmd, "--reopen-every", options.reopen_every,
            "close and reopen the journal after every R transactions (--threads 1 only)");
  AddNumber(cmd, "--seed", options.seed, "content seed")->capture_default_str();
  AddNumber(cmd, "--max-segment-bytes", options.max_segment_bytes,
            "segment size limit, >= 512 (default: the journal's)");
  return cmd;
}

CLI::App* AddCheckCommand(CLI::App& app, CheckOptions& options, std::string& mode) {
  CLI::App* cmd = app.add_subcommand(
      "check", "check one crash state (exit 0 consistent, 1 violation, 125 could not run)");
  cmd->add_option("DIR", options.dir, "journal directory; a private copy: recovery modifies it")
      ->required();
  cmd->add_option("--acked", options.acked_path, "the workload's stdout up to the crash")
      ->required();
  cmd->add_option("--mode", mode, "the workload's durability (relaxed: acks may be lost)")
      ->capture_default_str()
      ->check(ModeValidator());
  AddNumber(cmd, "--seed", options.seed, "the workload's seed")->capture_default_str();
  AddNumber(cmd, "--ops-per-txn", options.ops_per_txn, "the workload's ops per transaction")
      ->capture_default_str();
  AddNumber(cmd, "--max-segment-bytes", options.max_segment_bytes,
            "segment size limit for the checker's own append, >= 512");
  return cmd;
}

int RunWorkloadCommand(const WorkloadOptions& options) {
  if (const Status valid = ValidateWorkloadOptions(options); !valid.ok()) {
    std::cerr << "powercut-journal workload: " << valid.message() << "\n";
    return kExitUsage;
  }
  PosixFileSystem fs;
  FdLineSink out(STDOUT_FILENO);
  const Status status = RunWorkload(fs, options, out);
  if (!status.ok()) {
    std::cerr << "powercut-journal workload: " << status.ToString() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

int RunCheckCommand(const CheckOptions& options) {
  if (const Status valid = ValidateCheckOptions(options); !valid.ok()) {
    std::cout << "checker could not run: " << valid.message() << std::endl;
    return kExitCheckerError;
  }
  PosixFileSystem fs;
  const Result<CheckVerdict> verdict = RunCheck(fs, options);
  if (!verdict.ok()) {
    std::cout << "checker could not run: " << verdict.status().ToString() << std::endl;
    return kExitCheckerError;
  }
  std::cout << verdict->reason << std::endl;
  return verdict->consistent ? kExitOk : kExitFailed;
}

int InspectExitCode(InspectVerdict verdict) {
  switch (verdict) {
    case InspectVerdict::kHealthy: return kExitOk;
    case InspectVerdict::kCorrupt:
    case InspectVerdict::kUnreadable: return kExitFailed;
    case InspectVerdict::kNotAJournal: return kExitUsage;
  }
  return kExitFailed;
}

int Main(int argc, char** argv) {
  CLI::App app{"powercut-journal: workload, crash-state checker and inspector for the journal"};
  app.require_subcommand(1);
  WorkloadOptions workload;
  std::string workload_mode;
  CLI::App* workload_cmd = AddWorkloadCommand(app, workload, workload_mode);
  CheckOptions check;
  std::string check_mode = "group";
  CLI::App* check_cmd = AddCheckCommand(app, check, check_mode);
  std::string dir;
  CLI::App* dump_cmd = app.add_subcommand("dump", "print MANIFEST, segments, records (read-only)");
  dump_cmd->add_option("DIR", dir, "journal directory")->required();
  CLI::App* verify_cmd = app.add_subcommand(
      "verify", "integrity report (read-only; exit 0 ok, 1 corrupt, 2 no journal)");
  verify_cmd->add_option("DIR", dir, "journal directory")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (app.exit(e) == 0) return kExitOk;  // --help; app.exit printed it (or the error)
    return IsCheckCommand(argc, argv) ? kExitCheckerError : kExitUsage;
  }

  if (workload_cmd->parsed()) {
    workload.durability = ModeOrDie(workload_mode);
    return RunWorkloadCommand(workload);
  }
  if (check_cmd->parsed()) {
    check.durability = ModeOrDie(check_mode);
    return RunCheckCommand(check);
  }
  PosixFileSystem fs;
  if (dump_cmd->parsed()) return InspectExitCode(DumpJournal(fs, dir, std::cout));
  return InspectExitCode(VerifyJournal(fs, dir, std::cout));
}

}  // namespace
}  // namespace powercut::journal::tool

int main(int argc, char** argv) {
  using powercut::journal::tool::IsCheckCommand;
  try {
    return powercut::journal::tool::Main(argc, argv);
  } catch (const std::exception& e) {
    // Nothing below throws on purpose (Status everywhere); this is bad_alloc and the like.
    std::cerr << "powercut-journal: " << e.what() << "\n";
    return IsCheckCommand(argc, argv) ? powercut::journal::tool::kExitCheckerError
                                      : powercut::journal::tool::kExitFailed;
  }
}
