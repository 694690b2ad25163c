#include "harness/shard_merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "harness/exit_codes.h"
#include "harness/expectation.h"
#include "harness/scenario_loader.h"
#include "harness/scenario_runner.h"
#include "harness/shard.h"

namespace powercut::harness {
namespace {

using reports::ExploreReport;
using reports::ModelResult;
using reports::RunReport;
using reports::ScenarioReport;
using reports::ViolationGroup;

Status Mismatch(const ShardReport& a, const ShardReport& b, const std::string& what) {
  return Status::InvalidArgument(a.file + " and " + b.file + " differ in " + what +
                                 ": they are not shards of one run (run every shard with the "
                                 "same powercut, scenario files and options)");
}

// The shards, ordered by K; every K of one N exactly once.
Result<std::vector<const ShardReport*>> OrderShards(const std::vector<ShardReport>& shards) {
  if (shards.empty()) return Status::InvalidArgument("no report to merge");
  std::vector<const ShardReport*> by_index;
  size_t count = 0;
  for (const ShardReport& s : shards) {
    if (s.report.shard.empty()) {
      return Status::InvalidArgument(s.file +
                                     " is not the report of a shard (it has no "
                                     "options.shard): merge the --json reports of "
                                     "`powercut run --shard K/N`");
    }
    Result<Shard> shard = ParseShard(s.report.shard);
    if (!shard.ok()) return shard.status().WithContext(s.file + ": options.shard");
    if (count == 0) {
      count = shard->count;
      by_index.assign(count, nullptr);
    }
    if (shard->count != count) {
      return Status::InvalidArgument(s.file + " is shard " + s.report.shard + " but " +
                                     shards.front().file + " is of " + std::to_string(count) +
                                     " shards: merge the shards of one run");
    }
    const ShardReport*& slot = by_index[shard->index];
    if (slot != nullptr) {
      return Status::InvalidArgument("shard " + s.report.shard + " is given twice: " + slot->file +
                                     " and " + s.file);
    }
    slot = &s;
  }
  std::string missing;
  for (size_t i = 0; i < count; ++i) {
    if (by_index[i] == nullptr) {
      missing +=
          (missing.empty() ? "" : ", ") + std::to_string(i + 1) + "/" + std::to_string(count);
    }
  }
  if (!missing.empty()) {
    return Status::InvalidArgument("missing shard " + missing +
                                   ": the merge needs every part of the run");
  }
  return by_index;
}

auto OptionsOf(const ExploreReport::Options& o) {
  return std::tie(o.model, o.sector_bytes, o.crash_points, o.strategy, o.max_deviations, o.samples,
                  o.seed, o.max_states);
}

// A scenario skipped, or cut short before its models, in one shard is so in the whole run.
bool TakeAsIs(const ScenarioReport& s) {
  return s.verdict == ScenarioReport::Verdict::kSkipped ||
         (s.verdict == ScenarioReport::Verdict::kError && s.models.empty());
}

// What must be equal for two shards to be parts of one run.
Status CheckSameRun(const ShardReport& a, const ShardReport& b) {
  const RunReport& x = a.report;
  const RunReport& y = b.report;
  if (x.powercut_version != y.powercut_version) return Mismatch(a, b, "powercut_version");
  if (x.seed_override != y.seed_override) return Mismatch(a, b, "options.seed");
  if (x.model_override != y.model_override) return Mismatch(a, b, "options.model");
  // An interrupted shard holds the scenarios it reached.
  const bool partial = x.interrupted || y.interrupted;
  if (x.scenarios.size() != y.scenarios.size() && !partial) {
    return Mismatch(a, b, "their scenarios");
  }
  for (size_t i = 0; i < std::min(x.scenarios.size(), y.scenarios.size()); ++i) {
    const ScenarioReport& s = x.scenarios[i];
    const ScenarioReport& t = y.scenarios[i];
    const std::string where = "scenarios[" + std::to_string(i) + "]";
    if (s.name != t.name || s.file != t.file) return Mismatch(a, b, where + " (name or file)");
    if (s.models.size() != t.models.size() && !partial && !TakeAsIs(s) && !TakeAsIs(t)) {
      return Mismatch(a, b, where + ".models");
    }
    for (size_t m = 0; m < std::min(s.models.size(), t.models.size()); ++m) {
      const ModelResult& p = s.models[m];
      const ModelResult& q = t.models[m];
      const std::string model = where + ".models[" + std::to_string(m) + "]";
      if (p.model != q.model || p.expected.result != q.expected.result ||
          p.expected.message != q.expected.message ||
          p.expected.classification != q.expected.classification) {
        return Mismatch(a, b, model + " (model or expectation)");
      }
      if (OptionsOf(p.exploration.options) != OptionsOf(q.exploration.options)) {
        return Mismatch(a, b, model + ".exploration.options");
      }
      const auto& ps = p.exploration.stats;
      const auto& qs = q.exploration.stats;
      const bool complete = p.exploration.outcome != ExploreReport::Outcome::kInterrupted &&
                            p.exploration.outcome != ExploreReport::Outcome::kError &&
                            q.exploration.outcome != ExploreReport::Outcome::kInterrupted &&
                            q.exploration.outcome != ExploreReport::Outcome::kError;
      if (complete && std::tie(ps.crash_points, ps.generated, ps.unique, ps.capped) !=
                          std::tie(qs.crash_points, qs.generated, qs.unique, qs.capped)) {
        return Mismatch(a, b,
                        model +
                            ".exploration.stats (the states generated: the workload "
                            "recorded different operations on the two machines)");
      }
    }
  }
  return Status::Ok();
}

void MergeGroup(ViolationGroup& into, const ViolationGroup& g) {
  const auto rank = [](const ViolationGroup& v) {
    return std::tie(v.minimal_deviations, v.minimal_crash_point, v.minimal_state_id);
  };
  const size_t violations = into.violations + g.violations;
  std::set<size_t> points(into.crash_points.begin(), into.crash_points.end());
  points.insert(g.crash_points.begin(), g.crash_points.end());
  if (rank(g) < rank(into)) into = g;  // the representative, as faultfs/reduce/group.cc picks it
  into.violations = violations;
  into.crash_points.assign(points.begin(), points.end());
}

// The outcome of the whole exploration from its parts': an error or interruption in one is the
// whole's (with its message).
void MergeOutcome(ExploreReport& into, const ExploreReport& part) {
  using Outcome = ExploreReport::Outcome;
  if (into.outcome == Outcome::kError) return;
  if (part.outcome == Outcome::kError || part.outcome == Outcome::kInterrupted) {
    into.outcome = part.outcome;
    into.error = part.error;
    into.interruption = part.interruption;
  }
}

void MergeModel(ModelResult& into, const ModelResult& part) {
  ExploreReport& e = into.exploration;
  MergeOutcome(e, part.exploration);
  const ExploreReport::Stats& s = part.exploration.stats;
  e.stats.checked += s.checked;
  e.stats.violating += s.violating;
  e.stats.seconds = std::max(e.stats.seconds, s.seconds);
  e.stats.reduce_seconds = std::max(e.stats.reduce_seconds, s.reduce_seconds);
  e.not_reduced += part.exploration.not_reduced;
  e.violations.insert(e.violations.end(), part.exploration.violations.begin(),
                      part.exploration.violations.end());
  std::map<size_t, reports::CrashPointSummary> points;
  using Points = std::vector<reports::CrashPointSummary>;
  for (const Points* list : {static_cast<const Points*>(&into.crash_points), &part.crash_points}) {
    for (const reports::CrashPointSummary& p : *list) {
      reports::CrashPointSummary& sum = points[p.index];
      sum.index = p.index;
      sum.checked += p.checked;
      sum.violating += p.violating;
    }
  }
  into.crash_points.clear();
  for (const auto& [index, p] : points) into.crash_points.push_back(p);
  for (const std::string& key : part.matching_groups) {
    if (std::find(into.matching_groups.begin(), into.matching_groups.end(), key) ==
        into.matching_groups.end()) {
      into.matching_groups.push_back(key);
    }
  }
  for (const ViolationGroup& g : part.groups) {
    auto same = std::find_if(into.groups.begin(), into.groups.end(),
                             [&](const ViolationGroup& h) { return h.key == g.key; });
    if (same == into.groups.end()) {
      into.groups.push_back(g);
    } else {
      MergeGroup(*same, g);
    }
  }
}

// Sorts what the parts gave in pieces, and judges the merged model as the run judges one.
void FinishModel(ModelResult& m) {
  ExploreReport& e = m.exploration;
  std::stable_sort(e.violations.begin(), e.violations.end(),
                   [](const auto& a, const auto& b) { return a.crash_point < b.crash_point; });
  if (e.violations.size() > 100) e.violations.resize(100);
  std::stable_sort(m.groups.begin(), m.groups.end(), [](const auto& a, const auto& b) {
    return std::tie(a.minimal_crash_point, a.key) < std::tie(b.minimal_crash_point, b.key);
  });
  using Outcome = ExploreReport::Outcome;
  if (e.outcome == Outcome::kConsistent || e.outcome == Outcome::kViolation) {
    e.outcome = e.stats.violating > 0 ? Outcome::kViolation : Outcome::kConsistent;
  }
  ScenarioExpectation expected;
  expected.result = m.expected.result == "violation" ? ScenarioExpectation::Result::kViolation
                                                     : ScenarioExpectation::Result::kConsistent;
  expected.message = m.expected.message;
  if (!m.expected.classification.empty()) {
    expected.classification = ParseClassName(m.expected.classification);
  }
  // A group meets the expectation when it did in a shard (the reasons it was matched against
  // are not in the report); the matching keys in the merged group order.
  std::vector<bool> matches;
  std::vector<std::string> keys;
  for (const ViolationGroup& g : m.groups) {
    matches.push_back(std::find(m.matching_groups.begin(), m.matching_groups.end(), g.key) !=
                      m.matching_groups.end());
    if (matches.back()) keys.push_back(g.key);
  }
  m.matching_groups = std::move(keys);
  const bool complete = e.outcome == Outcome::kConsistent || e.outcome == Outcome::kViolation;
  const ExpectationVerdict verdict = JudgeModel(expected, {.checked = e.stats.checked,
                                                           .violating = e.stats.violating,
                                                           .complete = complete,
                                                           .capped = e.stats.capped,
                                                           .max_states = e.options.max_states,
                                                           .groups = &m.groups,
                                                           .group_matches = &matches});
  m.met = verdict.met;
  m.verdict = e.outcome == Outcome::kError ? "error: " + e.error : verdict.verdict;
}

Result<ScenarioReport> MergeScenario(const std::vector<const ShardReport*>& shards, size_t i) {
  ScenarioReport merged = shards.front()->report.scenarios[i];
  bool stopped = false;
  for (const ShardReport* shard : shards) {
    const ScenarioReport& part = shard->report.scenarios[i];
    if (TakeAsIs(part)) {
      const bool skipped = part.verdict == ScenarioReport::Verdict::kSkipped;
      if (skipped && !TakeAsIs(merged)) {
        return Status::InvalidArgument(shard->file + ": scenario " + part.name +
                                       " was skipped in this shard (" + part.verdict_reason +
                                       ") but run in " + shards.front()->file +
                                       ": install what it needs on every machine");
      }
      return part;
    }
    stopped = stopped || shard->report.interrupted;
    merged.seconds = std::max(merged.seconds, part.seconds);
    if (shard == shards.front()) continue;
    for (size_t m = 0; m < std::min(merged.models.size(), part.models.size()); ++m) {
      MergeModel(merged.models[m], part.models[m]);
    }
    merged.models.resize(std::min(merged.models.size(), part.models.size()));
  }
  for (ModelResult& m : merged.models) FinishModel(m);
  JudgeScenario(merged, stopped);
  return merged;
}

}  // namespace

Result<RunReport> MergeShards(const std::vector<ShardReport>& shards) {
  POWERCUT_ASSIGN_OR_RETURN(const std::vector<const ShardReport*> ordered, OrderShards(shards));
  for (const ShardReport* s : ordered) POWERCUT_RETURN_IF_ERROR(CheckSameRun(*ordered[0], *s));
  RunReport merged = ordered.front()->report;
  merged.shard.clear();
  merged.scenarios.clear();
  int signal = 0;
  for (const ShardReport* s : ordered) {
    merged.started = std::min(merged.started, s->report.started);
    if (s->report.interrupted) {
      merged.interrupted = true;
      if (s->report.exit_code > kExitSignalBase) signal = s->report.exit_code - kExitSignalBase;
    }
  }
  size_t scenarios = ordered.front()->report.scenarios.size();
  for (const ShardReport* s : ordered) scenarios = std::min(scenarios, s->report.scenarios.size());
  for (size_t i = 0; i < scenarios; ++i) {
    POWERCUT_ASSIGN_OR_RETURN(ScenarioReport scenario, MergeScenario(ordered, i));
    merged.scenarios.push_back(std::move(scenario));
  }
  merged.exit_code = RunExitCode(merged, signal);
  return merged;
}

}  // namespace powercut::harness
