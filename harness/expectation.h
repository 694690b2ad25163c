// JudgeModel: whether one model's exploration met the scenario's expectation for it, with a
// one-line verdict for the report.
//
//   consistent  met when the exploration ran to its end (capped by max_states is an end) and no
//               state violated;
//   violation   met when some group of violations has the expected class (if one is given) and
//               one of its violations' reasons matches the expected message (if one is given;
//               an ECMAScript regex, searched anywhere in the reason). Without a class, the
//               reason of a violation left out of the groups (not reduced) counts too.
// An exploration cut short (Ctrl-C, a harness error) never meets an expectation.
#ifndef POWERCUT_HARNESS_EXPECTATION_H_
#define POWERCUT_HARNESS_EXPECTATION_H_

#include <string>
#include <vector>

#include "harness/scenario.h"
#include "reports/run_report.h"

namespace powercut::harness {

// What the exploration of one model found, as the judgement needs it.
struct ModelFindings {
  size_t checked = 0;
  size_t violating = 0;
  bool complete = true;  // not interrupted, no harness error
  bool capped = false;
  size_t max_states = 0;
  const std::vector<reports::ViolationGroup>* groups = nullptr;
  const std::vector<std::vector<std::string>>* group_reasons = nullptr;  // per group
  std::vector<std::string> other_reasons;  // of violations in no group
  // Per group (same index), whether it meets the expectation, when known already (`powercut
  // merge`: the shards judged the groups); replaces the class and message test.
  const std::vector<bool>* group_matches = nullptr;
};

struct ExpectationVerdict {
  bool met = false;
  std::string verdict;  // one line
};

ExpectationVerdict JudgeModel(const ScenarioExpectation& expected, const ModelFindings& found);

// Whether `group` meets a "violation" expectation: its class, if one is expected, and its
// checker's reason or one of `reasons` matches the message, if one is expected.
bool GroupMatches(const ScenarioExpectation& expected, const reports::ViolationGroup& group,
                  const std::vector<std::string>& reasons);

// The expectation as reports show it.
reports::Expectation ReportedExpectation(const ScenarioExpectation& expected);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_EXPECTATION_H_
