#include "reports/group_json.h"

#include "reports/explore_report.h"

namespace powercut::reports {

nlohmann::ordered_json ViolationGroupJson(const ViolationGroup& g) {
  using json = nlohmann::ordered_json;
  json differences = json::array();
  for (const FileDifference& d : g.differences) {
    differences.push_back({{"path", d.path}, {"expected", d.expected}, {"found", d.found}});
  }
  return {{"key", g.key},
          {"classification", g.classification},
          {"summary", g.summary},
          {"explanation", g.explanation},
          {"fix_hint", g.fix_hint},
          {"checker_reason", g.checker_reason},
          {"minimal_state_id", g.minimal_state_id},
          {"minimal_crash_point", g.minimal_crash_point},
          {"minimal_deviations", g.minimal_deviations},
          {"replay", ShellCommand(g.replay)},
          {"replay_argv", g.replay},
          {"differences", differences},
          {"violations", g.violations},
          {"crash_points", g.crash_points},
          {"reduction_incomplete", g.reduction_incomplete}};
}

ViolationGroup ReadViolationGroup(JsonFields& in, const JsonFields::Node& node) {
  ViolationGroup g{.key = in.String(node, "key"),
                   .classification = in.String(node, "classification"),
                   .summary = in.String(node, "summary"),
                   .explanation = in.Strings(node, "explanation"),
                   .fix_hint = in.String(node, "fix_hint"),
                   .checker_reason = in.String(node, "checker_reason"),
                   .minimal_state_id = in.String(node, "minimal_state_id"),
                   .minimal_crash_point = in.Integer<size_t>(node, "minimal_crash_point"),
                   .minimal_deviations = in.Integer<int>(node, "minimal_deviations"),
                   .replay = in.Strings(node, "replay_argv")};
  for (const JsonFields::Node& d : in.Array(node, "differences")) {
    g.differences.push_back({.path = in.String(d, "path"),
                             .expected = in.String(d, "expected"),
                             .found = in.String(d, "found")});
  }
  g.violations = in.Integer<size_t>(node, "violations");
  g.crash_points = in.Integers<size_t>(node, "crash_points");
  g.reduction_incomplete = in.Bool(node, "reduction_incomplete");
  return g;
}

}  // namespace powercut::reports
