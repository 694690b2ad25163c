#include "reports/run_text.h"

#include <algorithm>
#include <array>
#include <map>
#include <vector>

#include "reports/explore_text.h"

namespace powercut::reports {
namespace {

using Outcome = ExploreReport::Outcome;

std::string Count(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "ok", "FAILED", "ERROR", "interrupted".
std::string ModelResultWord(const ModelResult& m) {
  switch (m.exploration.outcome) {
    case Outcome::kError:
      return "ERROR";
    case Outcome::kInterrupted:
      return "interrupted";
    default:
      return m.met ? "ok" : "FAILED";
  }
}

std::string Found(const ModelResult& m) {
  const ExploreReport::Stats& s = m.exploration.stats;
  switch (m.exploration.outcome) {
    case Outcome::kError:
      return "error after " + Count(s.checked, "state", "states");
    case Outcome::kInterrupted:
      return "interrupted after " + Count(s.checked, "state", "states");
    case Outcome::kConsistent:
      return "no violation in " + Count(s.checked, "state", "states") +
             (s.capped ? " (capped)" : "");
    case Outcome::kViolation:
      return Count(s.violating, "violating state", "violating states") + ", " +
             Count(m.groups.size(), "group", "groups");
  }
  return "";
}

std::string Expected(const Expectation& e) {
  std::string text = e.result;
  if (!e.classification.empty()) text += ", " + e.classification;
  if (!e.message.empty()) text += ", /" + e.message + "/";
  return text;
}

using Row = std::array<std::string, 5>;

std::string Table(const std::vector<Row>& rows) {
  std::array<size_t, 5> width{};
  for (const Row& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string text;
  for (const Row& row : rows) {
    std::string line = " ";
    for (size_t c = 0; c < row.size(); ++c) {
      line += " " + row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 1, ' ');
    }
    text += line + "\n";
  }
  return text;
}

std::string SummaryTable(const RunReport& report) {
  std::vector<Row> rows = {{"scenario", "model", "expected", "found", "result"}};
  for (const ScenarioReport& s : report.scenarios) {
    for (const ModelResult& m : s.models) {
      rows.push_back({s.name, m.model, Expected(m.expected), Found(m), ModelResultWord(m)});
    }
    if (s.models.empty()) {
      rows.push_back(
          {s.name, "-", "-", "-", std::string(VerdictName(s.verdict)) + ": " + s.verdict_reason});
    }
  }
  return Table(rows);
}

// Where a group was shown in full already, by its key: "group 2 under posix".
using Shown = std::map<std::string, std::string>;

// A group already shown under another model of the same scenario: one line and its replay.
std::string Repeated(const ViolationGroup& g, size_t index, size_t total,
                     const std::string& where) {
  return "  group " + std::to_string(index) + " of " + std::to_string(total) + ": " +
         g.classification + ", " + Count(g.violations, "violating state", "violating states") +
         ": the same minimal cause as " + where + "\n    replay:  " + ShellCommand(g.replay) + "\n";
}

// A model that did not meet its expectation: why, and each group found.
std::string Failure(const ScenarioReport& s, const ModelResult& m, Shown& shown) {
  std::string text =
      "\n" + ModelResultWord(m) + ": " + s.name + " under " + m.model + ": " + m.verdict + "\n";
  text += "  scenario " + s.file + ", trace " + s.recording.trace_path + "\n";
  for (const std::string& warning : s.recording.warnings) text += "  warning: " + warning + "\n";
  for (size_t i = 0; i < m.groups.size(); ++i) {
    const ViolationGroup& g = m.groups[i];
    if (const auto it = shown.find(g.key); it != shown.end()) {
      text += Repeated(g, i + 1, m.groups.size(), it->second);
      continue;
    }
    shown.emplace(g.key, "group " + std::to_string(i + 1) + " under " + m.model);
    text += RenderViolationGroup(g, i + 1, m.groups.size(), "  ");
  }
  if (m.exploration.not_reduced > 0) {
    text += "  (" + std::to_string(m.exploration.not_reduced) +
            " violating states were not reduced into groups)\n";
  }
  return text;
}

std::string ResultLine(const RunReport& report) {
  std::array<size_t, 4> counts{};  // by Verdict
  for (const ScenarioReport& s : report.scenarios) ++counts[static_cast<size_t>(s.verdict)];
  std::string parts;
  for (const ScenarioReport::Verdict v :
       {ScenarioReport::Verdict::kPassed, ScenarioReport::Verdict::kFailed,
        ScenarioReport::Verdict::kError, ScenarioReport::Verdict::kSkipped}) {
    const size_t n = counts[static_cast<size_t>(v)];
    if (n > 0)
      parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(VerdictName(v));
  }
  if (parts.empty()) parts = "no scenario ran";
  std::string text = "\nresult: ";
  if (report.interrupted) text += "INTERRUPTED, a partial report: ";
  return text + parts + " (exit " + std::to_string(report.exit_code) + ")\n";
}

}  // namespace

std::string RenderRunText(const RunReport& report) {
  std::string text = "\n" + SummaryTable(report);
  for (const ScenarioReport& s : report.scenarios) {
    Shown shown;
    for (const ModelResult& m : s.models) {
      if (!m.met && m.exploration.outcome != Outcome::kInterrupted) text += Failure(s, m, shown);
    }
    if (s.models.empty() && s.verdict == ScenarioReport::Verdict::kError) {
      text += "\nERROR: " + s.name + " (" + s.file + "): " + s.verdict_reason + "\n";
    }
  }
  return text + ResultLine(report);
}

void PlainRunProgress::ScenarioStarted(const ScenarioReport& /*scenario*/, size_t index,
                                       size_t count) {
  index_ = index;
  count_ = count;
}

std::string PlainRunProgress::Prefix(const ScenarioReport& scenario) const {
  return "[" + std::to_string(index_ + 1) + "/" + std::to_string(count_) + "] " + scenario.name;
}

void PlainRunProgress::ModelFinished(const ScenarioReport& scenario, const ModelResult& result) {
  const ExploreReport::Stats& s = result.exploration.stats;
  out_ << Prefix(scenario) << " " << result.model << ": " << ModelResultWord(result) << ": "
       << result.verdict << " (" << Count(s.checked, "state", "states") << ", "
       << static_cast<int64_t>((s.seconds + s.reduce_seconds) * 1000) << " ms)" << std::endl;
}

void PlainRunProgress::ScenarioFinished(const ScenarioReport& scenario) {
  if (scenario.verdict == ScenarioReport::Verdict::kSkipped ||
      (scenario.verdict == ScenarioReport::Verdict::kError && scenario.models.empty())) {
    out_ << Prefix(scenario) << ": " << VerdictName(scenario.verdict) << ": "
         << scenario.verdict_reason << std::endl;
  }
}

}  // namespace powercut::reports
