// LoadScenario: reads a scenario file (TOML, docs/scenarios.md) into a checked Scenario.
//
// Strict: unknown keys, wrong types, values out of range and impossible combinations are errors,
// all of them reported at once, each naming the file, the line, the table and key, and the fix:
//
//   rename.toml:14: [explore] max_deviation: unknown key (did you mean max_deviations?)
//
// Paths are relative to the file: a program named with a "/" (command[0] of the workload, of
// the checker and of each setup command) is resolved against the file's directory, and
// "{scenario_dir}" in any argument becomes that directory. A program named without a "/" is
// looked up in PATH; one that is not there is not an error but Scenario::missing_program (the
// scenario is skipped: exit 77), while a missing program named with a "/" is (the scenario's own
// file is missing).
#ifndef POWERCUT_HARNESS_SCENARIO_LOADER_H_
#define POWERCUT_HARNESS_SCENARIO_LOADER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/result.h"
#include "harness/scenario.h"

namespace powercut::harness {

// InvalidArgument with every error, one per line, when the file cannot be read, is not TOML, or
// is not a valid scenario.
Result<Scenario> LoadScenario(const std::string& path);

// The same, from text (tests); `path` names the file in messages and anchors relative paths.
Result<Scenario> ParseScenario(const std::string& text, const std::string& path);

// The names [expect] class takes: reduce::ClassName of every class, and the class a name names.
std::vector<std::string> ClassNames();
std::optional<reduce::ViolationClass> ParseClassName(std::string_view name);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SCENARIO_LOADER_H_
