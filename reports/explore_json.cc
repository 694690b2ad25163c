#include "reports/explore_json.h"

#include <nlohmann/json.hpp>

#include "reports/group_json.h"
#include "reports/report_file.h"

namespace powercut::reports {
namespace {

using json = nlohmann::ordered_json;

json TraceJson(const ExploreReport::TraceInfo& trace) {
  return {{"path", trace.path},
          {"events", trace.events},
          {"first_crash_point", trace.first_crash_point},
          {"output_lines", trace.output_lines},
          {"warnings", trace.warnings}};
}

json OptionsJson(const ExploreReport::Options& options) {
  return {{"model", options.model},
          {"sector_bytes", options.sector_bytes},
          {"crash_points", options.crash_points},
          {"strategy", options.strategy},
          {"max_deviations", options.max_deviations},
          {"samples", options.samples},
          {"seed", options.seed},
          {"max_states", options.max_states},
          {"jobs", options.jobs}};
}

json StatsJson(const ExploreReport::Stats& stats, size_t not_reduced) {
  const double rate = stats.seconds > 0 ? static_cast<double>(stats.checked) / stats.seconds : 0;
  return {{"crash_points", stats.crash_points},
          {"generated", stats.generated},
          {"unique", stats.unique},
          {"checked", stats.checked},
          {"violating", stats.violating},
          {"capped", stats.capped},
          {"seconds", stats.seconds},
          {"states_per_second", rate},
          {"not_reduced", not_reduced},
          {"reduce_seconds", stats.reduce_seconds}};
}

json ViolationJson(const ExploreReport::Violation& v) {
  return {{"state_id", v.state_id},
          {"crash_point", v.crash_point},
          {"deviation_count", v.deviation_count},
          {"deviations", v.deviations},
          {"reason", v.reason},
          {"details", v.details},
          {"replay", ShellCommand(v.replay)},
          {"replay_argv", v.replay}};
}

json Nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

std::string ExploreReportJson(const ExploreReport& report) {
  json violations = json::array();
  for (const ExploreReport::Violation& v : report.violations) violations.push_back(ViolationJson(v));
  json groups = json::array();
  for (const ViolationGroup& g : report.groups) groups.push_back(ViolationGroupJson(g));
  const json document = {
      {"schema", kExploreSchema},
      {"powercut_version", report.powercut_version},
      {"outcome", OutcomeName(report.outcome)},
      {"exit_code", report.exit_code},
      {"complete", report.outcome == ExploreReport::Outcome::kConsistent ||
                       report.outcome == ExploreReport::Outcome::kViolation},
      {"error", Nullable(report.error)},
      {"interruption", Nullable(report.interruption)},
      {"trace", TraceJson(report.trace)},
      {"options", OptionsJson(report.options)},
      {"checker",
       {{"command", report.checker.command},
        {"timeout_seconds", report.checker.timeout_seconds},
        {"scenario", report.checker.scenario}}},
      {"scratch", report.scratch},
      {"stats", StatsJson(report.stats, report.not_reduced)},
      {"violations", violations},
      {"groups", groups},
  };
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Status WriteExploreJson(const ExploreReport& report, const std::string& path) {
  return WriteReportFile(path, ExploreReportJson(report), "JSON report");
}

}  // namespace powercut::reports
