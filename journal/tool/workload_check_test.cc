// The workload and the checker together: whatever the workload leaves, the checker accepts.
#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/tool/checker.h"
#include "journal/tool/tool_test_util.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {
namespace {

struct RoundTrip {
  testing::ScratchDir scratch;
  PosixFileSystem fs;
  WorkloadOptions workload;

  RoundTrip() { workload.dir = scratch.Join("wal"); }
  std::string output() const { return scratch.Join("out"); }

  CheckOptions CheckOptionsFor() const {
    CheckOptions check;
    check.dir = workload.dir;
    check.acked_path = output();
    check.durability = workload.durability;
    check.seed = workload.seed;
    check.ops_per_txn = workload.ops_per_txn;
    check.max_segment_bytes = workload.max_segment_bytes;
    return check;
  }

  // Runs the workload, then the checker on its output; returns the verdict's reason.
  CheckVerdict RunAndCheck() {
    const Status ran = testing::RunWorkloadTo(workload, output());
    BOOST_TEST_REQUIRE(ran.ok(), ran.ToString());
    const Result<CheckVerdict> verdict = RunCheck(fs, CheckOptionsFor());
    BOOST_TEST_REQUIRE(verdict.ok(), verdict.status().ToString());
    BOOST_TEST(verdict->consistent, verdict->reason);
    return *verdict;
  }
};

BOOST_AUTO_TEST_SUITE(workload_and_check)

BOOST_AUTO_TEST_CASE(round_trip_is_consistent_in_every_mode) {
  for (const Durability mode :
       {Durability::kImmediate, Durability::kGroupCommit, Durability::kRelaxed}) {
    BOOST_TEST_CONTEXT("mode " << DurabilityName(mode)) {
      RoundTrip t;
      t.workload.durability = mode;
      t.workload.txns = 25;
      const CheckVerdict verdict = t.RunAndCheck();
      BOOST_TEST(verdict.reason.find("recovered 1..25") != std::string::npos, verdict.reason);
      const AckOutput acked = ParseAckOutput(testing::ReadWholeFile(t.output()));
      BOOST_TEST(acked.acked.size() == 25u);
      BOOST_TEST(*acked.max_acked == 25u);
    }
  }
}

BOOST_AUTO_TEST_CASE(round_trip_with_four_threads_and_random_seed) {
  const uint64_t seed = testing::TestSeed();
  BOOST_TEST_CONTEXT("seed " << seed) {
    RoundTrip t;
    t.workload.seed = seed;
    t.workload.threads = 4;
    t.workload.txns = 203;  // not a multiple of 4: some threads append one more
    t.workload.ops_per_txn = 1 + static_cast<uint32_t>(seed % 7);
    t.RunAndCheck();
    const AckOutput acked = ParseAckOutput(testing::ReadWholeFile(t.output()));
    BOOST_TEST(acked.acked.size() == 203u);
    BOOST_TEST(*acked.max_acked == 203u);
  }
}

BOOST_AUTO_TEST_CASE(round_trip_with_checkpoints_across_small_segments) {
  RoundTrip t;
  t.workload.threads = 3;
  t.workload.txns = 300;
  t.workload.checkpoint_every = 40;
  t.workload.max_segment_bytes = 4096;
  const CheckVerdict verdict = t.RunAndCheck();
  const AckOutput acked = ParseAckOutput(testing::ReadWholeFile(t.output()));
  BOOST_TEST_REQUIRE(acked.max_checkpoint.has_value());
  // Seven checkpoints were printed; each names the id whose ack reached a multiple of 40.
  const std::string out = testing::ReadWholeFile(t.output());
  size_t checkpoints = 0;
  for (size_t at = out.find("checkpoint "); at != std::string::npos;
       at = out.find("checkpoint ", at + 1)) {
    ++checkpoints;
  }
  BOOST_TEST(checkpoints == 7u);
  BOOST_TEST(verdict.reason.find("checkpoint") != std::string::npos, verdict.reason);
}

BOOST_AUTO_TEST_CASE(round_trip_with_reopen_every) {
  RoundTrip t;
  t.workload.txns = 50;
  t.workload.reopen_every = 7;
  t.workload.checkpoint_every = 11;
  t.RunAndCheck();
}

BOOST_AUTO_TEST_CASE(reopen_with_several_threads_is_rejected) {
  WorkloadOptions options;
  options.dir = "x";
  options.txns = 1;
  options.threads = 2;
  options.reopen_every = 3;
  const Status status = ValidateWorkloadOptions(options);
  BOOST_TEST(status.IsInvalidArgument());
  BOOST_TEST(status.message().find("--reopen-every") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(zero_txns_threads_or_ops_are_rejected) {
  WorkloadOptions options;
  options.dir = "x";
  options.txns = 1;
  BOOST_TEST(ValidateWorkloadOptions(options).ok());
  options.txns = 0;
  BOOST_TEST(ValidateWorkloadOptions(options).IsInvalidArgument());
  options.txns = 1;
  options.threads = 0;
  BOOST_TEST(ValidateWorkloadOptions(options).IsInvalidArgument());
  options.threads = 1;
  options.ops_per_txn = 0;
  BOOST_TEST(ValidateWorkloadOptions(options).IsInvalidArgument());
}

BOOST_AUTO_TEST_CASE(txns_are_split_evenly_over_threads) {
  uint64_t total = 0;
  for (uint32_t t = 0; t < 4; ++t) total += TxnsForThread(203, 4, t);
  BOOST_TEST(total == 203u);
  BOOST_TEST(TxnsForThread(203, 4, 0) == 51u);
  BOOST_TEST(TxnsForThread(203, 4, 3) == 50u);
  BOOST_TEST(TxnsForThread(2, 4, 3) == 0u);
}

BOOST_AUTO_TEST_CASE(check_is_consistent_on_a_crash_before_anything_was_written) {
  RoundTrip t;
  testing::WriteWholeFile(t.output(), "");
  const Result<CheckVerdict> verdict = RunCheck(t.fs, t.CheckOptionsFor());
  BOOST_TEST_REQUIRE(verdict.ok(), verdict.status().ToString());
  BOOST_TEST(verdict->consistent, verdict->reason);
}

BOOST_AUTO_TEST_CASE(check_can_run_twice_on_the_same_directory) {
  // The checker's own appended transaction (thread 65535) must not upset a later check.
  RoundTrip t;
  t.workload.txns = 5;
  t.RunAndCheck();
  const Result<CheckVerdict> again = RunCheck(t.fs, t.CheckOptionsFor());
  BOOST_TEST_REQUIRE(again.ok(), again.status().ToString());
  BOOST_TEST(again->consistent, again->reason);
}

BOOST_AUTO_TEST_CASE(unreadable_acked_file_means_the_checker_could_not_run) {
  RoundTrip t;
  t.workload.txns = 2;
  t.RunAndCheck();
  CheckOptions check = t.CheckOptionsFor();
  check.acked_path = t.scratch.Join("no-such-file");
  const Result<CheckVerdict> verdict = RunCheck(t.fs, check);
  BOOST_TEST(!verdict.ok());
  BOOST_TEST(verdict.status().message().find("--acked") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
