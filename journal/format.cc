#include "journal/format.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "faultfs/fs/status.h"

namespace powercut::journal {
namespace {

constexpr std::array<std::byte, 4> kRecordMagic = {std::byte{'E'}, std::byte{'M'}, std::byte{'B'},
                                                   std::byte{'R'}};
constexpr std::array<std::byte, 4> kSegmentMagic = {std::byte{'E'}, std::byte{'M'}, std::byte{'B'},
                                                    std::byte{'S'}};
constexpr std::array<std::byte, 4> kManifestMagic = {std::byte{'E'}, std::byte{'M'},
                                                     std::byte{'B'}, std::byte{'M'}};
constexpr size_t kRecordCrcOffset = 28;
constexpr size_t kSegmentCrcOffset = 60;
constexpr size_t kManifestCrcOffset = 44;

bool HasMagic(ByteView bytes, const std::array<std::byte, 4>& magic) {
  return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
}

bool AllZero(ByteView bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

uint32_t SaltCrc(uint32_t salt) {
  std::array<std::byte, 4> salt_bytes{};
  StoreFixed32(salt_bytes.data(), salt);
  return Crc32(0, salt_bytes);
}

}  // namespace

void SealRecord(std::span<std::byte> record, uint32_t salt, uint64_t txn_id,
                uint64_t timestamp_ns, uint64_t durable_txn, uint32_t ops_crc) {
  POWERCUT_ASSERT(record.size() >= kRecordPrefixBytes);
  const size_t payload_len = record.size() - kRecordHeaderBytes;
  POWERCUT_ASSERT(payload_len <= kMaxPayloadBytes);
  POWERCUT_ASSERT(durable_txn < txn_id);
  std::byte* h = record.data();
  std::copy(kRecordMagic.begin(), kRecordMagic.end(), h);
  h[4] = std::byte{kRecordVersion & 0xff};
  h[5] = std::byte{kRecordVersion >> 8};
  h[6] = std::byte{kRecordFlagCommitted & 0xff};
  h[7] = std::byte{kRecordFlagCommitted >> 8};
  StoreFixed64(h + 8, txn_id);
  StoreFixed64(h + 16, timestamp_ns);
  StoreFixed32(h + 24, static_cast<uint32_t>(payload_len));
  StoreFixed64(h + kRecordHeaderBytes, durable_txn);
  // CRC over salt || header[0..28) || payload, where payload = watermark || ops.
  uint32_t crc = Crc32(SaltCrc(salt), record.subspan(0, kRecordCrcOffset));
  crc = Crc32(crc, record.subspan(kRecordHeaderBytes, kWatermarkBytes));
  crc = Crc32Combine(crc, ops_crc, record.size() - kRecordPrefixBytes);
  StoreFixed32(h + kRecordCrcOffset, crc);
}

std::optional<RecordHeader> ParseRecordHeader(ByteView header) {
  if (header.size() < kRecordHeaderBytes || !HasMagic(header, kRecordMagic)) return std::nullopt;
  RecordHeader out;
  out.version = LoadFixed16(header.data() + 4);
  out.flags = LoadFixed16(header.data() + 6);
  out.txn_id = LoadFixed64(header.data() + 8);
  out.timestamp_ns = LoadFixed64(header.data() + 16);
  out.payload_len = LoadFixed32(header.data() + 24);
  out.crc = LoadFixed32(header.data() + kRecordCrcOffset);
  if (out.version != kRecordVersion || out.flags != kRecordFlagCommitted) return std::nullopt;
  if (out.payload_len < kWatermarkBytes || out.payload_len > kMaxPayloadBytes) return std::nullopt;
  return out;
}

bool RecordCrcMatches(uint32_t salt, ByteView header, ByteView payload) {
  return RecordCrcMatchesSeeded(RecordCrcSeed(salt), header, payload);
}

uint32_t RecordCrcSeed(uint32_t salt) { return SaltCrc(salt); }

bool RecordCrcMatchesSeeded(uint32_t crc_seed, ByteView header, ByteView payload) {
  uint32_t crc = Crc32(crc_seed, header.subspan(0, kRecordCrcOffset));
  crc = Crc32(crc, payload);
  return crc == LoadFixed32(header.data() + kRecordCrcOffset);
}

Bytes EncodeSegmentHeader(const SegmentHeader& header) {
  Bytes out(kSegmentMagic.begin(), kSegmentMagic.end());
  PutFixed16(out, kSegmentVersion);
  PutFixed16(out, static_cast<uint16_t>(kSegmentHeaderBytes));
  PutFixed64(out, header.journal_id);
  PutFixed64(out, header.segment_seq);
  PutFixed64(out, header.first_txn);
  PutFixed32(out, header.salt);
  out.resize(kSegmentCrcOffset, std::byte{0});  // reserved, zero
  PutFixed32(out, Crc32(0, out));
  return out;
}

std::optional<SegmentHeader> ParseSegmentHeader(ByteView bytes) {
  if (bytes.size() < kSegmentHeaderBytes || !HasMagic(bytes, kSegmentMagic)) return std::nullopt;
  const std::byte* b = bytes.data();
  if (LoadFixed16(b + 4) != kSegmentVersion || LoadFixed16(b + 6) != kSegmentHeaderBytes) {
    return std::nullopt;
  }
  if (Crc32(0, bytes.subspan(0, kSegmentCrcOffset)) != LoadFixed32(b + kSegmentCrcOffset)) {
    return std::nullopt;
  }
  if (!AllZero(bytes.subspan(36, kSegmentCrcOffset - 36))) return std::nullopt;
  SegmentHeader out;
  out.journal_id = LoadFixed64(b + 8);
  out.segment_seq = LoadFixed64(b + 16);
  out.first_txn = LoadFixed64(b + 24);
  out.salt = LoadFixed32(b + 32);
  if (out.first_txn == 0) return std::nullopt;  // ids start at 1
  return out;
}

std::string SegmentFileName(uint64_t segment_seq) {
  char name[32];
  (void)std::snprintf(name, sizeof(name), "%016llx.wal", static_cast<unsigned long long>(segment_seq));
  return name;
}

std::optional<uint64_t> ParseSegmentFileName(std::string_view name) {
  constexpr std::string_view kSuffix = ".wal";
  if (name.size() != 16 + kSuffix.size() || !name.ends_with(kSuffix)) return std::nullopt;
  uint64_t seq = 0;
  for (const char c : name.substr(0, 16)) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    seq = (seq << 4) | static_cast<uint64_t>(digit);
  }
  return seq;
}

Bytes EncodeManifest(const Manifest& manifest) {
  Bytes out(kManifestMagic.begin(), kManifestMagic.end());
  PutFixed16(out, kManifestVersion);
  PutFixed16(out, 0);
  PutFixed64(out, manifest.journal_id);
  PutFixed64(out, manifest.checkpoint_txn);
  PutFixed64(out, manifest.oldest_segment);
  out.resize(kManifestCrcOffset, std::byte{0});  // reserved, zero
  PutFixed32(out, Crc32(0, out));
  return out;
}

std::optional<Manifest> ParseManifest(ByteView bytes) {
  if (bytes.size() != kManifestBytes || !HasMagic(bytes, kManifestMagic)) return std::nullopt;
  const std::byte* b = bytes.data();
  if (LoadFixed16(b + 4) != kManifestVersion || LoadFixed16(b + 6) != 0) return std::nullopt;
  if (Crc32(0, bytes.subspan(0, kManifestCrcOffset)) != LoadFixed32(b + kManifestCrcOffset)) {
    return std::nullopt;
  }
  if (!AllZero(bytes.subspan(32, kManifestCrcOffset - 32))) return std::nullopt;
  Manifest out;
  out.journal_id = LoadFixed64(b + 8);
  out.checkpoint_txn = LoadFixed64(b + 16);
  out.oldest_segment = LoadFixed64(b + 24);
  if (out.oldest_segment == 0) return std::nullopt;
  return out;
}

}  // namespace powercut::journal
