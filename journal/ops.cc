#include "journal/ops.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace powercut::journal {
namespace {

constexpr size_t kHashBytes = 32;
constexpr size_t kOpsReserved = 4;  // DecodeOps' first allocation, in ops

// The encoded size of one op; see FORMAT.md "Operations".
struct SizeOf {
  size_t operator()(const WriteChunk&) const { return 1 + 8 + kHashBytes + 8; }
  size_t operator()(const DeleteChunk&) const { return 1 + 8; }
  size_t operator()(const WriteFile& op) const {
    return 1 + 4 + op.path.size() + 4 + 8 * op.chunk_ids.size() + 8;
  }
  size_t operator()(const DeleteFile& op) const { return 1 + 4 + op.path.size(); }
  size_t operator()(const UpdateRoot&) const { return 1 + kHashBytes; }
  size_t operator()(const Barrier&) const { return 1; }
};

void PutHash(Bytes& out, const Hash256& hash) {
  PutBytes(out, std::as_bytes(std::span(hash)));
}

Status PutPath(Bytes& out, const std::string& path) {
  if (path.size() > kMaxPathBytes) {
    return Status::InvalidArgument("operation path is " + std::to_string(path.size()) +
                                   " bytes; the limit is " + std::to_string(kMaxPathBytes));
  }
  PutFixed32(out, static_cast<uint32_t>(path.size()));
  PutString(out, path);
  return Status::Ok();
}

struct Encoder {
  Bytes& out;
  Status operator()(const WriteChunk& op) const {
    out.push_back(std::byte{static_cast<uint8_t>(OpType::kWriteChunk)});
    PutFixed64(out, op.chunk_id);
    PutHash(out, op.data_hash);
    PutFixed64(out, op.data_len);
    return Status::Ok();
  }
  Status operator()(const DeleteChunk& op) const {
    out.push_back(std::byte{static_cast<uint8_t>(OpType::kDeleteChunk)});
    PutFixed64(out, op.chunk_id);
    return Status::Ok();
  }
  Status operator()(const WriteFile& op) const {
    out.push_back(std::byte{static_cast<uint8_t>(OpType::kWriteFile)});
    POWERCUT_RETURN_IF_ERROR(PutPath(out, op.path));
    PutFixed32(out, static_cast<uint32_t>(op.chunk_ids.size()));
    const size_t at = out.size();
    out.resize(at + 8 * op.chunk_ids.size());
    std::byte* next = out.data() + at;
    for (const uint64_t id : op.chunk_ids) {
      StoreFixed64(next, id);
      next += 8;
    }
    PutFixed64(out, op.size);
    return Status::Ok();
  }
  Status operator()(const DeleteFile& op) const {
    out.push_back(std::byte{static_cast<uint8_t>(OpType::kDeleteFile)});
    return PutPath(out, op.path);
  }
  Status operator()(const UpdateRoot& op) const {
    out.push_back(std::byte{static_cast<uint8_t>(OpType::kUpdateRoot)});
    PutHash(out, op.root_hash);
    return Status::Ok();
  }
  Status operator()(const Barrier&) const {
    out.push_back(std::byte{static_cast<uint8_t>(OpType::kBarrier)});
    return Status::Ok();
  }
};

// Reads fields from a byte range; every read is checked against what remains, so a garbage
// length or count can never reach past the input or allocate more than it could describe.
class Cursor {
 public:
  explicit Cursor(ByteView bytes) : bytes_(bytes) {}
  size_t remaining() const { return bytes_.size() - pos_; }
  size_t position() const { return pos_; }
  bool Fixed8(uint8_t& v) {
    if (remaining() < 1) return false;
    v = std::to_integer<uint8_t>(bytes_[pos_++]);
    return true;
  }
  bool Fixed32(uint32_t& v) {
    if (remaining() < 4) return false;
    v = LoadFixed32(bytes_.data() + pos_);
    pos_ += 4;
    return true;
  }
  bool Fixed64(uint64_t& v) {
    if (remaining() < 8) return false;
    v = LoadFixed64(bytes_.data() + pos_);
    pos_ += 8;
    return true;
  }
  bool Hash(Hash256& hash) {
    if (remaining() < kHashBytes) return false;
    static_assert(sizeof(Hash256) == kHashBytes);
    std::memcpy(hash.data(), bytes_.data() + pos_, kHashBytes);
    pos_ += kHashBytes;
    return true;
  }
  bool Path(std::string& path) {
    uint32_t len = 0;
    if (!Fixed32(len) || len > kMaxPathBytes || len > remaining()) return false;
    path.assign(reinterpret_cast<const char*>(bytes_.data() + pos_), len);
    pos_ += len;
    return true;
  }
  bool ChunkIds(std::vector<uint64_t>& ids) {
    uint32_t count = 0;
    if (!Fixed32(count) || count > remaining() / 8) return false;
    ids.resize(count);
    for (uint64_t& id : ids) Fixed64(id);
    return true;
  }

 private:
  ByteView bytes_;
  size_t pos_ = 0;
};

// Decodes the op whose type byte was just read into `op`, in place (no temporary to move).
// False when the op is truncated or malformed; `op` is then partly filled.
bool DecodeBody(OpType type, Cursor& in, Op& op) {
  switch (type) {
    case OpType::kWriteChunk: {
      WriteChunk& w = op.emplace<WriteChunk>();
      return in.Fixed64(w.chunk_id) && in.Hash(w.data_hash) && in.Fixed64(w.data_len);
    }
    case OpType::kDeleteChunk: return in.Fixed64(op.emplace<DeleteChunk>().chunk_id);
    case OpType::kWriteFile: {
      WriteFile& w = op.emplace<WriteFile>();
      return in.Path(w.path) && in.ChunkIds(w.chunk_ids) && in.Fixed64(w.size);
    }
    case OpType::kDeleteFile: return in.Path(op.emplace<DeleteFile>().path);
    case OpType::kUpdateRoot: return in.Hash(op.emplace<UpdateRoot>().root_hash);
    case OpType::kBarrier:
      op.emplace<Barrier>();
      return true;
  }
  return false;
}

}  // namespace

Status EncodeOps(const std::vector<Op>& ops, Bytes& out) {
  for (const Op& op : ops) POWERCUT_RETURN_IF_ERROR(std::visit(Encoder{out}, op));
  return Status::Ok();
}

size_t EncodedSize(const std::vector<Op>& ops) {
  size_t total = 0;
  for (const Op& op : ops) total += std::visit(SizeOf{}, op);
  return total;
}

Result<std::vector<Op>> DecodeOps(ByteView bytes) {
  Cursor in(bytes);
  std::vector<Op> ops;
  // One allocation for the usual transaction instead of growing 1, 2, 4; never more than the
  // bytes could hold (an op takes at least its type byte).
  ops.reserve(std::min<size_t>(bytes.size(), kOpsReserved));
  while (in.remaining() > 0) {
    const size_t at = in.position();
    uint8_t type = 0;
    in.Fixed8(type);
    if (type < static_cast<uint8_t>(OpType::kWriteChunk) ||
        type > static_cast<uint8_t>(OpType::kBarrier)) {
      return Status::Corruption("unknown operation type " + std::to_string(type) +
                                " at payload offset " + std::to_string(at));
    }
    if (!DecodeBody(static_cast<OpType>(type), in, ops.emplace_back())) {
      return Status::Corruption("truncated or malformed operation at payload offset " +
                                std::to_string(at));
    }
  }
  return ops;
}

namespace {
std::string HashPrefix(const Hash256& hash) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < 8; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 0xf];
  }
  return out + "..";
}

struct Describer {
  std::string operator()(const WriteChunk& op) const {
    return "WriteChunk{id=" + std::to_string(op.chunk_id) + ", hash=" + HashPrefix(op.data_hash) +
           ", len=" + std::to_string(op.data_len) + "}";
  }
  std::string operator()(const DeleteChunk& op) const {
    return "DeleteChunk{id=" + std::to_string(op.chunk_id) + "}";
  }
  std::string operator()(const WriteFile& op) const {
    std::string ids;
    for (size_t i = 0; i < op.chunk_ids.size() && i < 8; ++i) {
      if (i > 0) ids += ",";
      ids += std::to_string(op.chunk_ids[i]);
    }
    if (op.chunk_ids.size() > 8) ids += ",... (" + std::to_string(op.chunk_ids.size()) + ")";
    return "WriteFile{path=" + op.path + ", chunks=[" + ids + "], size=" + std::to_string(op.size) +
           "}";
  }
  std::string operator()(const DeleteFile& op) const { return "DeleteFile{path=" + op.path + "}"; }
  std::string operator()(const UpdateRoot& op) const {
    return "UpdateRoot{hash=" + HashPrefix(op.root_hash) + "}";
  }
  std::string operator()(const Barrier&) const { return "Barrier"; }
};
}  // namespace

std::string DescribeOp(const Op& op) { return std::visit(Describer{}, op); }

}  // namespace powercut::journal
