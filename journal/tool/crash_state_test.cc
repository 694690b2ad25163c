// Hand-made crash states of a real workload run: the checker must accept each one exactly when
// the promises printed before that crash point were kept.
#include <filesystem>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/format.h"
#include "journal/segment_reader.h"
#include "journal/tool/checker.h"
#include "journal/tool/tool_test_util.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {
namespace {

namespace fs = std::filesystem;

std::string AckLines(uint64_t count) {
  std::string text;
  for (uint64_t id = 1; id <= count; ++id) text += "ack " + std::to_string(id) + "\n";
  return text;
}

// The offset just past each record of the segment, in order.
std::vector<uint64_t> RecordEnds(PosixFileSystem& posix, const std::string& path) {
  std::vector<uint64_t> ends;
  Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(posix, path);
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  while (true) {
    Result<std::optional<RecordView>> record = (*reader)->Next();
    BOOST_TEST_REQUIRE(record.ok(), record.status().ToString());
    if (!record->has_value()) break;
    ends.push_back((*reader)->end_offset());
  }
  return ends;
}

struct CrashStateFixture {
  testing::ScratchDir scratch;
  PosixFileSystem posix;
  std::string original = scratch.Join("original");
  std::string segment_name = SegmentFileName(1);

  explicit CrashStateFixture(uint64_t txns = 4) {
    WorkloadOptions options;
    options.dir = original;
    options.durability = Durability::kImmediate;
    options.txns = txns;
    options.ops_per_txn = 2;
    const Status status = testing::RunWorkloadTo(options, scratch.Join("out"));
    BOOST_TEST_REQUIRE(status.ok(), status.ToString());
  }

  // Checks a private copy of the journal, with its last segment cut or extended to `size`
  // (extension reads as zeros, as when a size change persisted without its data).
  CheckVerdict CheckCopy(uint64_t size, uint64_t acked) {
    const std::string copy = scratch.Join("copy");
    fs::remove_all(copy);
    fs::copy(original, copy);
    fs::resize_file(copy + "/" + segment_name, size);
    testing::WriteWholeFile(scratch.Join("acked"), AckLines(acked));
    CheckOptions check;
    check.dir = copy;
    check.acked_path = scratch.Join("acked");
    check.durability = Durability::kImmediate;
    check.ops_per_txn = 2;
    const Result<CheckVerdict> verdict = RunCheck(posix, check);
    BOOST_TEST_REQUIRE(verdict.ok(), verdict.status().ToString());
    return *verdict;
  }
};

BOOST_FIXTURE_TEST_SUITE(crash_states, CrashStateFixture)

BOOST_AUTO_TEST_CASE(every_torn_tail_is_judged_by_what_was_acknowledged) {
  const std::vector<uint64_t> ends = RecordEnds(posix, original + "/" + segment_name);
  BOOST_TEST_REQUIRE(ends.size() == 4u);
  for (uint64_t size = kSegmentHeaderBytes; size <= ends.back(); ++size) {
    uint64_t complete = 0;  // records wholly inside the first `size` bytes
    while (complete < ends.size() && ends[complete] <= size) ++complete;
    BOOST_TEST_CONTEXT("segment cut at " << size << " bytes, " << complete << " whole records") {
      // Immediate mode syncs each record before its ack: a crash here had printed `complete`
      // acks at most, and the checker must accept that...
      const CheckVerdict kept = CheckCopy(size, complete);
      BOOST_TEST(kept.consistent, kept.reason);
      // ...while one more ack would be a promise the log cannot keep.
      if (complete < ends.size()) {
        const CheckVerdict broken = CheckCopy(size, complete + 1);
        BOOST_TEST(!broken.consistent);
        BOOST_TEST(broken.reason.starts_with("acknowledged txn " + std::to_string(complete + 1) +
                                             " missing: "),
                   broken.reason);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(zero_filled_tail_is_cut_and_consistent) {
  const uint64_t size = fs::file_size(original + "/" + segment_name);
  const CheckVerdict verdict = CheckCopy(size + 4096, 4);
  BOOST_TEST(verdict.consistent, verdict.reason);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
