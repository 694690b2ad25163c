#include "journal/format.h"

#include <boost/test/unit_test.hpp>

#include "journal/ops.h"

namespace powercut::journal {
namespace {

Bytes FromHex(std::string_view hex) {
  Bytes out;
  for (size_t i = 0; i < hex.size();) {
    if (hex[i] == ' ') {
      ++i;
      continue;
    }
    out.push_back(static_cast<std::byte>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    i += 2;
  }
  return out;
}

// The example record of FORMAT.md, byte for byte: txn 7, Barrier, watermark 6, salt 0x01020304.
constexpr std::string_view kGoldenRecord =
    "45 4d 42 52 02 00 01 00 07 00 00 00 00 00 00 00 88 77 66 55 44 33 22 11 09 00 00 00 "
    "8c b8 47 55 06 00 00 00 00 00 00 00 06";
constexpr uint32_t kGoldenSalt = 0x01020304;

Bytes GoldenRecordBuilt() {
  Bytes record(kRecordPrefixBytes);
  BOOST_REQUIRE(EncodeOps({Barrier{}}, record).ok());
  const uint32_t ops_crc = Crc32(0, ByteView(record).subspan(kRecordPrefixBytes));
  SealRecord(record, kGoldenSalt, 7, 0x1122334455667788, 6, ops_crc);
  return record;
}

BOOST_AUTO_TEST_SUITE(format)

BOOST_AUTO_TEST_CASE(record_matches_golden_bytes_of_format_md) {
  BOOST_TEST(GoldenRecordBuilt() == FromHex(kGoldenRecord));
}

BOOST_AUTO_TEST_CASE(magic_is_the_bytes_EMBR_on_disk) {
  const Bytes record = GoldenRecordBuilt();
  BOOST_TEST(std::string(reinterpret_cast<const char*>(record.data()), 4) == "EMBR");
}

BOOST_AUTO_TEST_CASE(golden_record_parses_and_its_crc_matches_only_with_its_salt) {
  const Bytes record = FromHex(kGoldenRecord);
  const auto header = ParseRecordHeader(record);
  BOOST_REQUIRE(header.has_value());
  BOOST_TEST(header->txn_id == 7u);
  BOOST_TEST(header->timestamp_ns == 0x1122334455667788u);
  BOOST_TEST(header->payload_len == 9u);
  const ByteView payload = ByteView(record).subspan(kRecordHeaderBytes);
  BOOST_TEST(RecordCrcMatches(kGoldenSalt, ByteView(record).first(32), payload));
  BOOST_TEST(!RecordCrcMatches(kGoldenSalt + 1, ByteView(record).first(32), payload));
  // The two-step form a segment reader uses.
  BOOST_TEST(RecordCrcMatchesSeeded(RecordCrcSeed(kGoldenSalt), ByteView(record).first(32), payload));
  BOOST_TEST(
      !RecordCrcMatchesSeeded(RecordCrcSeed(kGoldenSalt + 1), ByteView(record).first(32), payload));
}

BOOST_AUTO_TEST_CASE(any_flipped_bit_fails_the_record) {
  const Bytes golden = FromHex(kGoldenRecord);
  for (size_t byte = 0; byte < golden.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes record = golden;
      record[byte] ^= static_cast<std::byte>(1 << bit);
      const auto header = ParseRecordHeader(record);
      const bool valid = header.has_value() && record.size() == 32 + header->payload_len &&
                         RecordCrcMatches(kGoldenSalt, ByteView(record).first(32),
                                          ByteView(record).subspan(32));
      BOOST_TEST(!valid, "byte " << byte << " bit " << bit);
    }
  }
}

BOOST_AUTO_TEST_CASE(header_with_oversized_payload_length_is_rejected) {
  Bytes record = FromHex(kGoldenRecord);
  StoreFixed32(record.data() + 24, kMaxPayloadBytes + 1);
  BOOST_TEST(!ParseRecordHeader(record).has_value());
  StoreFixed32(record.data() + 24, 0xffffffff);
  BOOST_TEST(!ParseRecordHeader(record).has_value());
  StoreFixed32(record.data() + 24, kWatermarkBytes - 1);  // too short for the watermark
  BOOST_TEST(!ParseRecordHeader(record).has_value());
}

BOOST_AUTO_TEST_CASE(header_of_seed_version_1_or_other_flags_is_rejected) {
  Bytes record = FromHex(kGoldenRecord);
  record[4] = std::byte{1};
  BOOST_TEST(!ParseRecordHeader(record).has_value());
  record = FromHex(kGoldenRecord);
  record[6] = std::byte{2};  // the seed's "Checkpointed" flag: never written by this journal
  BOOST_TEST(!ParseRecordHeader(record).has_value());
}

BOOST_AUTO_TEST_CASE(segment_header_matches_golden_bytes) {
  const SegmentHeader header{0xA1B2C3D4E5F60718, 3, 41, 0x01020304};
  const Bytes expected = FromHex(
      "45 4d 42 53 01 00 40 00 18 07 f6 e5 d4 c3 b2 a1 03 00 00 00 00 00 00 00 29 00 00 00 00 00 "
      "00 00 04 03 02 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
      "6f 02 62 3a");
  BOOST_TEST(EncodeSegmentHeader(header) == expected);
  const auto parsed = ParseSegmentHeader(expected);
  BOOST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->journal_id == header.journal_id);
  BOOST_TEST(parsed->segment_seq == 3u);
  BOOST_TEST(parsed->first_txn == 41u);
  BOOST_TEST(parsed->salt == header.salt);
}

BOOST_AUTO_TEST_CASE(segment_header_with_damage_or_nonzero_reserved_bytes_is_rejected) {
  const Bytes good = EncodeSegmentHeader(SegmentHeader{1, 1, 1, 1});
  for (size_t i = 0; i < good.size(); ++i) {
    Bytes bad = good;
    bad[i] ^= std::byte{0x01};
    BOOST_TEST(!ParseSegmentHeader(bad).has_value(), "byte " << i);
  }
  BOOST_TEST(!ParseSegmentHeader(ByteView(good).first(63)).has_value());
  BOOST_TEST(!ParseSegmentHeader(EncodeSegmentHeader(SegmentHeader{1, 1, 0, 1})).has_value());
}

BOOST_AUTO_TEST_CASE(manifest_matches_golden_bytes_and_rejects_damage) {
  const Manifest manifest{0xA1B2C3D4E5F60718, 40, 3};
  const Bytes expected = FromHex(
      "45 4d 42 4d 01 00 00 00 18 07 f6 e5 d4 c3 b2 a1 28 00 00 00 00 00 00 00 03 00 00 00 00 00 "
      "00 00 00 00 00 00 00 00 00 00 00 00 00 00 53 7d 8f 0c");
  BOOST_TEST(EncodeManifest(manifest) == expected);
  const auto parsed = ParseManifest(expected);
  BOOST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->checkpoint_txn == 40u);
  BOOST_TEST(parsed->oldest_segment == 3u);
  for (size_t i = 0; i < expected.size(); ++i) {
    Bytes bad = expected;
    bad[i] ^= std::byte{0x80};
    BOOST_TEST(!ParseManifest(bad).has_value(), "byte " << i);
  }
  Bytes longer = expected;
  longer.push_back(std::byte{0});
  BOOST_TEST(!ParseManifest(longer).has_value());
}

BOOST_AUTO_TEST_CASE(segment_file_names_round_trip_and_reject_others) {
  BOOST_TEST(SegmentFileName(42) == "000000000000002a.wal");
  BOOST_TEST(ParseSegmentFileName("000000000000002a.wal").value() == 42u);
  BOOST_TEST(ParseSegmentFileName("ffffffffffffffff.wal").value() == ~uint64_t{0});
  BOOST_TEST(!ParseSegmentFileName("000000000000002A.wal").has_value());
  BOOST_TEST(!ParseSegmentFileName("000000000000002a.wal.tmp").has_value());
  BOOST_TEST(!ParseSegmentFileName("2a.wal").has_value());
  BOOST_TEST(!ParseSegmentFileName("MANIFEST").has_value());
}

BOOST_AUTO_TEST_CASE(crc_is_zlib_crc32_of_the_seed) {
  // The CRC-32 check value of "123456789" for the ISO-HDLC polynomial 0xEDB88320.
  const std::string_view check = "123456789";
  BOOST_TEST(Crc32(0, std::as_bytes(std::span(check.data(), check.size()))) == 0xCBF43926u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
