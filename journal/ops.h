// The operations a journal transaction carries, and their byte encoding (the seed's, unchanged:
// a type byte, then fixed little-endian fields; see FORMAT.md "Operations").
//
// The journal does not interpret operations: it stores a transaction's list atomically and hands
// it back on replay. Decoding is total: any byte string either decodes or yields kCorruption, and
// never allocates more than the input could describe.
#ifndef POWERCUT_JOURNAL_OPS_H_
#define POWERCUT_JOURNAL_OPS_H_

#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "faultfs/fs/result.h"
#include "journal/coding.h"

namespace powercut::journal {

using Hash256 = std::array<uint8_t, 32>;

struct WriteChunk {
  uint64_t chunk_id = 0;
  Hash256 data_hash{};
  uint64_t data_len = 0;
  bool operator==(const WriteChunk&) const = default;
};
struct DeleteChunk {
  uint64_t chunk_id = 0;
  bool operator==(const DeleteChunk&) const = default;
};
struct WriteFile {
  std::string path;  // at most kMaxPathBytes
  std::vector<uint64_t> chunk_ids;
  uint64_t size = 0;
  bool operator==(const WriteFile&) const = default;
};
struct DeleteFile {
  std::string path;  // at most kMaxPathBytes
  bool operator==(const DeleteFile&) const = default;
};
struct UpdateRoot {
  Hash256 root_hash{};
  bool operator==(const UpdateRoot&) const = default;
};
struct Barrier {
  bool operator==(const Barrier&) const = default;
};

using Op = std::variant<WriteChunk, DeleteChunk, WriteFile, DeleteFile, UpdateRoot, Barrier>;

// One committed transaction as replay returns it.
struct Transaction {
  uint64_t txn_id = 0;
  uint64_t timestamp_ns = 0;
  std::vector<Op> ops;
};

// On-disk type bytes (the seed's numbering).
enum class OpType : uint8_t {
  kWriteChunk = 1,
  kDeleteChunk = 2,
  kWriteFile = 3,
  kDeleteFile = 4,
  kUpdateRoot = 5,
  kBarrier = 6,
};

inline constexpr size_t kMaxPathBytes = 4096;

// Appends the encoding of `ops` to `out`. Fails (kInvalidArgument) on a path longer than
// kMaxPathBytes; `out` is then unspecified.
Status EncodeOps(const std::vector<Op>& ops, Bytes& out);
// Exact size EncodeOps would append.
size_t EncodedSize(const std::vector<Op>& ops);
// Decodes a whole op list; every byte must belong to an op.
Result<std::vector<Op>> DecodeOps(ByteView bytes);

// "WriteFile{path=a/b, chunks=[1,2], size=10}", for dumps and error messages.
std::string DescribeOp(const Op& op);

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_OPS_H_
