#include "journal/coding.h"

#include <libdeflate.h>
#include <zlib.h>

namespace powercut::journal {

// libdeflate's CRC-32 is the same function as zlib's crc32 (format_test.cc compares them), with
// a carry-less-multiply path: zlib's table walk costs about 6 instructions a byte, which made the
// CRC the largest single cost of reading a journal back (docs/PERFORMANCE.md, "Exploration").
uint32_t Crc32(uint32_t crc, ByteView bytes) {
  return libdeflate_crc32(crc, bytes.data(), bytes.size());
}

uint32_t Crc32Combine(uint32_t crc_a, uint32_t crc_b, uint64_t length_b) {
  return static_cast<uint32_t>(::crc32_combine64(crc_a, crc_b, static_cast<z_off64_t>(length_b)));
}

}  // namespace powercut::journal
