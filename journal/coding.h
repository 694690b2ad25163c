// Little-endian fixed-width integer encoding, independent of the host's byte order.
// Every integer the journal stores on disk goes through these functions.
#ifndef POWERCUT_JOURNAL_CODING_H_
#define POWERCUT_JOURNAL_CODING_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace powercut::journal {

using Bytes = std::vector<std::byte>;
using ByteView = std::span<const std::byte>;

// On a little-endian host the value's bytes are the stored ones: one store instead of a byte loop
// (a 16 KiB transaction's chunk list is two thousand of them; ops.cc stores them in place).
template <typename T>
inline void StoreLittleEndian(std::byte* at, T v) {
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(at, &v, sizeof(T));
  } else {
    for (size_t i = 0; i < sizeof(T); ++i) at[i] = static_cast<std::byte>(v >> (8 * i));
  }
}
inline void StoreFixed32(std::byte* at, uint32_t v) { StoreLittleEndian(at, v); }
inline void StoreFixed64(std::byte* at, uint64_t v) { StoreLittleEndian(at, v); }

inline void PutFixed16(Bytes& out, uint16_t v) {
  for (int i = 0; i < 2; ++i) out.push_back(static_cast<std::byte>(v >> (8 * i)));
}
inline void PutFixed32(Bytes& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::byte>(v >> (8 * i)));
}
inline void PutFixed64(Bytes& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::byte>(v >> (8 * i)));
}
inline void PutBytes(Bytes& out, ByteView bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }
inline void PutString(Bytes& out, std::string_view s) {
  PutBytes(out, std::as_bytes(std::span(s.data(), s.size())));
}

// On a little-endian host the stored bytes are the value: one load instead of a byte loop
// (record and segment headers are parsed for every record read back).
template <typename T>
inline T LoadLittleEndian(const std::byte* at) {
  T v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, at, sizeof(T));
  } else {
    for (int i = static_cast<int>(sizeof(T)) - 1; i >= 0; --i) {
      v = static_cast<T>((v << 8) | std::to_integer<T>(at[i]));
    }
  }
  return v;
}
inline uint16_t LoadFixed16(const std::byte* at) { return LoadLittleEndian<uint16_t>(at); }
inline uint32_t LoadFixed32(const std::byte* at) { return LoadLittleEndian<uint32_t>(at); }
inline uint64_t LoadFixed64(const std::byte* at) { return LoadLittleEndian<uint64_t>(at); }

// CRC-32 (ISO-HDLC, zlib's crc32, the seed's polynomial 0xEDB88320) of `bytes`, continuing from
// `crc` (0 to start).
uint32_t Crc32(uint32_t crc, ByteView bytes);
// The CRC of A||B from crc(A), crc(B) and |B|, without touching the bytes again.
uint32_t Crc32Combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b);

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_CODING_H_
