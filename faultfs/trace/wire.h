// Byte-level helpers of the trace file format (TRACE.md): little-endian fixed-width integers,
// CRC-32, and a bounds-checked cursor for decoding. Bytes and ByteView are part of the public
// API (trace_format.h); namespace wire is for faultfs/trace, its tests and fuzzers.
#ifndef POWERCUT_FAULTFS_TRACE_WIRE_H_
#define POWERCUT_FAULTFS_TRACE_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace powercut::trace {

using Bytes = std::vector<std::byte>;
using ByteView = std::span<const std::byte>;

namespace wire {

inline void PutU8(Bytes& out, uint8_t v) { out.push_back(static_cast<std::byte>(v)); }
inline void PutU16(Bytes& out, uint16_t v) {
  for (int i = 0; i < 2; ++i) out.push_back(static_cast<std::byte>(v >> (8 * i)));
}
inline void PutU32(Bytes& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::byte>(v >> (8 * i)));
}
inline void PutU64(Bytes& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::byte>(v >> (8 * i)));
}
inline void PutRaw(Bytes& out, std::string_view s) {
  const auto* p = reinterpret_cast<const std::byte*>(s.data());
  out.insert(out.end(), p, p + s.size());
}
inline void StoreU32(std::byte* at, uint32_t v) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<std::byte>(v >> (8 * i));
}
inline uint16_t LoadU16(const std::byte* at) {
  return static_cast<uint16_t>(std::to_integer<uint16_t>(at[0]) |
                               (std::to_integer<uint16_t>(at[1]) << 8));
}
inline uint32_t LoadU32(const std::byte* at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | std::to_integer<uint32_t>(at[i]);
  return v;
}
inline uint64_t LoadU64(const std::byte* at) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | std::to_integer<uint64_t>(at[i]);
  return v;
}

// CRC-32/ISO-HDLC (zlib's crc32) of `bytes`, continuing from `crc` (0 to start).
uint32_t Crc32(uint32_t crc, ByteView bytes);

// Reads fields front to back. Every read checks the bytes left first and, on failure, leaves the
// cursor failed (all later reads fail too), so a decoder can read a whole layout and test once.
class Cursor {
 public:
  explicit Cursor(ByteView bytes) : bytes_(bytes) {}

  // `what` names the field in the error ("inode", "name").
  bool ReadU8(const char* what, uint8_t& v);
  bool ReadU32(const char* what, uint32_t& v);
  bool ReadU64(const char* what, uint64_t& v);
  // A u32 length, then that many bytes. Fails, before allocating anything, when the length
  // exceeds `max_bytes` or the bytes left.
  bool ReadString(const char* what, size_t max_bytes, std::string& out);

  size_t left() const { return bytes_.size() - at_; }
  bool failed() const { return failed_; }
  // Why the first failed read failed ("name: length 300 exceeds the maximum 255").
  const std::string& error() const { return error_; }

 private:
  bool Take(size_t n, const char* what);

  ByteView bytes_;
  size_t at_ = 0;
  bool failed_ = false;
  std::string error_;
};

}  // namespace wire
}  // namespace powercut::trace

#endif  // POWERCUT_FAULTFS_TRACE_WIRE_H_
