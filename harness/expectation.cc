#include "harness/expectation.h"

#include <algorithm>
#include <regex>

namespace powercut::harness {
namespace {

std::string Count(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Wanted(const ScenarioExpectation& e) {
  std::string text = "a violation";
  if (e.classification) {
    text += " of class '" + std::string(reduce::ClassName(*e.classification)) + "'";
  }
  if (!e.message.empty()) text += " matching /" + e.message + "/";
  return text;
}

bool Matches(const std::string& message, const std::string& reason) {
  return message.empty() || std::regex_search(reason, std::regex(message, std::regex::ECMAScript));
}

std::string CappedNote(const ModelFindings& f) {
  return f.capped ? " (capped at max_states " + std::to_string(f.max_states) +
                        ": more states exist; raise max_states to see them)"
                  : "";
}

// The index of the first group that has the class and a matching reason.
std::optional<size_t> MatchingGroup(const ScenarioExpectation& e, const ModelFindings& f) {
  const std::vector<reports::ViolationGroup>& groups = *f.groups;
  for (size_t i = 0; i < groups.size(); ++i) {
    const bool matched = f.group_matches != nullptr
                             ? i < f.group_matches->size() && (*f.group_matches)[i]
                             : GroupMatches(e, groups[i], (*f.group_reasons)[i]);
    if (matched) return i;
  }
  return std::nullopt;
}

std::string GroupsFound(const ModelFindings& f) {
  std::string text;
  for (const reports::ViolationGroup& g : *f.groups) {
    text += (text.empty() ? "" : "; ") + g.classification + ": " + g.checker_reason;
  }
  return text;
}

}  // namespace

bool GroupMatches(const ScenarioExpectation& e, const reports::ViolationGroup& group,
                  const std::vector<std::string>& reasons) {
  if (e.classification && group.classification != reduce::ClassName(*e.classification)) {
    return false;
  }
  if (Matches(e.message, group.checker_reason)) return true;
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const std::string& reason) { return Matches(e.message, reason); });
}

ExpectationVerdict JudgeModel(const ScenarioExpectation& e, const ModelFindings& f) {
  static const std::vector<reports::ViolationGroup> kNoGroups;
  static const std::vector<std::vector<std::string>> kNoReasons;
  ModelFindings found = f;
  if (found.groups == nullptr) found.groups = &kNoGroups;
  if (found.group_reasons == nullptr) found.group_reasons = &kNoReasons;
  const std::string states = Count(found.checked, "state", "states");
  if (!found.complete) {
    return {false, "not judged: the exploration was cut short after " + states};
  }
  const size_t groups = found.groups->size();
  if (e.result == ScenarioExpectation::Result::kConsistent) {
    if (found.violating == 0) {
      return {true, "consistent as expected: no violation in " + states + CappedNote(found)};
    }
    return {false, "expected no violation, found " +
                       Count(found.violating, "violating state", "violating states") + " in " +
                       Count(groups, "group", "groups") +
                       (groups > 0 ? ": " + GroupsFound(found) : "")};
  }
  if (found.violating == 0) {
    return {false,
            "expected " + Wanted(e) + ", found no violation in " + states + CappedNote(found)};
  }
  if (const std::optional<size_t> group = MatchingGroup(e, found)) {
    const reports::ViolationGroup& g = (*found.groups)[*group];
    return {true, "violation as expected: " + g.classification + ": " + g.checker_reason + " (" +
                      Count(found.violating, "violating state", "violating states") + " in " +
                      Count(groups, "group", "groups") + ")"};
  }
  if (!e.classification) {
    for (const std::string& reason : found.other_reasons) {
      if (Matches(e.message, reason)) {
        return {true, "violation as expected: " + reason + " (" +
                          Count(found.violating, "violating state", "violating states") + ")"};
      }
    }
  }
  return {false, "expected " + Wanted(e) + ", found " +
                     Count(found.violating, "violating state", "violating states") + " in " +
                     Count(groups, "group", "groups") + ", none matching" +
                     (groups > 0 ? ": " + GroupsFound(found) : "")};
}

reports::Expectation ReportedExpectation(const ScenarioExpectation& e) {
  reports::Expectation out;
  out.result = e.result == ScenarioExpectation::Result::kConsistent ? "consistent" : "violation";
  out.message = e.message;
  if (e.classification) out.classification = std::string(reduce::ClassName(*e.classification));
  return out;
}

}  // namespace powercut::harness
