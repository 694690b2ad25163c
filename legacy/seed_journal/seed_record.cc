#include "legacy/seed_journal/seed_record.h"

#include <string>
#include <string_view>

namespace powercut::legacy {
namespace {

constexpr size_t kChecksummedHeaderBytes = 28;  // everything before the checksum field

uint32_t RecordChecksum(journal::ByteView header28, journal::ByteView payload) {
  return journal::Crc32(journal::Crc32(0, header28), payload);
}

}  // namespace

journal::Bytes EncodeSeedRecord(uint64_t txn_id, uint64_t timestamp_ns,
                                journal::ByteView payload) {
  journal::Bytes out;
  out.reserve(kSeedHeaderBytes + payload.size());
  journal::PutFixed32(out, kSeedMagic);
  journal::PutFixed16(out, kSeedVersion);
  journal::PutFixed16(out, static_cast<uint16_t>(SeedFlags::kCommitted));
  journal::PutFixed64(out, txn_id);
  journal::PutFixed64(out, timestamp_ns);
  journal::PutFixed32(out, static_cast<uint32_t>(payload.size()));  // truncated, as in the seed
  journal::PutFixed32(out, RecordChecksum(out, payload));
  journal::PutBytes(out, payload);
  return out;
}

Result<SeedHeader> DecodeSeedHeader(journal::ByteView header) {
  const std::byte* at = header.data();
  const uint32_t magic = journal::LoadFixed32(at);
  if (magic != kSeedMagic) {
    constexpr std::string_view kDigits = "0123456789abcdef";
    std::string hex(8, '0');  // "%08x", as the seed prints it
    for (size_t i = 0; i < 8; ++i) hex[7 - i] = kDigits[(magic >> (4 * i)) & 0xF];
    return Status::Corruption("invalid magic: " + hex);
  }
  const uint16_t version = journal::LoadFixed16(at + 4);
  if (version != kSeedVersion) {
    return Status::Corruption("unsupported version: " + std::to_string(version));
  }
  const uint16_t flags = journal::LoadFixed16(at + 6);
  if (flags > static_cast<uint16_t>(SeedFlags::kAborted)) return Status::Corruption("invalid flags");
  return SeedHeader{.flags = static_cast<SeedFlags>(flags),
                    .txn_id = journal::LoadFixed64(at + 8),
                    .timestamp_ns = journal::LoadFixed64(at + 16),
                    .payload_len = journal::LoadFixed32(at + 24),
                    .checksum = journal::LoadFixed32(at + 28)};
}

bool SeedChecksumMatches(const SeedHeader& header, journal::ByteView payload) {
  journal::Bytes first28;
  first28.reserve(kChecksummedHeaderBytes);
  journal::PutFixed32(first28, kSeedMagic);
  journal::PutFixed16(first28, kSeedVersion);
  journal::PutFixed16(first28, static_cast<uint16_t>(header.flags));
  journal::PutFixed64(first28, header.txn_id);
  journal::PutFixed64(first28, header.timestamp_ns);
  journal::PutFixed32(first28, header.payload_len);
  return RecordChecksum(first28, payload) == header.checksum;
}

}  // namespace powercut::legacy
