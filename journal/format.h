// The journal's on-disk layout: record header, segment header and manifest, and file names.
// FORMAT.md is the specification; format_test.cc checks fixed bytes against it.
//
// Everything here is pure (no I/O): encode to bytes, or parse bytes and say whether they are
// valid. Parsers never trust a length before checking it against the bytes that exist.
#ifndef POWERCUT_JOURNAL_FORMAT_H_
#define POWERCUT_JOURNAL_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "journal/coding.h"

namespace powercut::journal {

// ---- Records --------------------------------------------------------------------------------
inline constexpr size_t kRecordHeaderBytes = 32;
// Every payload starts with the durable watermark (u64), then the encoded operations.
inline constexpr size_t kWatermarkBytes = 8;
inline constexpr size_t kRecordPrefixBytes = kRecordHeaderBytes + kWatermarkBytes;
// Upper bound on payload_len, enforced when writing and when reading: garbage can never make
// the reader allocate more than this.
inline constexpr uint32_t kMaxPayloadBytes = 1u << 20;
inline constexpr uint16_t kRecordVersion = 2;
inline constexpr uint16_t kRecordFlagCommitted = 1;

struct RecordHeader {
  uint16_t version = kRecordVersion;
  uint16_t flags = kRecordFlagCommitted;
  uint64_t txn_id = 0;
  uint64_t timestamp_ns = 0;
  uint32_t payload_len = 0;  // watermark + ops
  uint32_t crc = 0;
};

// Fills the first kRecordPrefixBytes of `record` (header and watermark) in front of the encoded
// ops already stored after them, and computes the salted CRC. `ops_crc` is Crc32(0, ops).
// REQUIRES: record.size() >= kRecordPrefixBytes, payload within kMaxPayloadBytes.
void SealRecord(std::span<std::byte> record, uint32_t salt, uint64_t txn_id,
                uint64_t timestamp_ns, uint64_t durable_txn, uint32_t ops_crc);

// Parses the 32 header bytes: magic, version, flags and the payload bound. nullopt if they are
// not a record header. The CRC is not checked here.
std::optional<RecordHeader> ParseRecordHeader(ByteView header);
// True when `payload` (payload_len bytes after the header) matches the header's salted CRC.
bool RecordCrcMatches(uint32_t salt, ByteView header, ByteView payload);
// The same in two steps, for a reader of many records of one segment: the CRC of the salt
// alone, computed once, then each record's check from it.
uint32_t RecordCrcSeed(uint32_t salt);
bool RecordCrcMatchesSeeded(uint32_t crc_seed, ByteView header, ByteView payload);

// ---- Segments -------------------------------------------------------------------------------
inline constexpr size_t kSegmentHeaderBytes = 64;
inline constexpr uint16_t kSegmentVersion = 1;

struct SegmentHeader {
  uint64_t journal_id = 0;
  uint64_t segment_seq = 0;
  uint64_t first_txn = 0;  // the id the segment's first record must carry
  uint32_t salt = 0;       // mixed into every record CRC of this segment
};

Bytes EncodeSegmentHeader(const SegmentHeader& header);
std::optional<SegmentHeader> ParseSegmentHeader(ByteView bytes);

// "000000000000002a.wal" for segment 42; nullopt for any other name.
std::string SegmentFileName(uint64_t segment_seq);
std::optional<uint64_t> ParseSegmentFileName(std::string_view name);

// ---- Manifest -------------------------------------------------------------------------------
inline constexpr size_t kManifestBytes = 48;
inline constexpr uint16_t kManifestVersion = 1;
inline constexpr std::string_view kManifestName = "MANIFEST";
inline constexpr std::string_view kTempSuffix = ".tmp";

struct Manifest {
  uint64_t journal_id = 0;
  uint64_t checkpoint_txn = 0;  // every txn <= this is applied; the log need not keep it
  uint64_t oldest_segment = 1;  // segments below this are covered by the checkpoint
};

Bytes EncodeManifest(const Manifest& manifest);
std::optional<Manifest> ParseManifest(ByteView bytes);

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_FORMAT_H_
