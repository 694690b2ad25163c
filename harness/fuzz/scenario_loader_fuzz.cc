// libFuzzer target: the scenario loader (ParseScenario, the text of a scenario file) on arbitrary
// bytes.
//
// The file is named /nonexistent-powercut-fuzz/fuzz.toml, so programs named with a "/" resolve
// to files that do not exist, and nothing on the machine is read or run. Checked (a violation
// aborts like a crash): no exception escapes; a refusal is InvalidArgument and every line of its
// message names the file, as the loader's contract says (scenario_loader.h); an accepted
// scenario has a name, a workload and a checker; the same text loads the same way twice.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "harness/scenario_loader.h"

namespace {

const std::string kPath = "/nonexistent-powercut-fuzz/fuzz.toml";

[[noreturn]] void Violation(const std::string& what) {
  (void)std::fprintf(stderr, "scenario_loader_fuzz: invariant violated: %s\n", what.c_str());
  std::abort();
}

void CheckRefusal(const powercut::Status& status) {
  if (status.code() != powercut::StatusCode::kInvalidArgument) {
    Violation("refused with " + status.ToString());
  }
  const std::string& message = status.message();
  if (message.empty()) Violation("refused without a message");
  size_t line_start = 0;
  while (line_start <= message.size()) {
    const size_t end = std::min(message.find('\n', line_start), message.size());
    const std::string_view line(message.data() + line_start, end - line_start);
    if (!line.starts_with(kPath + ":")) {
      Violation("an error line does not name the file: \"" + std::string(line) + "\" in:\n" +
                message);
    }
    line_start = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using powercut::harness::ParseScenario;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto loaded = ParseScenario(text, kPath);
    if (!loaded.ok()) {
      CheckRefusal(loaded.status());
    } else if (loaded->name.empty() ||
               (loaded->checker.command.empty() && !loaded->builtin_checker()) ||
               (loaded->workload.command.empty() && !loaded->builtin_workload())) {
      Violation("accepted a scenario without a name, a workload or a checker");
    }
    const auto again = ParseScenario(text, kPath);
    if (again.ok() != loaded.ok() ||
        (!again.ok() && again.status().message() != loaded.status().message())) {
      Violation("the same text loaded differently twice");
    }
  } catch (const std::exception& e) {
    Violation(std::string("exception escaped: ") + e.what());
  } catch (...) {
    Violation("an exception that is not a std::exception escaped");
  }
  return 0;
}
