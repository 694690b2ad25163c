#include "reports/golden_file.h"

#include <cstdlib>
#include <string_view>

#include "reports/report_file.h"

namespace powercut::reports::testing {
namespace {

std::string_view LineAt(std::string_view text, size_t offset) {
  const size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const size_t begin = start == std::string_view::npos || offset == 0 ? 0 : start + 1;
  const size_t end = text.find('\n', offset);
  return text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

}  // namespace

std::string TestdataPath(const std::string& name) {
  return std::string(POWERCUT_REPORTS_TESTDATA) + "/" + name;
}

std::string CompareWithGolden(const std::string& name, const std::string& actual) {
  const std::string path = TestdataPath(name);
  const char* update = std::getenv("POWERCUT_UPDATE_GOLDEN");  // NOLINT(concurrency-mt-unsafe)
  if (update != nullptr && std::string_view(update) == "1") {
    const Status written = WriteReportFile(path, actual, "golden file");
    return written.ok() ? "" : written.ToString();
  }
  const Result<std::string> golden = ReadReportFile(path, "golden file");
  if (!golden.ok()) return golden.status().ToString() + " (POWERCUT_UPDATE_GOLDEN=1 creates it)";
  const std::string& expected = *golden;
  if (expected == actual) return "";
  size_t offset = 0;
  while (offset < expected.size() && offset < actual.size() && expected[offset] == actual[offset]) {
    ++offset;
  }
  size_t line = 1;
  for (size_t i = 0; i < offset; ++i) line += expected[i] == '\n' ? 1 : 0;
  return path + " differs at line " + std::to_string(line) +
         ":\n  golden: " + std::string(LineAt(expected, offset)) +
         "\n  actual: " + std::string(LineAt(actual, offset)) +
         "\n(POWERCUT_UPDATE_GOLDEN=1 rewrites the golden files after an intended change)";
}

}  // namespace powercut::reports::testing
