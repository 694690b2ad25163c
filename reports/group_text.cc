#include "reports/group_text.h"

#include "reports/explore_report.h"

namespace powercut::reports {
namespace {

std::string Count(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool ExplanationHas(const ViolationGroup& group, const std::string& text, bool at_start) {
  for (const std::string& line : group.explanation) {
    const size_t at = line.find(text);
    if (at != std::string::npos && (!at_start || at == 0)) return true;
  }
  return false;
}

}  // namespace

std::string GroupSummary(const ViolationGroup& group) {
  const std::string prefix = group.classification + ": ";
  if (!group.classification.empty() && group.summary.starts_with(prefix)) {
    return group.summary.substr(prefix.size());
  }
  return group.summary;
}

std::string CrashPointList(const std::vector<size_t>& points, size_t max_shown) {
  std::string text;
  size_t shown = 0;
  size_t i = 0;
  while (i < points.size() && shown < max_shown) {
    size_t end = i;
    while (end + 1 < points.size() && points[end + 1] == points[end] + 1) ++end;
    if (!text.empty()) text += ", ";
    text += std::to_string(points[i]);
    if (end > i) text += "-" + std::to_string(points[end]);
    shown += end > i ? 2 : 1;
    i = end + 1;
  }
  if (i < points.size()) text += " and " + std::to_string(points.size() - i) + " more";
  return text;
}

std::string ViolationGroupText(const ViolationGroup& group, size_t number, size_t total) {
  std::string text = "violation group " + std::to_string(number) + " of " + std::to_string(total) +
                     ": " + group.classification + " (" +
                     Count(group.violations, "violating state", "violating states");
  if (!group.crash_points.empty()) {
    text += group.crash_points.size() == 1 ? ", at crash point " : ", at crash points ";
    text += CrashPointList(group.crash_points);
  }
  text += ")\n";
  const std::string summary = GroupSummary(group);
  if (!summary.empty()) text += "  " + summary + "\n";
  for (const std::string& line : group.explanation) text += "  " + line + "\n";
  if (!group.checker_reason.empty() && !ExplanationHas(group, group.checker_reason, false)) {
    text += "  checker: " + group.checker_reason + "\n";
  }
  if (!ExplanationHas(group, "reproducer: ", true)) {
    text += "  reproducer: state " + group.minimal_state_id + " at crash point " +
            std::to_string(group.minimal_crash_point) + ", " +
            Count(static_cast<size_t>(group.minimal_deviations), "deviation", "deviations") +
            " from dropping everything unsynced\n";
  }
  if (group.reduction_incomplete) {
    text += "  (the reduction ran out of its budget: this state may not be 1-minimal)\n";
  }
  if (!group.fix_hint.empty()) text += "  fix: " + group.fix_hint + "\n";
  if (!group.differences.empty()) {
    text += "  differs from the expected state:\n";
    for (const FileDifference& d : group.differences) {
      text += "    " + d.path + ": expected " + d.expected + ", found " + d.found + "\n";
    }
  }
  if (!group.replay.empty()) text += "  replay: " + ShellCommand(group.replay) + "\n";
  return text;
}

}  // namespace powercut::reports
