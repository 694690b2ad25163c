// The checker must reject what a broken journal could leave behind, with a specific reason.
#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/format.h"
#include "journal/journal.h"
#include "journal/segment_reader.h"
#include "journal/tool/checker.h"
#include "journal/tool/tool_test_util.h"
#include "journal/tool/txn_content.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {
namespace {

class ViolationFixture {
 public:
  ViolationFixture() {
    check_.dir = scratch_.Join("wal");
    check_.acked_path = scratch_.Join("out");
  }

  // Runs the workload with `txns` transactions into the journal and the acked file.
  void RunWorkload(uint64_t txns, uint64_t max_segment_bytes = 0) {
    WorkloadOptions options;
    options.dir = check_.dir;
    options.txns = txns;
    options.max_segment_bytes = max_segment_bytes;
    const Status status = testing::RunWorkloadTo(options, check_.acked_path);
    BOOST_TEST_REQUIRE(status.ok(), status.ToString());
  }

  // Appends transactions through the journal API directly, as a buggy writer would.
  void AppendDirectly(const std::vector<std::vector<Op>>& txns) {
    Result<std::unique_ptr<Journal>> journal = Journal::Open(fs_, check_.dir);
    BOOST_TEST_REQUIRE(journal.ok(), journal.status().ToString());
    for (const std::vector<Op>& ops : txns) BOOST_TEST_REQUIRE((*journal)->Append(ops).ok());
    BOOST_TEST_REQUIRE((*journal)->Close().ok());
    testing::WriteWholeFile(check_.acked_path, "");  // nothing was promised
  }

  std::string SegmentPath(uint64_t seq) const { return JoinPath(check_.dir, SegmentFileName(seq)); }

  // The verdict's reason; fails the test unless it is a violation.
  std::string Violation() {
    const CheckVerdict verdict = Verdict();
    BOOST_TEST(!verdict.consistent, verdict.reason);
    return verdict.reason;
  }

  bool Consistent() {
    const CheckVerdict verdict = Verdict();
    BOOST_TEST_MESSAGE(verdict.reason);
    return verdict.consistent;
  }

  // The verdict, checked to be the same with the content precomputed (ExpectedTxns) as without:
  // the table covers t0/0..2, t1/0..1 and t65535/0, so the cases below meet tags inside it and
  // outside it. The check runs on a copy of the directory each time (it appends).
  CheckVerdict Verdict() {
    const std::string pristine = scratch_.Join("pristine");
    std::filesystem::copy(check_.dir, pristine, std::filesystem::copy_options::recursive);
    const Result<CheckVerdict> generated = RunCheck(fs_, check_);
    BOOST_TEST_REQUIRE(generated.ok(), generated.status().ToString());
    std::filesystem::remove_all(check_.dir);
    std::filesystem::rename(pristine, check_.dir);
    WorkloadOptions workload;
    workload.seed = check_.seed;
    workload.ops_per_txn = check_.ops_per_txn;
    workload.txns = 5;
    workload.threads = 2;
    CheckOptions with_table = check_;
    with_table.expected = std::make_shared<const ExpectedTxns>(ExpectedTxns::ForWorkload(workload));
    const Result<CheckVerdict> precomputed = RunCheck(fs_, with_table);
    BOOST_TEST_REQUIRE(precomputed.ok(), precomputed.status().ToString());
    BOOST_TEST(precomputed->consistent == generated->consistent);
    BOOST_TEST(precomputed->reason == generated->reason);
    return *generated;
  }

  testing::ScratchDir scratch_;
  PosixFileSystem fs_;
  CheckOptions check_;
};

std::vector<Op> Content(uint32_t thread, uint64_t seq) {
  return MakeTxnContent(1, {thread, seq}, 3);
}

BOOST_FIXTURE_TEST_SUITE(check_violations, ViolationFixture)

BOOST_AUTO_TEST_CASE(acked_txn_missing_is_a_violation) {
  RunWorkload(10);
  testing::WriteWholeFile(check_.acked_path,
                          testing::ReadWholeFile(check_.acked_path) + "ack 12\nack 11\n");
  BOOST_TEST(Violation() == "acknowledged txn 11 missing: recovered 1..10, acknowledged up to 12");
}

BOOST_AUTO_TEST_CASE(acked_txn_missing_is_allowed_in_relaxed_mode) {
  RunWorkload(10);
  testing::WriteWholeFile(check_.acked_path, "ack 11\n");
  check_.durability = Durability::kRelaxed;
  BOOST_TEST(Consistent());
}

BOOST_AUTO_TEST_CASE(torn_last_record_of_an_acked_txn_is_a_violation) {
  // What a journal that acknowledged before syncing would leave: the tail is cut on open.
  RunWorkload(10);
  const std::string segment = SegmentPath(1);
  std::filesystem::resize_file(segment, std::filesystem::file_size(segment) - 5);
  BOOST_TEST(Violation() == "acknowledged txn 10 missing: recovered 1..9");
}

BOOST_AUTO_TEST_CASE(lost_checkpoint_is_a_violation_in_every_mode) {
  RunWorkload(10);
  testing::WriteWholeFile(check_.acked_path, "ack 1\ncheckpoint 4\n");
  check_.durability = Durability::kRelaxed;
  BOOST_TEST(Violation() ==
             "acknowledged checkpoint 4 lost: the journal's checkpoint is txn 0, recovered 1..10");
}

BOOST_AUTO_TEST_CASE(altered_content_is_a_violation) {
  std::vector<Op> altered = Content(0, 1);
  altered[1] = Barrier{};
  if (altered == Content(0, 1)) altered[1] = DeleteChunk{42};
  AppendDirectly({Content(0, 0), altered, Content(0, 2)});
  const std::string reason = Violation();
  BOOST_TEST(reason.starts_with("txn 2 (t0/1) content differs: op 2 of 3 is "), reason);
  BOOST_TEST(reason.find("same --seed") == std::string::npos, reason);
}

BOOST_AUTO_TEST_CASE(another_seed_is_a_violation_with_a_hint) {
  RunWorkload(3);
  check_.seed = 2;
  const std::string reason = Violation();
  BOOST_TEST(reason.starts_with("txn 1 (t0/0) content differs: op 1 of 3"), reason);
  BOOST_TEST(reason.find("same --seed and --ops-per-txn") != std::string::npos, reason);
}

BOOST_AUTO_TEST_CASE(untagged_txn_is_a_violation) {
  AppendDirectly({Content(0, 0), {Barrier{}, Barrier{}}});
  BOOST_TEST(Violation() == "txn 2 has no valid tag: its first op is Barrier");
}

BOOST_AUTO_TEST_CASE(duplicated_txn_is_a_violation) {
  AppendDirectly({Content(0, 0), Content(1, 0), Content(0, 0)});
  BOOST_TEST(Violation() == "txn 3 is t0/0 but txn 1 already was t0/0 (duplicate or out of order)");
}

BOOST_AUTO_TEST_CASE(gap_in_a_threads_run_is_a_violation) {
  AppendDirectly({Content(0, 0), Content(0, 2)});
  BOOST_TEST(Violation() ==
             "txn 2 is t0/2 but thread 0's previous recovered txn 1 is t0/0: t0/1 is missing");
}

BOOST_AUTO_TEST_CASE(thread_run_not_starting_at_zero_is_a_violation_without_checkpoint) {
  AppendDirectly({Content(0, 0), Content(3, 1)});
  BOOST_TEST(Violation() == "txn 2 is t3/1 but t3/0 was not recovered before it");
}

BOOST_AUTO_TEST_CASE(damaged_byte_in_a_non_final_segment_is_a_violation) {
  RunWorkload(200, 4096);
  BOOST_TEST_REQUIRE(std::filesystem::exists(SegmentPath(3)));
  std::string bytes = testing::ReadWholeFile(SegmentPath(1));
  bytes[kSegmentHeaderBytes + 100] = static_cast<char>(bytes[kSegmentHeaderBytes + 100] ^ 0x40);
  testing::WriteWholeFile(SegmentPath(1), bytes);
  const std::string reason = Violation();
  BOOST_TEST(reason.starts_with("recovery failed: Corruption: " + SegmentPath(1)), reason);
}

BOOST_AUTO_TEST_CASE(damaged_record_with_a_later_vouching_record_is_a_violation) {
  RunWorkload(10);  // one thread: each record's watermark vouches for the one before it
  Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(fs_, SegmentPath(1));
  BOOST_TEST_REQUIRE(reader.ok());
  uint64_t third = 0;
  for (int i = 0; i < 3; ++i) {
    const Result<std::optional<RecordView>> record = (*reader)->Next();
    BOOST_TEST_REQUIRE((record.ok() && record->has_value()));
    third = (*record)->offset;
  }
  std::string bytes = testing::ReadWholeFile(SegmentPath(1));
  const size_t at = third + kRecordPrefixBytes + 2;  // inside txn 3's ops
  bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
  testing::WriteWholeFile(SegmentPath(1), bytes);
  const std::string reason = Violation();
  BOOST_TEST(reason.starts_with("recovery failed: Corruption: " + SegmentPath(1) + ": offset " +
                                std::to_string(third) + ": txn 3: checksum mismatch"),
             reason);
}

BOOST_AUTO_TEST_CASE(missing_middle_segment_is_a_violation) {
  RunWorkload(200, 4096);
  BOOST_TEST_REQUIRE(std::filesystem::exists(SegmentPath(3)));
  std::filesystem::remove(SegmentPath(2));
  const std::string reason = Violation();
  BOOST_TEST(reason == "recovery failed: Corruption: " + SegmentPath(2) +
                           ": missing (segments must be consecutive)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
