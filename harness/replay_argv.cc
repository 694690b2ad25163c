#include "harness/replay_argv.h"

#include "harness/checker.h"

namespace powercut::harness {

std::string TimeoutValue(std::chrono::milliseconds timeout) {
  std::string text = FormatSeconds(timeout);
  return text.substr(0, text.size() - 2);  // without " s"
}

std::vector<std::string> ReplayArgv(const ReplaySpec& spec, const std::string& state_id) {
  std::vector<std::string> argv = {"powercut",
                                   "replay",
                                   spec.trace_path,
                                   "--state",
                                   state_id,
                                   "--model",
                                   std::string(crash::ModelName(spec.generator.model)),
                                   "--sector-bytes",
                                   std::to_string(spec.generator.sector_bytes),
                                   "-o",
                                   spec.output_prefix + state_id};
  if (!spec.checker.empty()) {
    argv.insert(argv.end(), {"--checker", spec.checker, "--timeout", TimeoutValue(spec.timeout)});
  }
  return argv;
}

}  // namespace powercut::harness
