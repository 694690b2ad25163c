#include "reports/run_report.h"

namespace powercut::reports {

std::string_view VerdictName(ScenarioReport::Verdict verdict) {
  switch (verdict) {
    case ScenarioReport::Verdict::kPassed: return "passed";
    case ScenarioReport::Verdict::kFailed: return "failed";
    case ScenarioReport::Verdict::kSkipped: return "skipped";
    case ScenarioReport::Verdict::kError: return "error";
  }
  return "error";
}

}  // namespace powercut::reports
