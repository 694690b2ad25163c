#include "journal/tool/expected_txns.h"

#include <boost/test/unit_test.hpp>

#include "journal/tool/checker.h"
#include "journal/tool/tool_test_util.h"

namespace powercut::journal::tool {
namespace {

BOOST_AUTO_TEST_SUITE(expected_txns)

BOOST_AUTO_TEST_CASE(the_table_holds_every_workload_txn_and_the_checkers_first_append) {
  WorkloadOptions workload;
  workload.txns = 7;
  workload.threads = 3;  // 3 + 2 + 2
  BOOST_TEST(ExpectedTxns::ForWorkload(workload).size() == 8u);
}

BOOST_AUTO_TEST_CASE(get_returns_the_generated_content_inside_and_outside_the_table) {
  const uint64_t seed = testing::TestSeed();
  BOOST_TEST_CONTEXT("seed " << seed) {
    WorkloadOptions workload;
    workload.seed = seed;
    workload.ops_per_txn = 4;
    workload.txns = 5;
    workload.threads = 2;
    const ExpectedTxns table = ExpectedTxns::ForWorkload(workload);
    // In the table: t0/0..2, t1/0..1, t65535/0. Outside: the seqs and threads after them.
    for (const TxnTag tag : {TxnTag{0, 0}, TxnTag{0, 2}, TxnTag{1, 1}, TxnTag{kCheckerThread, 0},
                             TxnTag{0, 3}, TxnTag{1, 2}, TxnTag{2, 0}, TxnTag{kCheckerThread, 1},
                             TxnTag{kMaxWorkloadThreads, 1ull << 40}}) {
      std::vector<Op> scratch;
      BOOST_TEST(table.Get(tag, scratch) == MakeTxnContent(seed, tag, 4), TagPath(tag));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_table_of_another_seed_or_op_count_is_rejected) {
  CheckOptions check;
  check.dir = "wal";
  check.acked_path = "out";
  check.seed = 5;
  check.ops_per_txn = 3;
  check.expected = std::make_shared<const ExpectedTxns>(5, 3);
  BOOST_TEST(ValidateCheckOptions(check).ok());
  check.expected = std::make_shared<const ExpectedTxns>(6, 3);
  BOOST_TEST(ValidateCheckOptions(check).IsInvalidArgument());
  check.expected = std::make_shared<const ExpectedTxns>(5, 4);
  BOOST_TEST(ValidateCheckOptions(check).IsInvalidArgument());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
