// The writer of "powercut-run/1". Field order is the order of docs/reports.md.
#include "reports/run_json.h"

#include <nlohmann/json.hpp>

#include "reports/explore_json.h"
#include "reports/group_json.h"
#include "reports/report_file.h"

namespace powercut::reports {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
json Nullable(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json TimelineJson(const std::vector<TimelineEvent>& timeline) {
  json events = json::array();
  for (const TimelineEvent& e : timeline) {
    events.push_back({{"index", e.index},
                      {"text", e.text},
                      {"barrier", e.barrier},
                      {"output", e.output},
                      {"failed_sync", e.failed_sync}});
  }
  return events;
}

json RecordingJson(const ScenarioReport::Recording& r) {
  return {{"command", r.command},
          {"builtin", r.builtin},
          {"exit_code", Nullable(r.exit_code)},
          {"signal", Nullable(r.signal)},
          {"timed_out", r.timed_out},
          {"seconds", r.seconds},
          {"events", r.events},
          {"first_crash_point", r.first_crash_point},
          {"warnings", r.warnings},
          {"trace_path", r.trace_path}};
}

// The powercut-explore/1 document of the model's exploration (docs/cli.md), without "schema"
// and "groups" (the model's "groups" holds them): one definition of those fields for both
// reports.
json ExplorationJson(const ExploreReport& exploration) {
  json object = json::parse(ExploreReportJson(exploration));
  object.erase("schema");
  object.erase("groups");
  return object;
}

json ModelJson(const ModelResult& m) {
  json groups = json::array();
  for (const ViolationGroup& g : m.groups) groups.push_back(ViolationGroupJson(g));
  json points = json::array();
  for (const CrashPointSummary& p : m.crash_points) {
    points.push_back({{"index", p.index}, {"checked", p.checked}, {"violating", p.violating}});
  }
  return {{"model", m.model},
          {"expected",
           {{"result", m.expected.result},
            {"message", m.expected.message},
            {"classification", m.expected.classification}}},
          {"met", m.met},
          {"verdict", m.verdict},
          {"exploration", ExplorationJson(m.exploration)},
          {"groups", groups},
          {"matching_groups", m.matching_groups},
          {"crash_points", points}};
}

json ScenarioJson(const ScenarioReport& s) {
  json models = json::array();
  for (const ModelResult& m : s.models) models.push_back(ModelJson(m));
  return {{"name", s.name},
          {"description", s.description},
          {"file", s.file},
          {"verdict", VerdictName(s.verdict)},
          {"verdict_reason", s.verdict_reason},
          {"seconds", s.seconds},
          {"recording", RecordingJson(s.recording)},
          {"models", models},
          {"timeline", TimelineJson(s.timeline)}};
}

json SummaryJson(const RunReport& report) {
  json counts = {{"scenarios", report.scenarios.size()},
                 {"passed", 0},
                 {"failed", 0},
                 {"skipped", 0},
                 {"error", 0}};
  for (const ScenarioReport& s : report.scenarios) {
    json& count = counts[std::string(VerdictName(s.verdict))];
    count = count.get<size_t>() + 1;
  }
  return counts;
}

}  // namespace

std::string RunReportJson(const RunReport& report) {
  json scenarios = json::array();
  for (const ScenarioReport& s : report.scenarios) scenarios.push_back(ScenarioJson(s));
  const json document = {
      {"schema", kRunSchema},
      {"powercut_version", report.powercut_version},
      {"started", report.started},
      {"exit_code", report.exit_code},
      {"interrupted", report.interrupted},
      {"options",
       {{"seed", Nullable(report.seed_override)},
        {"model", Nullable(report.model_override)},
        {"jobs", report.jobs},
        {"shard", report.shard.empty() ? json(nullptr) : json(report.shard)}}},
      {"summary", SummaryJson(report)},
      {"scenarios", scenarios},
  };
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Status WriteRunJson(const RunReport& report, const std::string& path) {
  return WriteReportFile(path, RunReportJson(report), "JSON report");
}

}  // namespace powercut::reports
