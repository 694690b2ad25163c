#include "journal/tool/inspect.h"

#include <filesystem>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/format.h"
#include "journal/tool/tool_test_util.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {
namespace {

struct InspectFixture {
  testing::ScratchDir scratch;
  PosixFileSystem fs;
  std::string dir = scratch.Join("wal");

  void RunWorkload(uint64_t txns, uint64_t max_segment_bytes = 0, uint64_t checkpoint_every = 0) {
    WorkloadOptions options;
    options.dir = dir;
    options.txns = txns;
    options.max_segment_bytes = max_segment_bytes;
    options.checkpoint_every = checkpoint_every;
    const Status status = testing::RunWorkloadTo(options, scratch.Join("out"));
    BOOST_TEST_REQUIRE(status.ok(), status.ToString());
  }
  std::string SegmentPath(uint64_t seq) const { return JoinPath(dir, SegmentFileName(seq)); }
  void Damage(const std::string& path, size_t offset) {
    std::string bytes = testing::ReadWholeFile(path);
    bytes[offset] = static_cast<char>(bytes[offset] ^ 0x01);
    testing::WriteWholeFile(path, bytes);
  }
  std::pair<InspectVerdict, std::string> Dump() {
    std::ostringstream out;
    const InspectVerdict verdict = DumpJournal(fs, dir, out);
    BOOST_TEST_MESSAGE(out.str());
    return {verdict, out.str()};
  }
  std::pair<InspectVerdict, std::string> Verify() {
    std::ostringstream out;
    const InspectVerdict verdict = VerifyJournal(fs, dir, out);
    BOOST_TEST_MESSAGE(out.str());
    return {verdict, out.str()};
  }
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

BOOST_FIXTURE_TEST_SUITE(inspect, InspectFixture)

BOOST_AUTO_TEST_CASE(dump_shows_manifest_segments_records_and_ops) {
  RunWorkload(3);
  const auto [verdict, text] = Dump();
  BOOST_TEST((verdict == InspectVerdict::kHealthy));
  BOOST_TEST(Contains(text, "MANIFEST: journal id 0x"), text);
  BOOST_TEST(Contains(text, "checkpoint txn 0, oldest segment 1"), text);
  BOOST_TEST(Contains(text, "segment 0000000000000001.wal: "), text);
  BOOST_TEST(Contains(text, "first txn 1, salt 0x"), text);
  BOOST_TEST(Contains(text, "  txn 1 @ 64: "), text);
  BOOST_TEST(Contains(text, "  txn 3 @ "), text);
  BOOST_TEST(Contains(text, "    WriteFile{path=t0/2, "), text);
  BOOST_TEST(Contains(text, "end of file"), text);
  BOOST_TEST(Contains(text, "verdict: OK: txns 1..3 recoverable"), text);
}

BOOST_AUTO_TEST_CASE(dump_and_verify_never_modify_the_directory) {
  RunWorkload(20);
  // A torn tail and a leftover temp file: both would be repaired by Open.
  std::filesystem::resize_file(SegmentPath(1), std::filesystem::file_size(SegmentPath(1)) - 3);
  testing::WriteWholeFile(JoinPath(dir, "MANIFEST.tmp"), "partial");
  const auto before = testing::Snapshot(dir);
  const auto [dump_verdict, dump] = Dump();
  const auto [verify_verdict, report] = Verify();
  BOOST_TEST((testing::Snapshot(dir) == before));
  BOOST_TEST((dump_verdict == InspectVerdict::kHealthy));
  BOOST_TEST((verify_verdict == InspectVerdict::kHealthy));
  BOOST_TEST(Contains(dump, "torn record"), dump);
  BOOST_TEST(Contains(dump, "other file MANIFEST.tmp: temporary, removed on open"), dump);
  BOOST_TEST(report.starts_with("ok: txns 1..19 recoverable"), report);
  BOOST_TEST(Contains(report, "open would cut a "), report);
  BOOST_TEST(Contains(report, "open would remove 1 leftover file(s)"), report);
}

BOOST_AUTO_TEST_CASE(dump_goes_as_far_as_the_bytes_allow_in_a_corrupt_journal) {
  RunWorkload(200, 4096);
  BOOST_TEST_REQUIRE(std::filesystem::exists(SegmentPath(3)));
  Damage(SegmentPath(2), kSegmentHeaderBytes + kRecordHeaderBytes + 20);
  const auto [verdict, text] = Dump();
  BOOST_TEST((verdict == InspectVerdict::kCorrupt));
  BOOST_TEST(Contains(text, "segment 0000000000000003.wal: "), text);  // dumped past the damage
  BOOST_TEST(Contains(text, "checksum mismatch"), text);
  BOOST_TEST(Contains(text, "verdict: Corruption: " + SegmentPath(2)), text);
}

BOOST_AUTO_TEST_CASE(verify_reports_corruption_on_its_first_line) {
  RunWorkload(200, 4096);
  Damage(SegmentPath(1), kSegmentHeaderBytes + 8);  // inside the first record's header
  const auto [verdict, text] = Verify();
  BOOST_TEST((verdict == InspectVerdict::kCorrupt));
  BOOST_TEST(text.starts_with("Corruption: " + SegmentPath(1) + ": offset 64: txn 1: "), text);
}

BOOST_AUTO_TEST_CASE(verify_reports_range_checkpoint_and_segments) {
  RunWorkload(210, 4096, 50);  // checkpoints at 50, 100, 150, 200
  const auto [verdict, text] = Verify();
  BOOST_TEST((verdict == InspectVerdict::kHealthy));
  BOOST_TEST(text.starts_with("ok: txns 201..210 recoverable, checkpoint txn 200, 1 segment(s)"),
             text);
  BOOST_TEST(Contains(text, "txns 201..210 (10 records)"), text);
  BOOST_TEST(Contains(text, "decoded "), text);
}

BOOST_AUTO_TEST_CASE(verify_and_dump_say_when_there_is_no_journal) {
  BOOST_TEST((Verify().first == InspectVerdict::kNotAJournal));  // missing directory
  BOOST_TEST((Dump().first == InspectVerdict::kNotAJournal));
  std::filesystem::create_directory(dir);
  BOOST_TEST((Verify().first == InspectVerdict::kNotAJournal));  // empty directory
  BOOST_TEST((Dump().first == InspectVerdict::kNotAJournal));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
