// The seed journal's record: a 32-byte header, then the payload (the encoded ops).
//
//   magic u32 = 0x52424D45 | version u16 = 1 | flags u16 | txn_id u64 | timestamp u64 |
//   payload_len u32 | checksum u32 = CRC-32 (ISO-HDLC) of the first 28 header bytes + payload
//
// All little-endian. No salt, no length bound, no position check: stale or misplaced bytes
// validate (legacy; see seed_journal.h).
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_SEED_RECORD_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_SEED_RECORD_H_

#include <cstdint>

#include "faultfs/fs/result.h"
#include "journal/coding.h"

namespace powercut::legacy {

inline constexpr uint32_t kSeedMagic = 0x52424D45;
inline constexpr uint16_t kSeedVersion = 1;
inline constexpr size_t kSeedHeaderBytes = 32;

enum class SeedFlags : uint16_t { kPending = 0, kCommitted = 1, kCheckpointed = 2, kAborted = 3 };

struct SeedHeader {
  SeedFlags flags = SeedFlags::kCommitted;
  uint64_t txn_id = 0;
  uint64_t timestamp_ns = 0;
  uint32_t payload_len = 0;
  uint32_t checksum = 0;
};

// The header of `payload`, its checksum computed, followed by the payload.
journal::Bytes EncodeSeedRecord(uint64_t txn_id, uint64_t timestamp_ns, journal::ByteView payload);
// Parses a 32-byte header; kCorruption for a bad magic, version or flags (the seed's messages).
Result<SeedHeader> DecodeSeedHeader(journal::ByteView header);
bool SeedChecksumMatches(const SeedHeader& header, journal::ByteView payload);

}  // namespace powercut::legacy

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_SEED_RECORD_H_
