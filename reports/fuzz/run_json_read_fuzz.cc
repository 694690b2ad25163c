// libFuzzer target: the powercut-run/1 reader (ParseRunReportJson, what `powercut merge` reads)
// on arbitrary bytes.
//
// Checked (a violation aborts like a crash): no exception escapes; a refusal is InvalidArgument
// with a message; an accepted document is a fixed point of writing and reading: the RunReport
// it holds, written with RunReportJson, reads back, and writes the very same text again.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "reports/run_json.h"

namespace {

[[noreturn]] void Violation(const std::string& what) {
  (void)std::fprintf(stderr, "run_json_read_fuzz: invariant violated: %s\n", what.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace powercut::reports;  // NOLINT(google-build-using-namespace)
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto report = ParseRunReportJson(text);
    if (!report.ok()) {
      if (report.status().code() != powercut::StatusCode::kInvalidArgument ||
          report.status().message().empty()) {
        Violation("refused with " + report.status().ToString());
      }
      return 0;
    }
    const std::string written = RunReportJson(*report);
    const auto reread = ParseRunReportJson(written);
    if (!reread.ok()) Violation("what was written does not read back: " + reread.status().ToString());
    const std::string rewritten = RunReportJson(*reread);
    if (rewritten != written) {
      Violation("writing what was read back gives other text:\n" + written + "\n----\n" + rewritten);
    }
  } catch (const std::exception& e) {
    Violation(std::string("exception escaped: ") + e.what());
  } catch (...) {
    Violation("an exception that is not a std::exception escaped");
  }
  return 0;
}
