// RunCommandLine: the `powercut` command line (docs/cli.md), parsed with CLI11 and dispatched to
// the subcommands (commands.h). The only place where exceptions are caught (CLI11 reports parse
// errors by throwing); main.cc adds a last catch for bad_alloc and the like.
#ifndef POWERCUT_HARNESS_CLI_H_
#define POWERCUT_HARNESS_CLI_H_

#include <ostream>

namespace powercut::harness {

// Returns the exit code (exit_codes.h). Installs SIGINT/SIGTERM handlers while `explore`, `run` or
// `replay --checker` runs.
int RunCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_CLI_H_
