// Recovery: what survives a crash is a prefix holding every acknowledged transaction; a torn tail
// is a clean end; damage that provably covers acknowledged data is Corruption, never a silent cut.
#include "journal/recovery.h"

#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"
#include "journal/journal.h"
#include "journal/journal_test_util.h"

namespace powercut::journal {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using powercut::testing::TempDir;

struct RecoveryFixture {
  TempDir tmp;
  PosixFileSystem fs;
  std::string dir = tmp.Join("wal");

  // A journal holding txns 1..count, written with `durability`, closed cleanly.
  void Write(uint64_t count, Durability durability = Durability::kImmediate,
             uint64_t max_segment_bytes = 64ull << 20) {
    JournalOptions options = TestOptions(durability);
    options.max_segment_bytes = max_segment_bytes;
    auto journal = Journal::Open(fs, dir, options);
    BOOST_REQUIRE(journal.ok());
    AppendSamples(**journal, 1, count);
    BOOST_REQUIRE((*journal)->Close().ok());
  }
  Result<std::unique_ptr<Journal>> Open() {
    return Journal::Open(fs, dir, TestOptions(Durability::kImmediate));
  }
  std::string Segment(uint64_t seq = 1) const { return SegmentPath(dir, seq); }
};

BOOST_FIXTURE_TEST_SUITE(recovery, RecoveryFixture)

BOOST_AUTO_TEST_CASE(clean_journal_recovers_everything) {
  Write(10);
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kImmediate)), 1, 10));
}

BOOST_AUTO_TEST_CASE(torn_tail_reads_as_clean_end) {
  Write(10);
  const uint64_t last = RecordOffset(Segment(), 10);
  TruncateFile(Segment(), last + 20);  // record 10 cut inside its header
  auto journal = Open();
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  BOOST_TEST((*journal)->recovery().last_txn == 9u);
  BOOST_TEST((*journal)->recovery().truncated_bytes == 20u);
  BOOST_TEST((*journal)->recovery().truncated_tail.find("torn record header") != std::string::npos);
  BOOST_TEST(HoldsSamples(ReplayAll(**journal), 1, 9));
}

BOOST_AUTO_TEST_CASE(short_last_record_payload_reads_as_clean_end) {
  Write(10);
  TruncateFile(Segment(), FileSize(Segment()) - 1);
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().last_txn == 9u);
  BOOST_TEST((*journal)->recovery().truncated_tail.find("torn record:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(zeroed_tail_reads_as_clean_end) {
  Write(5);
  AppendToFile(Segment(), std::string(4096, '\0'));
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().last_txn == 5u);
  BOOST_TEST((*journal)->recovery().truncated_tail.find("4096 zero bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(garbage_length_at_tail_is_cut_without_a_big_allocation) {
  Write(3);
  std::string header = "EMBR";
  header += std::string("\x02\x00\x01\x00", 4);
  header += std::string(16, '\x04');                 // txn id, timestamp
  header += std::string("\xff\xff\xff\xff", 4);      // payload length 4 GiB
  header += std::string(4, '\0');
  AppendToFile(Segment(), header);
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().last_txn == 3u);
}

BOOST_AUTO_TEST_CASE(the_log_never_appends_after_bytes_of_unknown_origin) {
  Write(10);
  AppendToFile(Segment(), "garbage that is not a record");
  const uint64_t end_of_record_10 = FileSize(Segment()) - 28;
  {
    auto journal = Open();
    BOOST_REQUIRE(journal.ok());
    BOOST_TEST(FileSize(Segment()) == end_of_record_10);  // cut during open
    AppendSamples(**journal, 11, 12);
    BOOST_REQUIRE((*journal)->Close().ok());
  }
  BOOST_TEST(RecordOffset(Segment(), 11) == end_of_record_10);
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kImmediate)), 1, 12));
}

BOOST_AUTO_TEST_CASE(damage_vouched_for_by_a_later_record_is_corruption_naming_file_offset_txn) {
  Write(10);  // Immediate: record n carries watermark n-1, so record 5 vouches for txn 4
  const uint64_t offset = RecordOffset(Segment(), 3);
  FlipByte(Segment(), offset + 40);  // the first op byte of txn 3
  const std::string before = ReadFile(Segment());
  auto journal = Open();
  BOOST_REQUIRE(!journal.ok());
  const Status& s = journal.status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find(Segment() + ": offset " + std::to_string(offset) + ": txn 3") == 0u,
             s.message());
  BOOST_TEST(ReadFile(Segment()) == before);  // a refused open changes nothing
}

BOOST_AUTO_TEST_CASE(damage_in_the_last_acknowledged_batch_cannot_be_proven_and_is_cut) {
  // The known limit (FORMAT.md): nothing after the last record vouches for it.
  Write(10);
  FlipByte(Segment(), RecordOffset(Segment(), 10) + 40);
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().last_txn == 9u);
}

BOOST_AUTO_TEST_CASE(unsynced_reordered_relaxed_records_are_a_tail_not_corruption) {
  Write(10, Durability::kRelaxed);  // nothing synced while writing: no record vouches for another
  FlipByte(Segment(), RecordOffset(Segment(), 4) + 40);
  auto journal = Open();
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  BOOST_TEST((*journal)->recovery().last_txn == 3u);
  BOOST_TEST(HoldsSamples(ReplayAll(**journal), 1, 3));
}

BOOST_AUTO_TEST_CASE(damage_in_a_non_final_segment_is_corruption) {
  Write(40, Durability::kImmediate, 4096);
  BOOST_REQUIRE(std::filesystem::exists(Segment(2)));
  TruncateFile(Segment(1), FileSize(Segment(1)) - 3);
  auto journal = Open();
  BOOST_REQUIRE(!journal.ok());
  BOOST_TEST(journal.status().IsCorruption());
  BOOST_TEST(journal.status().message().find(Segment(1)) == 0u);
  BOOST_TEST(journal.status().message().find("only the last segment may end early") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_middle_segment_is_corruption) {
  Write(150, Durability::kImmediate, 4096);
  BOOST_REQUIRE(std::filesystem::exists(Segment(3)));
  std::filesystem::remove(Segment(2));
  auto journal = Open();
  BOOST_TEST(journal.status().IsCorruption());
  BOOST_TEST(journal.status().message() == Segment(2) + ": missing (segments must be consecutive)");
}

BOOST_AUTO_TEST_CASE(missing_manifest_with_segments_is_corruption) {
  Write(3);
  std::filesystem::remove(JoinPath(dir, "MANIFEST"));
  auto journal = Open();
  BOOST_TEST(journal.status().IsCorruption());
  BOOST_TEST(journal.status().message().find("MANIFEST is missing") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(damaged_manifest_is_corruption) {
  Write(3);
  FlipByte(JoinPath(dir, "MANIFEST"), 17);
  BOOST_TEST(Open().status().IsCorruption());
}

BOOST_AUTO_TEST_CASE(damaged_segment_header_is_corruption) {
  Write(3);
  FlipByte(Segment(), 20);
  auto journal = Open();
  BOOST_TEST(journal.status().IsCorruption());
  BOOST_TEST(journal.status().message().find("invalid segment header") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(records_from_an_earlier_incarnation_never_validate) {
  // An old journal's segment holds txns 1..10; a new journal in the same place holds 1..3. Old
  // bytes behind the new records have the right shape and even the expected ids, but another salt.
  Write(10);
  const std::string old_bytes = ReadFile(Segment());
  const uint64_t old_record_4 = RecordOffset(Segment(), 4);
  std::filesystem::remove_all(dir);
  Write(3);
  AppendToFile(Segment(), old_bytes.substr(old_record_4));  // old txns 4..10, right where 4 goes
  auto journal = Open();
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  BOOST_TEST((*journal)->recovery().last_txn == 3u);
  BOOST_TEST(HoldsSamples(ReplayAll(**journal), 1, 3));
}

BOOST_AUTO_TEST_CASE(stale_copy_of_a_record_with_this_salt_is_not_replayed_twice) {
  Write(5);
  const std::string bytes = ReadFile(Segment());
  const uint64_t start = RecordOffset(Segment(), 2);
  const uint64_t end = RecordOffset(Segment(), 3);
  AppendToFile(Segment(), bytes.substr(start, end - start));  // txn 2 again where 6 belongs
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().last_txn == 5u);
  BOOST_TEST((*journal)->recovery().truncated_tail.find("unexpected txn id 2 (expected 6)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(segment_of_another_journal_is_corruption) {
  Write(3);
  const std::string mine = ReadFile(Segment());
  TempDir other_tmp;
  const std::string other = other_tmp.Join("wal");
  {
    JournalOptions options = TestOptions(Durability::kImmediate);
    options.entropy = [] { return uint64_t{77}; };
    auto journal = Journal::Open(fs, other, options);
    BOOST_REQUIRE(journal.ok());
    AppendSamples(**journal, 1, 3);
  }
  std::filesystem::copy_file(SegmentPath(other, 1), Segment(),
                             std::filesystem::copy_options::overwrite_existing);
  auto journal = Open();
  BOOST_TEST(journal.status().IsCorruption());
  BOOST_TEST(journal.status().message().find("belongs to another journal") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(temp_files_are_ignored_and_removed) {
  Write(3);
  AppendToFile(JoinPath(dir, "MANIFEST.tmp"), "half a manifest");
  AppendToFile(JoinPath(dir, SegmentFileName(2) + ".tmp"), "half a segment header");
  AppendToFile(JoinPath(dir, "notes.txt"), "not ours");
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().leftovers_removed == 2u);
  BOOST_TEST(!std::filesystem::exists(JoinPath(dir, "MANIFEST.tmp")));
  BOOST_TEST(std::filesystem::exists(JoinPath(dir, "notes.txt")));
}

BOOST_AUTO_TEST_CASE(analysis_is_read_only) {
  Write(5);
  AppendToFile(Segment(), "torn");
  AppendToFile(JoinPath(dir, "MANIFEST.tmp"), "x");
  const std::string before = ReadFile(Segment());
  auto state = AnalyzeJournal(fs, dir);
  BOOST_REQUIRE(state.ok());
  BOOST_TEST(state->last_txn == 5u);
  BOOST_TEST(state->segments.back().tail.find("4 bytes to end of file") != std::string::npos);
  BOOST_TEST(state->leftovers.size() == 1u);
  BOOST_TEST(ReadFile(Segment()) == before);
  BOOST_TEST(std::filesystem::exists(JoinPath(dir, "MANIFEST.tmp")));
}

BOOST_AUTO_TEST_CASE(missing_directory_is_not_found_when_creation_is_off) {
  JournalOptions options = TestOptions(Durability::kImmediate);
  options.create_if_missing = false;
  BOOST_TEST(Journal::Open(fs, dir, options).status().IsNotFound());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
