#include "journal/coding.h"

#include <zlib.h>

#include <limits>

namespace powercut::journal {

uint32_t Crc32(uint32_t crc, ByteView bytes) {
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  size_t left = bytes.size();
  uLong value = crc;
  // zlib takes a uInt length; feed large buffers in pieces.
  while (left > 0) {
    const uInt piece = left > std::numeric_limits<uInt>::max() ? std::numeric_limits<uInt>::max()
                                                               : static_cast<uInt>(left);
    value = ::crc32(value, data, piece);
    data += piece;
    left -= piece;
  }
  return static_cast<uint32_t>(value);
}

uint32_t Crc32Combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b) {
  return static_cast<uint32_t>(::crc32_combine64(crc_a, crc_b, static_cast<z_off64_t>(length_b)));
}

}  // namespace powercut::journal
