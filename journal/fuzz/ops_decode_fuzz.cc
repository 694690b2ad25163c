// libFuzzer target: DecodeOps on arbitrary bytes (a record's operation list).
//
// Decoding is total (ops.h): any input decodes or yields kCorruption with a message, never
// allocating more than the input could describe. The encoding has no slack (fixed-width fields,
// exact lengths), so whatever decodes must re-encode to exactly the input, and EncodedSize must
// agree with EncodeOps. A violation aborts like a crash.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "journal/coding.h"
#include "journal/ops.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace powercut;           // NOLINT(google-build-using-namespace)
  using namespace powercut::journal;  // NOLINT(google-build-using-namespace)
  const ByteView input(reinterpret_cast<const std::byte*>(data), size);
  const Result<std::vector<Op>> decoded = DecodeOps(input);
  if (!decoded.ok()) {
    if (!decoded.status().IsCorruption() || decoded.status().message().empty()) {
      std::fprintf(stderr, "ops_decode_fuzz: DecodeOps failed with %s\n",
                   decoded.status().ToString().c_str());
      std::abort();
    }
    return 0;
  }
  for (const Op& op : *decoded) (void)DescribeOp(op);
  Bytes encoded;
  const Status status = EncodeOps(*decoded, encoded);
  if (!status.ok() || EncodedSize(*decoded) != encoded.size() || encoded.size() != input.size() ||
      !std::equal(encoded.begin(), encoded.end(), input.begin())) {
    std::fprintf(stderr, "ops_decode_fuzz: %zu bytes decoded to %zu ops that re-encode to %zu "
                 "bytes (EncodedSize %zu, status %s)\n",
                 input.size(), decoded->size(), encoded.size(), EncodedSize(*decoded),
                 status.ToString().c_str());
    std::abort();
  }
  return 0;
}
