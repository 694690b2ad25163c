#include "faultfs/reduce/minimizer.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "faultfs/reduce/pending_pieces.h"
#include "faultfs/reduce/reduce_test_util.h"

namespace powercut::reduce {
namespace {

using crash::CrashState;
using crash::CrashStateGenerator;
using crash::GeneratorOptions;
using crash::Model;
using testing::CountingOracle;

// An arbitrary but deterministic checker: a state violates when its tree hashes to 0 mod 3.
// Minimality must hold for any deterministic oracle, so this one has no structure to exploit.
Judgement ArbitraryJudge(const FsImage& image, const std::vector<std::string>&) {
  if (image.ContentHash() % 3 == 0) return Judgement::Violation("hash");
  return Judgement::Consistent();
}

// The first `limit` violating states the generator gives.
std::vector<std::pair<CrashState, Judgement>> Violations(const CrashStateGenerator& generator,
                                                          CountingOracle& oracle, size_t limit) {
  std::vector<std::pair<CrashState, Judgement>> found;
  CrashStateGenerator copy(generator.timeline().trace(), generator.options());
  copy.Run([&](const CrashState& state, const FsImage& image) {
    Judgement judgement = oracle.judge(image, copy.OutputBefore(state.crash_point));
    if (judgement.violates()) found.emplace_back(state, std::move(judgement));
    return found.size() < limit;
  });
  return found;
}

// Checks what Minimize promises about `result`, by asking the oracle directly.
void CheckOneMinimal(const CrashStateGenerator& generator, CountingOracle& oracle,
                     const MinimalState& result, const std::string& context) {
  auto again = generator.Materialize(result.state.id);
  BOOST_REQUIRE_MESSAGE(again.ok(), context << ": " << again.status().ToString());
  const std::vector<std::string> output = generator.OutputBefore(result.state.crash_point);
  BOOST_TEST(oracle.judge(again->second, output).violates(), context);
  const PendingPieces pieces(generator, result.state.crash_point);
  const Selection selection = pieces.FromState(result.state);
  BOOST_TEST(pieces.Deviations(selection) == result.deviations, context);
  std::vector<std::vector<size_t>> removals;  // each event, each run, each end of a run
  for (size_t slot = 0; slot < pieces.events().size(); ++slot) {
    const crash::PieceRuns runs = pieces.RunsOf(selection, slot);
    std::vector<size_t> whole;
    const size_t first = pieces.first_piece(slot);
    for (const auto& [begin, end] : runs) {
      std::vector<size_t> run;
      for (uint32_t p = begin; p < end; ++p) run.push_back(first + p);
      whole.insert(whole.end(), run.begin(), run.end());
      if (runs.size() > 1) removals.push_back(run);
      if (pieces.piece_count(slot) > 1) {
        removals.push_back({first + begin});
        removals.push_back({first + end - 1});
      }
    }
    if (!whole.empty()) removals.push_back(whole);
  }
  for (const std::vector<size_t>& removed : removals) {
    const Selection smaller = pieces.Without(selection, removed);
    auto state = generator.Materialize(pieces.IdOf(smaller));
    BOOST_REQUIRE(state.ok());
    BOOST_TEST(!oracle.judge(state->second, output).violates(),
               context << ": " << state->first.id << " still violates");
  }
}

BOOST_AUTO_TEST_SUITE(minimizer)

BOOST_AUTO_TEST_CASE(results_are_one_minimal_allowed_and_still_violating_in_every_model) {
  const uint64_t base_seed = std::random_device{}();
  BOOST_TEST_MESSAGE("base seed " << base_seed);
  size_t reduced = 0;
  size_t removed = 0;
  for (uint64_t round = 0; round < 8; ++round) {
    const uint64_t seed = base_seed + round;
    const trace::Trace trace = testing::RandomWorkload(seed, 16);
    for (const Model model : crash::AllModels()) {
      const CrashStateGenerator generator(
          trace, GeneratorOptions{.model = model, .sector_bytes = 4, .max_deviations = 3});
      CountingOracle oracle{ArbitraryJudge};
      for (const auto& [state, judgement] : Violations(generator, oracle, 12)) {
        const std::string context = "seed " + std::to_string(seed) + ", " +
                                    std::string(crash::ModelName(model)) + ", " + state.id;
        const Oracle as_oracle = oracle.AsOracle();
        OracleSession session(generator, as_oracle, 10000);
        auto result = Minimize(session, state, judgement);
        BOOST_REQUIRE_MESSAGE(result.ok(), context << ": " << result.status().ToString());
        BOOST_TEST(result->one_minimal, context);
        BOOST_TEST(!session.exhausted(), context);
        BOOST_TEST(result->original_id == state.id);
        const PendingPieces before(generator, state.crash_point);
        BOOST_TEST(result->deviations <= before.Deviations(before.FromState(state)), context);
        if (result->deviations > 0) BOOST_TEST(result->state.crash_point == state.crash_point);
        CheckOneMinimal(generator, oracle, *result, context);
        ++reduced;
        removed += before.Deviations(before.FromState(state)) - result->deviations;
      }
    }
  }
  BOOST_TEST_MESSAGE(reduced << " violations reduced, " << removed << " deviations removed");
  BOOST_TEST(reduced > 50u);
  BOOST_TEST(removed > 0u);
}

BOOST_AUTO_TEST_CASE(the_budget_bounds_the_oracle_calls_and_is_reported) {
  const trace::Trace trace = testing::RandomWorkload(17, 24);
  const CrashStateGenerator generator(
      trace, GeneratorOptions{.sector_bytes = 4, .max_deviations = 3});
  CountingOracle oracle{ArbitraryJudge};
  size_t exhausted = 0;
  for (const auto& [state, judgement] : Violations(generator, oracle, 40)) {
    for (const size_t budget : {0, 1, 2, 5}) {
      oracle.calls = 0;
      const Oracle as_oracle = oracle.AsOracle();
      OracleSession session(generator, as_oracle, budget);
      auto result = Minimize(session, state, judgement);
      BOOST_REQUIRE(result.ok());
      BOOST_TEST(oracle.calls <= budget);
      BOOST_TEST(session.calls() == oracle.calls);
      if (session.exhausted()) {  // what was not finished is not claimed
        ++exhausted;
        if (result->deviations > 0) BOOST_TEST(!result->one_minimal);
        if (result->deviations == 0) BOOST_TEST(!(result->one_minimal && result->earliest_searched));
      }
      // Whatever the budget, the result is a state the model allows that violates.
      auto again = generator.Materialize(result->state.id);
      BOOST_REQUIRE(again.ok());
      BOOST_TEST(ArbitraryJudge(again->second, {}).violates(), state.id << " budget " << budget);
    }
  }
  BOOST_TEST(exhausted > 0u);
}

BOOST_AUTO_TEST_CASE(a_violating_drop_unsynced_state_costs_one_call) {
  SimFileSystem fs;
  auto log = fs.Open("log", OpenMode::kCreate);
  testing::Check((*log)->WriteAt(0, testing::Bytes("record 1")));
  fs.output().Line("ack 1");
  testing::Check((*log)->WriteAt(8, testing::Bytes("record 2")));
  const trace::Trace trace = fs.trace();
  const CrashStateGenerator generator(trace, GeneratorOptions{});
  CountingOracle oracle{[](const FsImage& image, const std::vector<std::string>& output) {
    const std::optional<std::string> contents = testing::FileAt(image, "log");
    if (testing::Printed(output, "ack 1") && (!contents || !contents->starts_with("record 1"))) {
      return Judgement::Violation("acknowledged record 1 missing");
    }
    return Judgement::Consistent();
  }};
  auto full = generator.Materialize("c4+e0+e1+e3");
  BOOST_REQUIRE(full.ok());
  const Judgement judgement = Judgement::Violation("given");  // as if the full state violated
  const Oracle as_oracle = oracle.AsOracle();
  OracleSession session(generator, as_oracle, 100);
  auto result = Minimize(session, full->first, judgement, {.earliest_crash_point = false});
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(oracle.calls == 1u);
  BOOST_TEST(result->state.id == "c4");
  BOOST_TEST(result->deviations == 0);
  BOOST_TEST(result->one_minimal);
  BOOST_TEST(result->judgement.reason == "acknowledged record 1 missing");
}

BOOST_AUTO_TEST_CASE(zero_deviations_move_to_the_crash_point_right_after_the_broken_promise) {
  SimFileSystem fs;
  auto log = fs.Open("log", OpenMode::kCreate);  // #0
  testing::Check((*log)->Sync());                // #1
  testing::Check(fs.SyncDir("."));               // #2
  for (uint64_t i = 1; i <= 20; ++i) {           // #3 + 2(i-1): write, #4 + 2(i-1): output
    testing::Check((*log)->WriteAt(8 * (i - 1), testing::Bytes("record " + std::to_string(i % 10))));
    fs.output().Line("ack " + std::to_string(i));
  }
  const trace::Trace trace = fs.trace();
  const CrashStateGenerator generator(trace, GeneratorOptions{});
  CountingOracle oracle{[](const FsImage& image, const std::vector<std::string>& output) {
    const std::string contents = testing::FileAt(image, "log").value_or("");
    if (testing::Printed(output, "ack 7") && contents.size() < 56) {
      return Judgement::Violation("acknowledged record 7 missing");
    }
    return Judgement::Consistent();
  }};
  const Oracle as_oracle = oracle.AsOracle();
  OracleSession session(generator, as_oracle, 100);
  auto end = generator.Materialize("c" + std::to_string(trace.events.size()));
  BOOST_REQUIRE(end.ok());
  auto result = Minimize(session, end->first, Judgement::Violation("acknowledged record 7 missing"));
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result->earliest_searched);
  BOOST_REQUIRE(result->breaking_event.has_value());
  BOOST_TEST(trace.events[*result->breaking_event].data == "ack 7");
  BOOST_TEST(result->state.crash_point == *result->breaking_event + 1);
  BOOST_TEST(result->original_crash_point == trace.events.size());
  BOOST_TEST(oracle.calls <= 6u);  // bisection over 21 points
}

BOOST_AUTO_TEST_CASE(the_same_input_gives_the_same_result) {
  const trace::Trace trace = testing::RandomWorkload(23, 16);
  const CrashStateGenerator generator(
      trace, GeneratorOptions{.model = Model::kExt4Ordered, .sector_bytes = 4, .max_deviations = 3});
  CountingOracle oracle{ArbitraryJudge};
  for (const auto& [state, judgement] : Violations(generator, oracle, 10)) {
    const Oracle as_oracle = oracle.AsOracle();
    OracleSession first(generator, as_oracle, 1000);
    OracleSession second(generator, as_oracle, 1000);
    auto a = Minimize(first, state, judgement);
    auto b = Minimize(second, state, judgement);
    BOOST_REQUIRE(a.ok());
    BOOST_REQUIRE(b.ok());
    BOOST_TEST(a->state.id == b->state.id);
    BOOST_TEST(first.calls() == second.calls());
  }
}

BOOST_AUTO_TEST_CASE(an_oracle_error_stops_the_reduction_with_that_error) {
  const trace::Trace trace = testing::RandomWorkload(29, 16);
  const CrashStateGenerator generator(trace, GeneratorOptions{.sector_bytes = 4});
  CountingOracle oracle{ArbitraryJudge};
  const auto violations = Violations(generator, oracle, 1);
  BOOST_REQUIRE(!violations.empty());
  const Oracle failing = [](const CrashState&, const FsImage&,
                            const std::vector<std::string>&) -> Result<Judgement> {
    return Status::FailedPrecondition("checker could not run");
  };
  OracleSession session(generator, failing, 100);
  auto result = Minimize(session, violations[0].first, violations[0].second);
  BOOST_TEST(result.status().message() == "checker could not run");
}

BOOST_AUTO_TEST_CASE(a_state_the_generator_does_not_allow_or_a_consistent_one_is_refused) {
  const trace::Trace trace = testing::RandomWorkload(31, 8);
  const CrashStateGenerator generator(trace, GeneratorOptions{.model = Model::kDropUnsynced});
  CountingOracle oracle{ArbitraryJudge};
  const Oracle as_oracle = oracle.AsOracle();
  OracleSession session(generator, as_oracle, 100);
  CrashState foreign;
  foreign.id = "c999+e1";
  auto result = Minimize(session, foreign, Judgement::Violation("x"));
  BOOST_TEST(result.status().IsInvalidArgument());
  BOOST_TEST(result.status().message().find("c999+e1") != std::string::npos);
  auto initial = generator.Materialize("c" + std::to_string(trace.first_crash_point));
  BOOST_REQUIRE(initial.ok());
  BOOST_TEST(Minimize(session, initial->first, Judgement::Consistent()).status().IsInvalidArgument());
  BOOST_TEST(oracle.calls == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reduce
