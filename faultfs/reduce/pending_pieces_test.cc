#include "faultfs/reduce/pending_pieces.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "faultfs/reduce/reduce_test_util.h"

namespace powercut::reduce {
namespace {

using crash::CrashStateGenerator;
using crash::GeneratorOptions;
using crash::Model;

constexpr size_t kMaxEnumerated = 10;  // pending pieces: 1024 subsets per crash point

Selection FromMask(uint64_t mask, size_t size) {
  Selection selection(size);
  for (size_t i = 0; i < size; ++i) selection[i] = ((mask >> i) & 1) != 0;
  return selection;
}

bool IsSubset(const Selection& a, const Selection& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] && !b[i]) return false;
  }
  return true;
}

BOOST_AUTO_TEST_SUITE(pending_pieces)

// The requirements are the model: a subset of the pending pieces is closed under them exactly
// when Materialize accepts the state it names.
BOOST_AUTO_TEST_CASE(closed_selections_are_exactly_the_states_the_model_allows) {
  const uint64_t base_seed = std::random_device{}();
  BOOST_TEST_MESSAGE("base seed " << base_seed);
  size_t compared = 0;
  size_t allowed = 0;
  for (uint64_t round = 0; round < 8; ++round) {
    const uint64_t seed = base_seed + round;
    const trace::Trace trace = testing::RandomWorkload(seed, 12);
    for (const Model model : crash::AllModels()) {
      const CrashStateGenerator generator(trace, GeneratorOptions{.model = model, .sector_bytes = 4});
      for (const size_t c : generator.crash_points()) {
        const PendingPieces pieces(generator, c);
        if (pieces.size() > kMaxEnumerated) continue;
        for (uint64_t mask = 0; mask < (uint64_t{1} << pieces.size()); ++mask) {
          const Selection selection = FromMask(mask, pieces.size());
          const std::string id = pieces.IdOf(selection);
          const bool materialized = generator.Materialize(id).ok();
          BOOST_TEST(pieces.IsAllowed(selection) == materialized,
                     "seed " << seed << ", " << crash::ModelName(model) << ", " << id);
          ++compared;
          allowed += materialized ? 1 : 0;
        }
      }
    }
  }
  BOOST_TEST_MESSAGE(compared << " selections compared, " << allowed << " allowed");
  BOOST_TEST(allowed > 1000u);
  BOOST_TEST(compared > allowed);  // some were refused, so the rules were exercised
}

// Without() gives the largest allowed state inside (selection minus removed), With() the
// smallest allowed state holding both: checked against every allowed subset.
BOOST_AUTO_TEST_CASE(removing_and_adding_give_the_largest_and_smallest_allowed_states) {
  const uint64_t seed = std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed);
  std::mt19937_64 rng(seed);
  size_t checked = 0;
  for (uint64_t round = 0; round < 6; ++round) {
    const trace::Trace trace = testing::RandomWorkload(seed + round, 12);
    for (const Model model : {Model::kPosix, Model::kExt4Ordered, Model::kPrefix}) {
      const CrashStateGenerator generator(trace, GeneratorOptions{.model = model, .sector_bytes = 4});
      for (const size_t c : generator.crash_points()) {
        const PendingPieces pieces(generator, c);
        if (pieces.size() == 0 || pieces.size() > 10) continue;
        std::vector<Selection> allowed;
        for (uint64_t mask = 0; mask < (uint64_t{1} << pieces.size()); ++mask) {
          Selection s = FromMask(mask, pieces.size());
          if (pieces.IsAllowed(s)) allowed.push_back(std::move(s));
        }
        const Selection& from = allowed[rng() % allowed.size()];
        const size_t piece = rng() % pieces.size();
        const Selection without = pieces.Without(from, {piece});
        const std::optional<Selection> with = pieces.With(from, {piece});
        BOOST_REQUIRE(with.has_value());
        BOOST_TEST(pieces.IsAllowed(without));
        BOOST_TEST(pieces.IsAllowed(*with));
        BOOST_TEST(!without[piece]);
        BOOST_TEST((*with)[piece]);
        for (const Selection& s : allowed) {
          Selection minus = from;
          minus[piece] = false;
          if (IsSubset(s, minus)) BOOST_TEST(IsSubset(s, without), "seed " << seed);
          if (IsSubset(from, s) && s[piece]) BOOST_TEST(IsSubset(*with, s), "seed " << seed);
        }
        ++checked;
      }
    }
  }
  BOOST_TEST(checked > 20u);
}

BOOST_AUTO_TEST_CASE(drop_unsynced_allows_nothing_pending) {
  const trace::Trace trace = testing::RandomWorkload(3, 12);
  const CrashStateGenerator generator(trace, GeneratorOptions{.model = Model::kDropUnsynced});
  const PendingPieces pieces(generator, trace.events.size());
  BOOST_REQUIRE(pieces.size() > 0u);
  BOOST_TEST(pieces.IsAllowed(pieces.None()));
  BOOST_TEST(!pieces.With(pieces.None(), {0}).has_value());
  Selection one = pieces.None();
  one[0] = true;
  BOOST_TEST(!pieces.IsAllowed(one));
}

BOOST_AUTO_TEST_CASE(deviations_count_whole_events_once_and_torn_ones_by_runs) {
  SimFileSystem fs;
  auto file = fs.Open("f", OpenMode::kCreate);  // #0 create
  testing::Check((*file)->WriteAt(0, testing::Bytes("0123456789ab")));  // #1: size + 3 pieces
  const trace::Trace trace = fs.trace();
  const CrashStateGenerator generator(trace, GeneratorOptions{.sector_bytes = 4});
  const PendingPieces pieces(generator, 2);
  BOOST_REQUIRE(pieces.size() == 5u);
  BOOST_TEST(pieces.Deviations(pieces.None()) == 0);
  BOOST_TEST(pieces.Deviations(Selection{true, true, true, true, true}) == 2);
  BOOST_TEST(pieces.Deviations(Selection{false, true, false, true, false}) == 2);  // two runs
  BOOST_TEST(pieces.IdOf(Selection{false, true, false, true, false}) == "c2+e1:0,2");
  BOOST_TEST(pieces.IdOf(Selection{true, true, true, true, true}) == "c2+e0+e1");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reduce
