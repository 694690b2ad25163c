// The expectation matrix: consistent / violation, found / not found, message match / mismatch,
// class match / mismatch, and explorations cut short.
#include "harness/expectation.h"

#include <boost/test/unit_test.hpp>

namespace powercut::harness {
namespace {

using Result = ScenarioExpectation::Result;
using reduce::ViolationClass;

ScenarioExpectation Consistent() { return {}; }
ScenarioExpectation Violation(std::string message = "",
                              std::optional<ViolationClass> classification = std::nullopt) {
  return {Result::kViolation, std::move(message), classification};
}

reports::ViolationGroup Group(const std::string& classification, const std::string& reason) {
  reports::ViolationGroup g;
  g.classification = classification;
  g.checker_reason = reason;
  g.violations = 1;
  return g;
}

// Two groups: a torn write ("record 3 is garbage", also seen as "record 4 is garbage") and an
// acknowledged-before-durable one ("acknowledged txn 7 missing").
struct Found {
  std::vector<reports::ViolationGroup> groups = {
      Group("torn write", "record 3 is garbage"),
      Group("acknowledged before durable", "acknowledged txn 7 missing")};
  std::vector<std::vector<std::string>> reasons = {{"record 3 is garbage", "record 4 is garbage"},
                                                   {"acknowledged txn 7 missing"}};
  ModelFindings findings() const {
    return {.checked = 40, .violating = 5, .groups = &groups, .group_reasons = &reasons};
  }
};

ModelFindings Nothing() { return {.checked = 40, .violating = 0}; }

BOOST_AUTO_TEST_SUITE(expectation)

BOOST_AUTO_TEST_CASE(consistent_is_met_when_nothing_violates) {
  const ExpectationVerdict v = JudgeModel(Consistent(), Nothing());
  BOOST_TEST(v.met);
  BOOST_TEST(v.verdict == "consistent as expected: no violation in 40 states");
}

BOOST_AUTO_TEST_CASE(consistent_is_not_met_when_a_state_violates) {
  const Found f;
  const ExpectationVerdict v = JudgeModel(Consistent(), f.findings());
  BOOST_TEST(!v.met);
  BOOST_TEST(v.verdict.starts_with("expected no violation, found 5 violating states in 2 groups: "
                                   "torn write: record 3 is garbage; acknowledged before durable"),
             v.verdict);
}

BOOST_AUTO_TEST_CASE(violation_is_not_met_when_nothing_violates) {
  const ExpectationVerdict v = JudgeModel(Violation("txn"), Nothing());
  BOOST_TEST(!v.met);
  BOOST_TEST(v.verdict == "expected a violation matching /txn/, found no violation in 40 states");
}

BOOST_AUTO_TEST_CASE(violation_without_message_or_class_is_met_by_any) {
  const Found f;
  BOOST_TEST(JudgeModel(Violation(), f.findings()).met);
}

BOOST_AUTO_TEST_CASE(the_message_is_a_regex_searched_in_every_reason_of_a_group) {
  const Found f;
  BOOST_TEST(JudgeModel(Violation("acknowledged txn [0-9]+ missing"), f.findings()).met);
  BOOST_TEST(JudgeModel(Violation("record 4"), f.findings()).met);  // not the minimal's reason
  const ExpectationVerdict v = JudgeModel(Violation("^txn"), f.findings());
  BOOST_TEST(!v.met);
  BOOST_TEST(v.verdict.starts_with("expected a violation matching /^txn/, found 5 violating "
                                   "states in 2 groups, none matching"),
             v.verdict);
}

BOOST_AUTO_TEST_CASE(the_class_must_be_the_class_of_a_group) {
  const Found f;
  BOOST_TEST(JudgeModel(Violation("", ViolationClass::kTornWrite), f.findings()).met);
  const ExpectationVerdict v = JudgeModel(Violation("", ViolationClass::kReordering), f.findings());
  BOOST_TEST(!v.met);
  BOOST_TEST(v.verdict.starts_with("expected a violation of class 'reordering', found"), v.verdict);
}

BOOST_AUTO_TEST_CASE(class_and_message_must_hold_in_the_same_group) {
  const Found f;
  BOOST_TEST(
      JudgeModel(Violation("txn 7", ViolationClass::kAcknowledgedBeforeDurable), f.findings()).met);
  BOOST_TEST(!JudgeModel(Violation("txn 7", ViolationClass::kTornWrite), f.findings()).met);
}

BOOST_AUTO_TEST_CASE(violations_not_reduced_count_for_a_message_but_not_for_a_class) {
  ModelFindings findings = Nothing();
  findings.violating = 1;
  findings.other_reasons = {"acknowledged txn 9 missing"};
  BOOST_TEST(JudgeModel(Violation("txn 9"), findings).met);
  BOOST_TEST(
      !JudgeModel(Violation("txn 9", ViolationClass::kAcknowledgedBeforeDurable), findings).met);
}

BOOST_AUTO_TEST_CASE(an_exploration_cut_short_meets_no_expectation) {
  ModelFindings cut = Nothing();
  cut.complete = false;
  BOOST_TEST(!JudgeModel(Consistent(), cut).met);
  const Found f;
  ModelFindings found = f.findings();
  found.complete = false;
  const ExpectationVerdict v = JudgeModel(Violation(), found);
  BOOST_TEST(!v.met);
  BOOST_TEST(v.verdict == "not judged: the exploration was cut short after 40 states");
}

BOOST_AUTO_TEST_CASE(a_capped_exploration_says_so) {
  ModelFindings capped = Nothing();
  capped.capped = true;
  capped.max_states = 40;
  const ExpectationVerdict consistent = JudgeModel(Consistent(), capped);
  BOOST_TEST(consistent.met);
  BOOST_TEST(consistent.verdict.find("capped at max_states 40") != std::string::npos);
  BOOST_TEST(JudgeModel(Violation(), capped).verdict.find("raise max_states") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_reported_expectation_names_result_message_and_class) {
  const reports::Expectation e =
      ReportedExpectation(Violation("m", ViolationClass::kNonAtomicUpdate));
  BOOST_TEST(e.result == "violation");
  BOOST_TEST(e.message == "m");
  BOOST_TEST(e.classification == "non-atomic update");
  BOOST_TEST(ReportedExpectation(Consistent()).result == "consistent");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
