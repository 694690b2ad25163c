#include "faultfs/trace/wire.h"

#include <zlib.h>

#include <limits>

namespace powercut::trace::wire {

uint32_t Crc32(uint32_t crc, ByteView bytes) {
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  size_t left = bytes.size();
  uLong value = crc;
  while (left > 0) {  // zlib takes a uInt length: feed large buffers in pieces
    const uInt piece = left > std::numeric_limits<uInt>::max() ? std::numeric_limits<uInt>::max()
                                                               : static_cast<uInt>(left);
    value = ::crc32(value, data, piece);
    data += piece;
    left -= piece;
  }
  return static_cast<uint32_t>(value);
}

bool Cursor::Take(size_t n, const char* what) {
  if (failed_) return false;
  if (n > left()) {
    failed_ = true;
    error_ = std::string(what) + ": needs " + std::to_string(n) + " bytes, " +
             std::to_string(left()) + " left";
    return false;
  }
  at_ += n;
  return true;
}

bool Cursor::ReadU8(const char* what, uint8_t& v) {
  if (!Take(1, what)) return false;
  v = std::to_integer<uint8_t>(bytes_[at_ - 1]);
  return true;
}

bool Cursor::ReadU32(const char* what, uint32_t& v) {
  if (!Take(4, what)) return false;
  v = LoadU32(bytes_.data() + at_ - 4);
  return true;
}

bool Cursor::ReadU64(const char* what, uint64_t& v) {
  if (!Take(8, what)) return false;
  v = LoadU64(bytes_.data() + at_ - 8);
  return true;
}

bool Cursor::ReadString(const char* what, size_t max_bytes, std::string& out) {
  uint32_t length = 0;
  if (!ReadU32(what, length)) return false;
  if (length > max_bytes) {
    failed_ = true;
    error_ = std::string(what) + ": length " + std::to_string(length) + " exceeds the maximum " +
             std::to_string(max_bytes);
    return false;
  }
  if (!Take(length, what)) return false;
  // Only now, with the bytes known to exist, is anything allocated.
  out.assign(reinterpret_cast<const char*>(bytes_.data() + at_ - length), length);
  return true;
}

}  // namespace powercut::trace::wire
