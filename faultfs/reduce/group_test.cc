#include "faultfs/reduce/group.h"

#include <algorithm>
#include <random>

#include <boost/test/unit_test.hpp>

#include "faultfs/reduce/bugs_test_util.h"

namespace powercut::reduce {
namespace {

using testing::ExploreAndReduce;
using testing::Explored;

void Show(const Explored& explored) {
  BOOST_TEST_MESSAGE(explored.violations << " violations, " << explored.groups.size()
                                         << " groups, " << explored.oracle_calls
                                         << " oracle calls to reduce them all");
  for (const Group& g : explored.groups) {
    BOOST_TEST_MESSAGE("  x" << g.count << " at " << g.crash_points.size() << " crash points: "
                             << g.key << "\n    " << g.representative.explanation.summary);
  }
}

BOOST_AUTO_TEST_SUITE(group)

BOOST_AUTO_TEST_CASE(one_forgotten_fsync_at_every_later_crash_point_is_one_group) {
  const Explored explored = ExploreAndReduce(testing::AckBeforeFsync(9), {});
  Show(explored);
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 1u);
  const Group& g = explored.groups.front();
  BOOST_TEST(g.count == explored.violations);
  BOOST_TEST(explored.violations > 100u);
  std::set<size_t> points;  // where the violations were found
  for (const Reduction& r : explored.reductions) points.insert(r.minimal.original_crash_point);
  BOOST_TEST(g.crash_points == std::vector<size_t>(points.begin(), points.end()));
  BOOST_TEST(g.crash_points.size() >= 9u);  // after each of the 9 promises
  BOOST_TEST(g.representative.minimal.state.id == "c3");
  // One session for the whole trace: the violations share their states.
  BOOST_TEST(explored.oracle_calls < explored.violations);
}

BOOST_AUTO_TEST_CASE(every_tear_of_one_write_is_one_group) {
  const Explored explored = ExploreAndReduce(testing::OverwriteInPlace(4), {.max_deviations = 4});
  Show(explored);
  BOOST_TEST(explored.violations >= 14u);  // the 2^4 - 2 mixes of old and new sectors
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 1u);
  BOOST_TEST((explored.groups.front().kind == ViolationClass::kTornWrite));
  BOOST_TEST(explored.groups.front().representative.minimal.deviations == 1);
}

BOOST_AUTO_TEST_CASE(the_same_bug_in_every_iteration_of_a_loop_is_one_group) {
  const Explored explored = ExploreAndReduce(testing::SavesSyncedTooLate(3), {});
  Show(explored);
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 1u);
  BOOST_TEST((explored.groups.front().kind == ViolationClass::kNonAtomicUpdate));
  std::set<size_t> renames;  // the iterations whose rename was blamed: f1, f2, f3
  for (const Reduction& r : explored.reductions) {
    if (r.cause.anchor) renames.insert(*r.cause.anchor);
  }
  BOOST_TEST(renames.size() == 3u);
}

BOOST_AUTO_TEST_CASE(two_different_bugs_are_two_groups) {
  const Explored explored = ExploreAndReduce(testing::TornAndRename(), {});
  Show(explored);
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 2u);
  std::set<ViolationClass> kinds;
  for (const Group& g : explored.groups) kinds.insert(g.kind);
  BOOST_TEST((kinds == std::set<ViolationClass>{ViolationClass::kTornWrite,
                                                 ViolationClass::kNonAtomicUpdate}));
  size_t counted = 0;
  for (const Group& g : explored.groups) counted += g.count;
  BOOST_TEST(counted == explored.violations);
}

BOOST_AUTO_TEST_CASE(groups_do_not_depend_on_the_order_violations_arrive_in) {
  const uint64_t seed = std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed);
  const Explored explored = ExploreAndReduce(testing::TornAndRename(), {});
  std::vector<Reduction> shuffled = explored.reductions;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(seed));
  Grouper grouper;
  for (Reduction& r : shuffled) grouper.Add(std::move(r));
  const std::vector<Group> again = grouper.Groups();
  BOOST_REQUIRE_EQUAL(again.size(), explored.groups.size());
  for (size_t i = 0; i < again.size(); ++i) {
    BOOST_TEST(again[i].key == explored.groups[i].key, "seed " << seed);
    BOOST_TEST(again[i].count == explored.groups[i].count);
    BOOST_TEST(again[i].crash_points == explored.groups[i].crash_points);
    BOOST_TEST(again[i].representative.minimal.state.id ==
               explored.groups[i].representative.minimal.state.id);
  }
  BOOST_TEST(grouper.violations() == explored.violations);
}

BOOST_AUTO_TEST_CASE(the_representative_has_the_fewest_deviations_then_the_earliest_point) {
  const Explored explored = ExploreAndReduce(testing::RenameWithoutFsync(), {});
  BOOST_REQUIRE_EQUAL(explored.groups.size(), 1u);
  const MinimalState& best = explored.groups.front().representative.minimal;
  for (const Reduction& r : explored.reductions) {
    BOOST_TEST((std::make_pair(best.deviations, best.state.crash_point) <=
                std::make_pair(r.minimal.deviations, r.minimal.state.crash_point)));
  }
  BOOST_TEST(explored.reductions.size() > 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reduce
