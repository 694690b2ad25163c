#include "harness/record_command.h"

#include <sys/stat.h>

#include <chrono>
#include <iomanip>
#include <optional>

#include <CLI/CLI.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/record/recorder.h"
#include "faultfs/trace/trace_writer.h"
#include "harness/exit_codes.h"
#include "harness/interrupt.h"
#include "harness/options.h"
#include "harness/process.h"

namespace powercut::harness {
namespace {

size_t OutputLines(const trace::Trace& trace) {
  size_t lines = 0;
  for (const trace::Event& event : trace.events) lines += event.type == trace::EventType::kOutput;
  return lines;
}

Result<record::RecordOptions> OptionsFrom(const RecordFlags& flags) {
  record::RecordOptions options;
  options.command = flags.command;
  options.dir = flags.dir;
  options.faults = flags.faults;
  if (!flags.timeout.empty()) {
    POWERCUT_ASSIGN_OR_RETURN(options.timeout, ParseSeconds("--timeout", flags.timeout));
  }
  if (flags.trace.empty()) return Status::InvalidArgument("-o: the trace file to write is missing");
  return options;
}

}  // namespace

CLI::App* AddRecord(CLI::App& app, RecordFlags& f) {
  CLI::App* cmd = app.add_subcommand(
      "record", "run COMMAND under the LD_PRELOAD recorder and write the trace of what it did in "
                "DIR (exit 0 trace written, 2 bad usage or nothing recorded, 130 interrupted)");
  cmd->add_option("-o,--output", f.trace, "the trace file to write")->required();
  cmd->add_option("--dir", f.dir,
                  "the directory under test, COMMAND's working directory; what it holds is the "
                  "initial, durable state (default: a fresh empty directory, removed afterwards)");
  cmd->add_option("--fault", f.faults,
                  "inject a fault through libfiu, e.g. sync/fsync=EIO@3 (repeatable; docs/cli.md)")
      ->allow_extra_args(false);
  cmd->add_option("--timeout", f.timeout, "seconds COMMAND may run; past it, it is killed");
  cmd->add_option("COMMAND", f.command, "the program and its arguments, after --")->required();
  return cmd;
}

int RunRecord(const RecordFlags& flags, std::ostream& out, std::ostream& err) {
  Result<record::RecordOptions> options = OptionsFrom(flags);
  if (!options.ok()) {
    err << "powercut record: " << options.status().message() << "\n";
    return kExitUsage;
  }
  Result<std::unique_ptr<StopSignal>> stop = StopSignal::Install();
  if (!stop.ok()) {
    err << "powercut record: " << stop.status().ToString() << "\n";
    return kExitUsage;
  }
  options->forward_stdout = &out;
  options->cancel_fd = (*stop)->cancel_fd();
  const Result<record::RecordResult> recorded = record::Record(*options);
  if (!recorded.ok()) {
    err << "powercut record: " << recorded.status().ToString() << "\n";
    return kExitUsage;
  }
  const trace::Trace& trace = recorded->trace;
  PosixFileSystem posix;
  if (const Status written = trace::WriteTraceFile(posix, flags.trace, trace); !written.ok()) {
    // What was written may read as a whole, shorter trace (its end looks torn): remove it, so
    // that no later explore trusts it. A device or a pipe given as -o is left alone.
    struct stat st {};
    const bool remove = ::stat(flags.trace.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                        posix.Unlink(flags.trace).ok();
    err << "powercut record: cannot write the trace: " << written.ToString()
        << (remove ? " (the partial trace was removed)" : "") << "\n";
    return kExitUsage;
  }
  for (const std::string& warning : trace.warnings) {
    err << "powercut record: warning: " << warning << "\n";
  }
  err << "powercut record: " << flags.trace << ": " << trace.events.size()
      << " events (crash points from #" << trace.first_crash_point << ", " << OutputLines(trace)
      << " output lines, " << trace.warnings.size() << " warnings) from "
      << recorded->processes << " process" << (recorded->processes == 1 ? "" : "es")
      << "; the workload " << record::HowItEnded(*recorded) << " after " << std::fixed
      << std::setprecision(2) << std::chrono::duration<double>(recorded->duration).count()
      << " s\n";
  if ((*stop)->requested()) return kExitSignalBase + (*stop)->received();
  return kExitOk;
}

}  // namespace powercut::harness
