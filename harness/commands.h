// The subcommands of `powercut`, each a function from checked settings to an exit code
// (exit_codes.h), printing its result on `out` and its errors on `err`. cli.cc parses the
// command line into their settings. Nothing here throws on purpose.
#ifndef POWERCUT_HARNESS_COMMANDS_H_
#define POWERCUT_HARNESS_COMMANDS_H_

#include <ostream>
#include <string>

#include "harness/options.h"

namespace powercut::harness {

// `powercut models`: each model's name and one-line summary.
int RunModels(std::ostream& out);

// `powercut show TRACE`: the listing, then (on `err`) the damage if any, exit 2.
int RunShow(const std::string& trace_path, std::ostream& out, std::ostream& err);

// `powercut explore TRACE --checker CMD ...`.
int RunExplore(const ExploreSettings& settings, std::ostream& out, std::ostream& err);

// `powercut run SCENARIO... [options]` (docs/scenarios.md).
int RunRun(const RunSettings& settings, std::ostream& out, std::ostream& err);

// `powercut merge RESULT.json... -o RESULT.json ...` (merge_command.h).
int RunMerge(const MergeSettings& settings, std::ostream& out, std::ostream& err);

// `powercut replay TRACE --state ID -o DIR ...`.
int RunReplay(const ReplaySettings& settings, std::ostream& out, std::ostream& err);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_COMMANDS_H_
