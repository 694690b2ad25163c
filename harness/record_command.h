// `powercut record -o TRACE [--dir DIR] [--fault SPEC]... [--timeout S] -- COMMAND [ARGS...]`:
// runs COMMAND under the LD_PRELOAD recorder (faultfs/record, RECORDING.md) with DIR as its
// working directory and writes the trace of what it did there (docs/cli.md).
#ifndef POWERCUT_HARNESS_RECORD_COMMAND_H_
#define POWERCUT_HARNESS_RECORD_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace powercut::harness {

struct RecordFlags {
  std::string trace;                 // -o
  std::string dir;                   // "": a fresh temporary directory, removed afterwards
  std::vector<std::string> faults;   // --fault, POWERCUT_FAULTS specs (RECORDING.md)
  std::string timeout;               // "": none
  std::vector<std::string> command;  // after --
};

// Adds the subcommand to `app`, filling `flags` when it is parsed.
CLI::App* AddRecord(CLI::App& app, RecordFlags& flags);

// The workload's stdout is copied to `out` as it runs; the summary, the recorder's warnings and
// errors go to `err`. Exit 0 when the trace was written, whatever the workload did (its end is
// stated, and its trace up to then is explorable); 2 on bad usage (a missing program, bad fault
// specs) or when nothing could be recorded; 128+n when interrupted by signal n (the trace up to
// then is still written).
int RunRecord(const RecordFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_RECORD_COMMAND_H_
