// --shard K/N and `powercut merge`: the parts are disjoint, balanced and stable; the merge of
// every part is the whole run (verdicts, counts, groups, crash points); inputs that do not make
// one whole run are refused with exit 2.
#include "harness/shard.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>

#include "harness/exit_codes.h"
#include "harness/run_test_fixture.h"
#include "harness/scenario_loader.h"
#include "harness/scenario_runner.h"
#include "harness/shard_merge.h"
#include "reports/run_json.h"

namespace powercut::harness {
namespace {

using reports::ModelResult;
using reports::RunReport;
using reports::ScenarioReport;
using test::Has;
using test::kBroken;
using test::kCorrect;
using test::Scenarios;

// kBroken expecting consistency: fails, with its groups.
std::string Unexpected() {
  std::string text = kBroken;
  text.erase(text.find("[expect]"));
  size_t at = text.find("name = \"broken\"");
  text.replace(at, 15, "name = \"unexpected\"");
  return text + "[explore]\nmodels = [\"posix\", \"prefix\"]\n";
}

// The scenarios run in process, whole (shard 0 of 1) or as one part; through JSON and back, as
// `powercut merge` reads them.
RunReport RunPart(const Scenarios& s, const std::vector<std::string>& files, Shard shard) {
  std::vector<Scenario> scenarios;
  for (const std::string& file : files) {
    Result<Scenario> scenario = LoadScenario(file);
    BOOST_REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
    scenarios.push_back(std::move(scenario).value());
  }
  reports::RunProgress quiet;
  RunSettings settings;
  settings.work_dir = s.work;
  settings.jobs = 1;
  settings.shard = shard;
  const RunReport report = RunScenarios(scenarios, {.settings = settings, .progress = &quiet});
  Result<RunReport> read = reports::ParseRunReportJson(reports::RunReportJson(report));
  BOOST_REQUIRE_MESSAGE(read.ok(), read.status().ToString());
  return std::move(read).value();
}

// Everything of a model that must not depend on sharding.
void CheckSameModel(const ModelResult& whole, const ModelResult& merged, const std::string& at) {
  BOOST_TEST_CONTEXT(at) {
    BOOST_TEST(merged.met == whole.met);
    BOOST_TEST(merged.verdict == whole.verdict);
    const auto& w = whole.exploration.stats;
    const auto& m = merged.exploration.stats;
    BOOST_TEST(m.crash_points == w.crash_points);
    BOOST_TEST(m.generated == w.generated);
    BOOST_TEST(m.unique == w.unique);
    BOOST_TEST(m.checked == w.checked);
    BOOST_TEST(m.violating == w.violating);
    BOOST_TEST(m.capped == w.capped);
    BOOST_TEST((merged.exploration.outcome == whole.exploration.outcome));
    BOOST_TEST(merged.exploration.not_reduced == whole.exploration.not_reduced);
    BOOST_TEST(merged.matching_groups == whole.matching_groups);
    BOOST_REQUIRE(merged.crash_points.size() == whole.crash_points.size());
    for (size_t i = 0; i < whole.crash_points.size(); ++i) {
      BOOST_TEST(merged.crash_points[i].index == whole.crash_points[i].index);
      BOOST_TEST(merged.crash_points[i].checked == whole.crash_points[i].checked);
      BOOST_TEST(merged.crash_points[i].violating == whole.crash_points[i].violating);
    }
    BOOST_REQUIRE(merged.groups.size() == whole.groups.size());
    for (size_t i = 0; i < whole.groups.size(); ++i) {
      const reports::ViolationGroup& g = whole.groups[i];
      const reports::ViolationGroup& h = merged.groups[i];
      BOOST_TEST(h.key == g.key);
      BOOST_TEST(h.classification == g.classification);
      BOOST_TEST(h.summary == g.summary);
      BOOST_TEST(h.fix_hint == g.fix_hint);
      BOOST_TEST(h.checker_reason == g.checker_reason);
      BOOST_TEST(h.minimal_state_id == g.minimal_state_id);
      BOOST_TEST(h.minimal_deviations == g.minimal_deviations);
      BOOST_TEST(h.replay == g.replay);
      BOOST_TEST(h.violations == g.violations);
      BOOST_TEST(h.crash_points == g.crash_points);
      BOOST_TEST(h.reduction_incomplete == g.reduction_incomplete);
      BOOST_TEST(h.differences.size() == g.differences.size());
    }
  }
}

BOOST_AUTO_TEST_SUITE(shard)

BOOST_AUTO_TEST_CASE(a_shard_is_k_of_n_with_k_from_1) {
  const Result<Shard> shard = ParseShard("2/5");
  BOOST_REQUIRE(shard.ok());
  BOOST_TEST(shard->index == 1u);
  BOOST_TEST(shard->count == 5u);
  BOOST_TEST(shard->Name() == "2/5");
  BOOST_TEST(ParseShard("1/1")->Name().empty());  // one part: the whole run
  for (const std::string bad :
       {"0/3", "4/3", "3", "1/0", "-1/3", "1/3x", " 1/3", "01/3", "1/", "/3", "1/5000", ""}) {
    const Result<Shard> refused = ParseShard(bad);
    BOOST_TEST(!refused.ok(), bad);
    if (!refused.ok()) {
      BOOST_TEST(Has(refused.status().message(), "--shard \"" + bad + "\": expected K/N"),
                 refused.status().message());
    }
  }
}

BOOST_AUTO_TEST_CASE(states_fall_into_parts_stably_and_evenly) {
  // Fixed: the same ID is in the same part on every machine and in every build.
  BOOST_TEST(ShardOf("c5+e2+e4:0-1,3", 7) == ShardOf("c5+e2+e4:0-1,3", 7));
  BOOST_TEST(ShardOf("c5+e2+e4:0-1,3", 7) == 2u);
  BOOST_TEST(ShardOf("c12", 4) == 1u);
  for (const size_t parts : {2u, 3u, 4u, 8u, 16u}) {
    std::vector<size_t> counts(parts, 0);
    const size_t states = 4000;
    for (size_t c = 0; c < 200; ++c) {
      for (size_t e = 0; e < states / 200; ++e) {
        ++counts[ShardOf("c" + std::to_string(c) + "+e" + std::to_string(e), parts)];
      }
    }
    for (const size_t n : counts) {
      const double share = static_cast<double>(n * parts) / static_cast<double>(states);
      BOOST_TEST((share > 0.85 && share < 1.15), parts << " parts: " << n);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_merge_of_every_shard_is_the_whole_run) {
  Scenarios s;
  const std::vector<std::string> files = {s.Write("correct.toml", kCorrect),
                                          s.Write("broken.toml", kBroken),
                                          s.Write("unexpected.toml", Unexpected())};
  const RunReport whole = RunPart(s, files, {});
  BOOST_TEST(whole.exit_code == kExitViolation);
  for (const size_t parts : {2u, 3u}) {
    std::vector<ShardReport> shards;
    for (size_t k = parts; k-- > 0;) {  // in any order
      shards.push_back(
          {.file = "part" + std::to_string(k), .report = RunPart(s, files, {k, parts})});
      BOOST_TEST(shards.back().report.shard == (Shard{k, parts}.Name()));
    }
    // Each part checks some states, none checks them all.
    for (const ShardReport& part : shards) {
      const auto& stats = part.report.scenarios[1].models[0].exploration.stats;
      BOOST_TEST(stats.checked > 0u);
      BOOST_TEST(stats.checked < whole.scenarios[1].models[0].exploration.stats.checked);
    }
    const Result<RunReport> merged = MergeShards(shards);
    BOOST_REQUIRE_MESSAGE(merged.ok(), merged.status().ToString());
    BOOST_TEST(merged->exit_code == whole.exit_code);
    BOOST_TEST(merged->shard.empty());
    BOOST_TEST(!merged->interrupted);
    BOOST_REQUIRE(merged->scenarios.size() == whole.scenarios.size());
    for (size_t i = 0; i < whole.scenarios.size(); ++i) {
      const ScenarioReport& w = whole.scenarios[i];
      const ScenarioReport& m = merged->scenarios[i];
      BOOST_TEST((m.verdict == w.verdict), w.name);
      BOOST_TEST(m.verdict_reason == w.verdict_reason);
      BOOST_REQUIRE(m.models.size() == w.models.size());
      for (size_t j = 0; j < w.models.size(); ++j) {
        CheckSameModel(w.models[j], m.models[j],
                       std::to_string(parts) + " parts: " + w.name + " " + w.models[j].model);
      }
    }
  }
}

// One part of a run of one scenario whose one model found one group.
ShardReport HandMadePart(size_t k, size_t n, reports::ViolationGroup group) {
  ModelResult model{.model = "posix", .expected = {.result = "consistent"}};
  model.exploration.options.max_states = 100;
  model.exploration.outcome = reports::ExploreReport::Outcome::kViolation;
  model.exploration.stats = {.crash_points = 9,
                             .generated = 50,
                             .unique = 30,
                             .checked = 10,
                             .violating = group.violations};
  for (const size_t point : group.crash_points) {
    model.crash_points.push_back({.index = point, .checked = 2, .violating = 1});
  }
  model.groups = {std::move(group)};
  ScenarioReport scenario{.name = "s", .file = "s.toml"};
  scenario.models = {std::move(model)};
  RunReport report{.powercut_version = "0.1.0",
                   .started = "2024-06-01T12:0" + std::to_string(k) + ":00Z",
                   .shard = Shard{k, n}.Name(),
                   .scenarios = {std::move(scenario)}};
  return {.file = "part" + std::to_string(k), .report = std::move(report)};
}

reports::ViolationGroup Group(const std::string& state, size_t point, int deviations,
                              const std::vector<size_t>& found_at) {
  return {.key = "torn write|w",
          .classification = "torn write",
          .checker_reason = "reason at " + state,
          .minimal_state_id = state,
          .minimal_crash_point = point,
          .minimal_deviations = deviations,
          .violations = found_at.size(),
          .crash_points = found_at};
}

BOOST_AUTO_TEST_CASE(a_group_of_several_shards_has_the_representative_the_reducer_picks) {
  // The reducer keeps the reduction with the fewest deviations, then the earliest crash point,
  // then the smallest ID (faultfs/reduce/group.h), whichever shard found it.
  for (const auto& [a, b, kept] :
       std::vector<std::tuple<reports::ViolationGroup, reports::ViolationGroup, std::string>>{
           {Group("c7+e2", 7, 1, {7, 8}), Group("c8", 8, 0, {9}), "c8"},
           {Group("c8", 8, 0, {9}), Group("c7", 7, 0, {7, 8}), "c7"},
           {Group("c7+e3", 7, 1, {7}), Group("c7+e2", 7, 1, {8}), "c7+e2"}}) {
    const Result<RunReport> merged = MergeShards({HandMadePart(1, 2, b), HandMadePart(0, 2, a)});
    BOOST_REQUIRE_MESSAGE(merged.ok(), merged.status().ToString());
    const ModelResult& m = merged->scenarios.at(0).models.at(0);
    BOOST_REQUIRE(m.groups.size() == 1u);
    BOOST_TEST(m.groups[0].minimal_state_id == kept);
    BOOST_TEST(m.groups[0].checker_reason == "reason at " + kept);
    BOOST_TEST(m.groups[0].violations == a.violations + b.violations);
    BOOST_TEST(m.exploration.stats.checked == 20u);
    BOOST_TEST(merged->started == "2024-06-01T12:00:00Z");
    BOOST_TEST(!m.met);
    BOOST_TEST(m.verdict == "expected no violation, found " +
                                std::to_string(a.violations + b.violations) +
                                " violating states in 1 group: torn write: reason at " + kept);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
