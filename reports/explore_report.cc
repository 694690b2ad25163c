#include "reports/explore_report.h"

namespace powercut::reports {

std::string_view OutcomeName(ExploreReport::Outcome outcome) {
  switch (outcome) {
    case ExploreReport::Outcome::kConsistent: return "consistent";
    case ExploreReport::Outcome::kViolation: return "violation";
    case ExploreReport::Outcome::kInterrupted: return "interrupted";
    case ExploreReport::Outcome::kError: return "error";
  }
  return "error";
}

std::string ShellQuote(const std::string& text) {
  const bool plain = !text.empty() && text.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789/._+,:=@%-") == std::string::npos;
  if (plain) return text;
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string ShellCommand(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += ' ';
    line += ShellQuote(arg);
  }
  return line;
}

}  // namespace powercut::reports
