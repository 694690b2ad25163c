#include "reports/run_junit.h"

#include <string_view>

#include "reports/group_text.h"
#include "reports/markup.h"
#include "reports/report_file.h"
#include "reports/text_format.h"

namespace powercut::reports {
namespace {

using Verdict = ScenarioReport::Verdict;

std::string Seconds(double seconds) { return Fixed(seconds, 3); }

std::string Attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + EscapeMarkup(value, MarkupContext::kAttribute) + "\"";
}

std::string Property(std::string_view name, std::string_view value) {
  return "      <property" + Attribute("name", name) + Attribute("value", value) + "/>\n";
}

std::string Properties(const RunReport& r) {
  std::string text = "    <properties>\n";
  text += Property("powercut_version", r.powercut_version);
  if (r.seed_override) text += Property("seed", std::to_string(*r.seed_override));
  if (r.model_override) text += Property("model", *r.model_override);
  text += Property("jobs", std::to_string(r.jobs));
  if (!r.shard.empty()) text += Property("shard", r.shard);
  if (r.interrupted) text += Property("interrupted", "true");
  text += Property("exit_code", std::to_string(r.exit_code));
  return text + "    </properties>\n";
}

// Every model that did not meet its expectation, with its groups.
std::string UnmetModelsText(const ScenarioReport& s) {
  std::string text;
  for (const ModelResult& m : s.models) {
    if (m.met) continue;
    text += "\n" + m.model + ": " + m.verdict + "\n";
    for (size_t i = 0; i < m.groups.size(); ++i) {
      text += "\n" + ViolationGroupText(m.groups[i], i + 1, m.groups.size());
    }
  }
  return text;
}

// The scenario, and why it failed unless a model's verdict below says it already.
std::string Header(const ScenarioReport& s, const std::string& models_text) {
  std::string text = s.name + " (" + s.file + ")";
  if (!s.description.empty()) text += ": " + s.description;
  text += "\n";
  if (!s.verdict_reason.empty() && models_text.find(s.verdict_reason) == std::string::npos) {
    text += s.verdict_reason + "\n";
  }
  return text;
}

std::string ProblemText(const ScenarioReport& s) {
  const std::string models = UnmetModelsText(s);
  return Header(s, models) + models;
}

// The failure's one-line message and its type.
std::pair<std::string, std::string> FailureSummary(const ScenarioReport& s) {
  for (const ModelResult& m : s.models) {
    if (m.met) continue;
    const std::string type =
        m.groups.empty() ? "expectation not met" : m.groups.front().classification;
    return {m.model + ": " + m.verdict, type};
  }
  return {s.verdict_reason, "expectation not met"};
}

std::string SystemOut(const ScenarioReport& s) {
  const ScenarioReport::Recording& rec = s.recording;
  std::string text;
  if (!rec.command.empty()) text += "workload: " + ShellCommand(rec.command) + "\n";
  if (!rec.builtin.empty()) text += "workload: builtin " + rec.builtin + "\n";
  if (rec.events > 0) {
    text += "recorded " + std::to_string(rec.events) + " events in " + Seconds(rec.seconds) +
            " s, crash points from #" + std::to_string(rec.first_crash_point);
    if (!rec.trace_path.empty()) text += ", trace " + rec.trace_path;
    text += "\n";
  }
  for (const std::string& warning : rec.warnings) text += "trace warning: " + warning + "\n";
  for (const ModelResult& m : s.models) {
    const ExploreReport::Stats& st = m.exploration.stats;
    text += m.model + ": " + (m.met ? "met" : "NOT MET") + ": " + m.verdict + " (" +
            std::to_string(st.checked) + " states checked in " + Seconds(st.seconds) + " s)\n";
  }
  return text;
}

std::string Testcase(const ScenarioReport& s) {
  std::string text = "    <testcase" + Attribute("name", s.name) +
                     Attribute("classname", JunitClassName(s.file)) + Attribute("file", s.file) +
                     Attribute("time", Seconds(s.seconds)) + ">\n";
  switch (s.verdict) {
    case Verdict::kPassed:
      break;
    case Verdict::kFailed: {
      const auto [message, type] = FailureSummary(s);
      text += "      <failure" + Attribute("message", message) + Attribute("type", type) + ">" +
              EscapeMarkup(ProblemText(s)) + "</failure>\n";
      break;
    }
    case Verdict::kSkipped:
      text += "      <skipped" + Attribute("message", s.verdict_reason) + "/>\n";
      break;
    case Verdict::kError:
      text += "      <error" + Attribute("message", s.verdict_reason) + Attribute("type", "error") +
              ">" + EscapeMarkup(ProblemText(s)) + "</error>\n";
      break;
  }
  const std::string out = SystemOut(s);
  if (!out.empty()) text += "      <system-out>" + EscapeMarkup(out) + "</system-out>\n";
  return text + "    </testcase>\n";
}

}  // namespace

std::string JunitClassName(const std::string& scenario_file) {
  std::string_view path = scenario_file;
  if (path.ends_with(".toml")) path.remove_suffix(5);
  std::string name;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (!part.empty() && part != "." && part != "..") {
      if (!name.empty()) name += '.';
      for (const char c : part) name += c == '.' ? '_' : c;
    }
    start = end + 1;
  }
  return name.empty() ? "powercut" : name;
}

std::string RunReportJunit(const RunReport& report) {
  size_t failures = 0;
  size_t errors = 0;
  size_t skipped = 0;
  double seconds = 0;
  for (const ScenarioReport& s : report.scenarios) {
    failures += s.verdict == Verdict::kFailed ? 1 : 0;
    errors += s.verdict == Verdict::kError ? 1 : 0;
    skipped += s.verdict == Verdict::kSkipped ? 1 : 0;
    seconds += s.seconds;
  }
  const std::string counts = Attribute("tests", std::to_string(report.scenarios.size())) +
                             Attribute("failures", std::to_string(failures)) +
                             Attribute("errors", std::to_string(errors)) +
                             Attribute("skipped", std::to_string(skipped)) +
                             Attribute("time", Seconds(seconds));
  std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  text += "<testsuites" + Attribute("name", "powercut run") + counts + ">\n";
  text += "  <testsuite" + Attribute("name", "powercut run") + counts;
  if (!report.started.empty()) text += Attribute("timestamp", report.started);
  text += ">\n" + Properties(report);
  for (const ScenarioReport& s : report.scenarios) text += Testcase(s);
  if (report.interrupted) {
    text += "    <system-err>interrupted: a partial report</system-err>\n";
  }
  return text + "  </testsuite>\n</testsuites>\n";
}

Status WriteRunJunit(const RunReport& report, const std::string& path) {
  return WriteReportFile(path, RunReportJunit(report), "JUnit report");
}

}  // namespace powercut::reports
