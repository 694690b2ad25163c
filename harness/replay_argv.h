// ReplayArgv: the `powercut replay` command that materialises one crash state again and runs the
// checker on it, as `explore` and `run` print it under each violation.
#ifndef POWERCUT_HARNESS_REPLAY_ARGV_H_
#define POWERCUT_HARNESS_REPLAY_ARGV_H_

#include <chrono>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"

namespace powercut::harness {

struct ReplaySpec {
  std::string trace_path;             // as the user can reach it from where the run was started
  crash::GeneratorOptions generator;  // the model and sector size the IDs depend on
  std::string checker;                // for sh -c; empty: the command has no --checker
  std::chrono::milliseconds timeout{10'000};
  std::string output_prefix = "replay-";  // -o is this followed by the state ID
};

std::vector<std::string> ReplayArgv(const ReplaySpec& spec, const std::string& state_id);

// "5" for 5 s, "0.25" for 250 ms: --timeout's value.
std::string TimeoutValue(std::chrono::milliseconds timeout);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_REPLAY_ARGV_H_
