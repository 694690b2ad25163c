#include "reports/run_text.h"

#include <map>
#include <vector>

#include "reports/group_text.h"
#include "reports/progress_summary.h"

namespace powercut::reports {
namespace {

using Outcome = ExploreReport::Outcome;

std::string Count(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Every line of `text` with two more spaces in front.
std::string Indented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    out += "  " + text.substr(start, end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Where a group was shown in full already, by its key: "group 2 under posix".
using Shown = std::map<std::string, std::string>;

// A model that did not meet its expectation: why, and each group found.
std::string Failure(const ScenarioReport& s, const ModelResult& m, Shown& shown) {
  std::string text = "\n" + ModelResultWord(m) + ": " + s.name + " under " + m.model + ": " +
                     m.verdict + "\n";
  text += "  scenario " + s.file + ", trace " + s.recording.trace_path + "\n";
  for (const std::string& warning : s.recording.warnings) text += "  warning: " + warning + "\n";
  for (size_t i = 0; i < m.groups.size(); ++i) {
    const ViolationGroup& g = m.groups[i];
    const std::string number = std::to_string(i + 1) + " of " + std::to_string(m.groups.size());
    if (const auto it = shown.find(g.key); it != shown.end()) {
      text += "  violation group " + number + ": " + g.classification + " (" +
              Count(g.violations, "violating state", "violating states") +
              "): the same minimal cause as " + it->second + "\n    replay: " +
              ShellCommand(g.replay) + "\n";
      continue;
    }
    shown.emplace(g.key, "group " + std::to_string(i + 1) + " under " + m.model);
    text += Indented(ViolationGroupText(g, i + 1, m.groups.size()));
  }
  if (m.exploration.not_reduced > 0) {
    text += "  (" + std::to_string(m.exploration.not_reduced) +
            " violating states were not reduced into groups)\n";
  }
  return text;
}

}  // namespace

std::string ModelResultWord(const ModelResult& m) {
  switch (m.exploration.outcome) {
    case Outcome::kError: return "ERROR";
    case Outcome::kInterrupted: return "INTERRUPTED";
    default: return m.met ? "met" : "NOT MET";
  }
}

std::string RenderRunText(const RunReport& report, size_t width) {
  std::string text;
  for (const ScenarioReport& s : report.scenarios) {
    Shown shown;
    bool warned = false;  // a failure's text lists the scenario's warnings
    for (const ModelResult& m : s.models) {
      if (!m.met && m.exploration.outcome != Outcome::kInterrupted) {
        text += Failure(s, m, shown);
        warned = true;
      }
    }
    // A met scenario's warnings still matter (e.g. its workload failed, or did things the shim
    // cannot see): what it met may be less than it seems.
    if (!warned && !s.recording.warnings.empty()) {
      text += "\nWARNING: " + s.name + " (" + s.file + "):\n";
      for (const std::string& warning : s.recording.warnings) text += "  " + warning + "\n";
    }
    if (s.models.empty() && s.verdict == ScenarioReport::Verdict::kError) {
      text += "\nERROR: " + s.name + " (" + s.file + "): " + s.verdict_reason + "\n";
    }
  }
  return text + "\n" + RenderRunSummaryTable(report, width);
}

TextRunProgress::TextRunProgress(std::ostream& out, ProgressLine* line)
    : out_(out), line_(line != nullptr && line->active() ? line : nullptr) {}

void TextRunProgress::Print(const std::string& line) {
  if (line_ != nullptr) line_->Clear();
  out_ << line << std::endl;
}

std::string TextRunProgress::Prefix(const ScenarioReport& scenario) const {
  return "[" + std::to_string(index_ + 1) + "/" + std::to_string(count_) + "] " + scenario.name;
}

void TextRunProgress::ScenarioStarted(const ScenarioReport& /*scenario*/, size_t index,
                                      size_t count) {
  const std::lock_guard lock(mu_);
  index_ = index;
  count_ = count;
}

void TextRunProgress::States(const ProgressState& now) {
  const std::lock_guard lock(mu_);
  if (line_ != nullptr) line_->Update(now);
}

void TextRunProgress::ModelFinished(const ScenarioReport& scenario, const ModelResult& result) {
  const std::lock_guard lock(mu_);
  const ExploreReport::Stats& s = result.exploration.stats;
  Print(Prefix(scenario) + " " + result.model + ": " + ModelResultWord(result) + ": " +
        result.verdict + " (" + Count(s.checked, "state", "states") + ", " +
        std::to_string(static_cast<int64_t>((s.seconds + s.reduce_seconds) * 1000)) + " ms)");
}

void TextRunProgress::ScenarioFinished(const ScenarioReport& scenario) {
  const std::lock_guard lock(mu_);
  if (scenario.verdict == ScenarioReport::Verdict::kSkipped ||
      (scenario.verdict == ScenarioReport::Verdict::kError && scenario.models.empty())) {
    Print(Prefix(scenario) + ": " + std::string(VerdictName(scenario.verdict)) + ": " +
          scenario.verdict_reason);
  }
}

void TextRunProgress::RunFinished(const RunReport& /*report*/) {
  const std::lock_guard lock(mu_);
  if (line_ != nullptr) line_->Clear();
}

}  // namespace powercut::reports
