// Recovery: what survives a crash is a prefix holding every acknowledged transaction; a torn tail
// is a clean end; damage that provably covers acknowledged data is Corruption, never a silent cut.
#include "journal/recovery.h"

#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"
#include "journal/journal.h"
#include "journal/journal_test_util.h"
#include "journal/test_file_system.h"

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

  SegmentHeader ReadHeader(const std::string& path) {
    auto reader = SegmentReader::Open(fs, path);
    BOOST_REQUIRE(reader.ok());
    return (*reader)->header();
  }
  uint32_t ReadSalt(const std::string& path) { return ReadHeader(path).salt; }
  uint64_t ReadFirstTxn(const std::string& path) { return ReadHeader(path).first_txn; }
  // Replaces a segment's header with `header`, CRC included.
  void RewriteHeader(const std::string& path, const SegmentHeader& header) {
    const Bytes encoded = EncodeSegmentHeader(header);
    std::string bytes = ReadFile(path);
    bytes.replace(0, encoded.size(), reinterpret_cast<const char*>(encoded.data()), encoded.size());
    WriteWholeFile(path, bytes);
  }
  Manifest ReadManifest() {
    const std::string bytes = ReadFile(JoinPath(dir, "MANIFEST"));
    const std::optional<Manifest> manifest = ParseManifest(std::as_bytes(std::span(bytes)));
    BOOST_REQUIRE(manifest.has_value());
    return *manifest;
  }
  void RewriteManifest(const Manifest& manifest) {
    const Bytes encoded = EncodeManifest(manifest);
    WriteWholeFile(JoinPath(dir, "MANIFEST"),
                   std::string(reinterpret_cast<const char*>(encoded.data()), encoded.size()));
  }
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
  // New records go to a new segment with a new salt, never after the cut bytes' old home.
  BOOST_TEST(FileSize(Segment()) == end_of_record_10);
  BOOST_TEST(RecordOffset(Segment(2), 11) == kSegmentHeaderBytes);
  BOOST_TEST(ReadSalt(Segment(2)) != ReadSalt(Segment(1)));
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kImmediate)), 1, 12));
}

BOOST_AUTO_TEST_CASE(a_clean_last_segment_is_continued_in_place) {
  Write(10);
  const uint64_t size = FileSize(Segment());
  {
    auto journal = Open();
    BOOST_REQUIRE(journal.ok());
    AppendSamples(**journal, 11, 11);
  }
  BOOST_TEST(RecordOffset(Segment(), 11) == size);
  BOOST_TEST(!std::filesystem::exists(Segment(2)));
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

BOOST_AUTO_TEST_CASE(damage_vouched_for_by_the_very_next_record_is_corruption) {
  Write(10);  // Immediate: record 10 carries watermark 9
  const uint64_t offset = RecordOffset(Segment(), 9);
  FlipByte(Segment(), offset + 40);
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find(": offset " + std::to_string(offset) + ": txn 9:") != std::string::npos,
             s.message());
}

BOOST_AUTO_TEST_CASE(voucher_behind_a_record_larger_than_the_read_window_is_found) {
  {
    auto journal = Open();
    BOOST_REQUIRE(journal.ok());
    WriteFile big;
    big.path = "big";
    big.chunk_ids.assign(40000, 1);  // ~320 KiB: more than the 256 KiB read window
    AppendSamples(**journal, 1, 1);
    BOOST_REQUIRE((*journal)->Append({big}).ok());
    AppendSamples(**journal, 3, 4);  // txn 3 carries watermark 2
  }
  FlipByte(Segment(), RecordOffset(Segment(), 2) + 40);
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find("txn 2:") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(voucher_search_reads_a_long_tail_about_once) {
  // A legal power-cut state of a Relaxed log: txn 2 lost, thousands of unsynced records after.
  {
    auto journal = Journal::Open(fs, dir, TestOptions(Durability::kRelaxed));
    BOOST_REQUIRE(journal.ok());
    for (int i = 0; i < 20000; ++i) BOOST_REQUIRE((*journal)->Append({Barrier{}}).ok());
  }
  FlipByte(Segment(), RecordOffset(Segment(), 2) + 40);
  TestFileSystem counting(fs);
  auto state = AnalyzeJournal(counting, dir);
  BOOST_REQUIRE(state.ok());
  BOOST_TEST(state->last_txn == 1u);
  BOOST_TEST(counting.read_bytes() <= 4 * FileSize(Segment()),
             counting.read_bytes() << " bytes read for a " << FileSize(Segment()) << "-byte file");
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

BOOST_AUTO_TEST_CASE(gap_of_one_txn_between_segments_is_corruption) {
  Write(60, Durability::kImmediate, 4096);
  BOOST_REQUIRE(std::filesystem::exists(Segment(2)));
  const uint64_t last1 = ReadFirstTxn(Segment(2)) - 1;
  TruncateFile(Segment(1), RecordOffset(Segment(1), last1));  // ends cleanly, one txn short
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find("segment starts at txn " + std::to_string(last1 + 1) +
                              " but the previous one ends at txn " + std::to_string(last1 - 1)) !=
                 std::string::npos,
             s.message());
}

BOOST_AUTO_TEST_CASE(segment_header_with_another_number_is_corruption) {
  Write(3);
  SegmentHeader header = ReadHeader(Segment());
  header.segment_seq = 7;
  RewriteHeader(Segment(), header);
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find("header says segment 7") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(txn_missing_between_checkpoint_and_oldest_segment_is_corruption) {
  Write(60, Durability::kImmediate, 4096);
  const uint64_t first2 = ReadFirstTxn(Segment(2));
  {
    auto journal = Open();
    BOOST_REQUIRE(journal.ok());
    BOOST_REQUIRE((*journal)->Checkpoint(first2 - 1).ok());  // drops segment 1 exactly
  }
  Manifest manifest = ReadManifest();
  BOOST_REQUIRE_EQUAL(manifest.oldest_segment, 2u);
  manifest.checkpoint_txn = first2 - 2;  // txn first2-1 is now neither checkpointed nor logged
  RewriteManifest(manifest);
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find("are missing after the checkpoint") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(checkpoint_beyond_the_end_of_the_log_is_corruption) {
  Write(10);
  Manifest manifest = ReadManifest();
  manifest.checkpoint_txn = 12;
  RewriteManifest(manifest);
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find("the log ends before the checkpoint (txn 12)") != std::string::npos,
             s.message());
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

BOOST_AUTO_TEST_CASE(manifest_with_trailing_bytes_is_corruption) {
  Write(3);
  AppendToFile(JoinPath(dir, "MANIFEST"), "x");
  const Status s = Open().status();
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message().find("invalid MANIFEST (longer than 48 bytes)") != std::string::npos,
             s.message());
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

BOOST_AUTO_TEST_CASE(record_with_a_skipped_id_ends_the_log) {
  Write(10, Durability::kRelaxed);  // no watermark vouches, so the end is a clean cut
  std::string bytes = ReadFile(Segment());
  const uint64_t at5 = RecordOffset(Segment(), 5);
  bytes.erase(at5, RecordOffset(Segment(), 6) - at5);  // txn 6 now sits where txn 5 belongs
  WriteWholeFile(Segment(), bytes);
  auto journal = Open();
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  BOOST_TEST((*journal)->recovery().last_txn == 4u);
  BOOST_TEST((*journal)->recovery().truncated_tail.find("unexpected txn id 6 (expected 5)") !=
             std::string::npos);
  BOOST_TEST(HoldsSamples(ReplayAll(**journal), 1, 4));
}

BOOST_AUTO_TEST_CASE(record_whose_watermark_is_not_below_its_id_is_not_valid) {
  Write(3);
  const uint32_t salt = ReadHeader(Segment()).salt;
  Bytes record(kRecordPrefixBytes);
  BOOST_REQUIRE(EncodeOps({Barrier{}}, record).ok());
  // A well-formed txn 4 whose watermark claims txn 4 itself, with a CRC that matches.
  SealRecord(record, salt, 4, 1, 3, Crc32(0, ByteView(record).subspan(kRecordPrefixBytes)));
  StoreFixed64(record.data() + kRecordHeaderBytes, 4);
  Bytes salt_bytes(4);
  StoreFixed32(salt_bytes.data(), salt);
  uint32_t crc = Crc32(Crc32(0, salt_bytes), ByteView(record).first(28));
  crc = Crc32(crc, ByteView(record).subspan(kRecordHeaderBytes));
  StoreFixed32(record.data() + 28, crc);
  AppendToFile(Segment(), std::string(reinterpret_cast<const char*>(record.data()), record.size()));
  auto journal = Open();
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  BOOST_TEST((*journal)->recovery().last_txn == 3u);
  BOOST_TEST((*journal)->recovery().truncated_tail.find("watermark not below its own txn id") !=
             std::string::npos);
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

BOOST_AUTO_TEST_CASE(our_temp_files_are_removed_and_other_files_left_alone) {
  Write(3);
  AppendToFile(JoinPath(dir, "MANIFEST.tmp"), "half a manifest");
  AppendToFile(JoinPath(dir, SegmentFileName(2) + ".tmp"), "half a segment header");
  AppendToFile(JoinPath(dir, "notes.txt"), "not ours");
  AppendToFile(JoinPath(dir, "upload.tmp"), "not ours either");
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().leftovers_removed == 2u);
  BOOST_TEST(!std::filesystem::exists(JoinPath(dir, "MANIFEST.tmp")));
  BOOST_TEST(!std::filesystem::exists(JoinPath(dir, SegmentFileName(2) + ".tmp")));
  BOOST_TEST(std::filesystem::exists(JoinPath(dir, "notes.txt")));
  BOOST_TEST(std::filesystem::exists(JoinPath(dir, "upload.tmp")));
}

BOOST_AUTO_TEST_CASE(covered_segments_left_by_a_checkpoint_are_deleted_on_open) {
  Write(60, Durability::kImmediate, 4096);
  const std::string segment_1 = ReadFile(Segment(1));
  {
    auto journal = Open();
    BOOST_REQUIRE(journal.ok());
    BOOST_REQUIRE((*journal)->Checkpoint(ReadFirstTxn(Segment(2)) - 1).ok());
  }
  BOOST_REQUIRE(!std::filesystem::exists(Segment(1)));
  WriteWholeFile(Segment(1), segment_1);  // as if the unlink had not persisted
  auto journal = Open();
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST((*journal)->recovery().leftovers_removed == 1u);
  BOOST_TEST(!std::filesystem::exists(Segment(1)));
}

BOOST_AUTO_TEST_CASE(open_syncs_the_directory_after_deleting_leftovers) {
  Write(3);
  AppendToFile(JoinPath(dir, "MANIFEST.tmp"), "half a manifest");
  TestFileSystem logged(fs);
  BOOST_REQUIRE(Journal::Open(logged, dir, TestOptions(Durability::kImmediate)).ok());
  const std::vector<std::string> log = logged.log();
  BOOST_REQUIRE(log.size() >= 2u);
  BOOST_TEST(log[0] == "unlink " + dir + "/MANIFEST.tmp");
  BOOST_TEST(log[1] == "syncdir " + dir);
}

BOOST_AUTO_TEST_CASE(open_syncs_the_directory_of_an_existing_journal) {
  // A checkpoint that died between its MANIFEST rename and the directory sync: the next open
  // reports that checkpoint, so it must make it durable first.
  Write(3);
  TestFileSystem logged(fs);
  BOOST_REQUIRE(Journal::Open(logged, dir, TestOptions(Durability::kImmediate)).ok());
  BOOST_TEST(logged.Count("syncdir " + dir) == 1u);
}

BOOST_AUTO_TEST_CASE(open_rewrites_records_no_watermark_vouches_for_then_fsyncs) {
  // After a failed fsync Linux keeps the pages readable but clean: what recovery reads may not be
  // on disk, and a bare fsync would do nothing. Open writes such records again before syncing.
  Write(5, Durability::kRelaxed);  // nothing synced while writing: no record is vouched for
  TestFileSystem logged(fs);
  {
    auto journal = Journal::Open(logged, dir, TestOptions(Durability::kRelaxed));
    BOOST_REQUIRE(journal.ok());
    AppendSamples(**journal, 6, 6);
  }
  const std::vector<std::string> log = logged.log();
  const uint64_t end = FileSize(Segment());
  std::vector<std::string> expected = {
      "syncdir " + dir,
      "write " + Segment() + "@64+" + std::to_string(RecordOffset(Segment(), 6) - 64),
      "sync " + Segment(),
      "write " + Segment() + "@" + std::to_string(RecordOffset(Segment(), 6)) + "+" +
          std::to_string(end - RecordOffset(Segment(), 6))};
  BOOST_REQUIRE(log.size() >= expected.size());
  for (size_t i = 0; i < expected.size(); ++i) BOOST_TEST(log[i] == expected[i]);
}

BOOST_AUTO_TEST_CASE(open_rewrites_only_the_last_unvouched_batch_of_a_synced_log) {
  Write(5, Durability::kImmediate);  // record 5 vouches for 4: only record 5 is unproven
  TestFileSystem logged(fs);
  BOOST_REQUIRE(Journal::Open(logged, dir, TestOptions(Durability::kImmediate)).ok());
  const uint64_t at5 = RecordOffset(Segment(), 5);
  BOOST_TEST(logged.Count("write " + Segment() + "@" + std::to_string(at5) + "+" +
                          std::to_string(FileSize(Segment()) - at5)) == 1u);
  BOOST_TEST(logged.Count("write ") == 1u);
  BOOST_TEST(logged.Count("sync " + Segment()) == 1u);
}

BOOST_AUTO_TEST_CASE(existing_directory_without_a_journal_is_not_found_when_creation_is_off) {
  std::filesystem::create_directories(dir);
  AppendToFile(JoinPath(dir, "notes.txt"), "not a journal");
  JournalOptions options = TestOptions(Durability::kImmediate);
  options.create_if_missing = false;
  BOOST_TEST(Journal::Open(fs, dir, options).status().IsNotFound());
  BOOST_TEST(!std::filesystem::exists(JoinPath(dir, "MANIFEST")));
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
