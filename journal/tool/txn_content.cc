#include "journal/tool/txn_content.h"

#include <charconv>

namespace powercut::journal::tool {
namespace {

// Characters of generated paths: enough variety to exercise encoding, nothing a shell or a
// terminal would interpret when a dump prints them.
constexpr std::string_view kPathAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-./";
constexpr uint64_t kMaxPathLength = 48;
constexpr uint64_t kMaxChunkIds = 12;  // more than DescribeOp's 8, so dumps show "..."

Hash256 RandomHash(SplitMix64& rng) {
  Hash256 hash{};
  for (size_t i = 0; i < hash.size(); i += 8) {
    const uint64_t word = rng.Next();
    for (size_t b = 0; b < 8; ++b) hash[i + b] = static_cast<uint8_t>(word >> (8 * b));
  }
  return hash;
}

std::string RandomPath(SplitMix64& rng) {
  const uint64_t length = 1 + rng.Below(kMaxPathLength);
  std::string path;
  path.reserve(length);
  for (uint64_t i = 0; i < length; ++i) {
    path.push_back(kPathAlphabet[rng.Below(kPathAlphabet.size())]);
  }
  return path;
}

std::vector<uint64_t> RandomChunkIds(SplitMix64& rng) {
  std::vector<uint64_t> ids(rng.Below(kMaxChunkIds + 1));
  for (uint64_t& id : ids) id = rng.Below(1u << 20);
  return ids;
}

// Braced initialisers evaluate left to right, so the draws below happen in a fixed order.
Op RandomOp(SplitMix64& rng) {
  switch (rng.Below(6)) {
    case 0: return WriteChunk{rng.Below(1u << 20), RandomHash(rng), rng.Below(1u << 20)};
    case 1: return DeleteChunk{rng.Below(1u << 20)};
    case 2: return WriteFile{RandomPath(rng), RandomChunkIds(rng), rng.Below(1ull << 32)};
    case 3: return DeleteFile{RandomPath(rng)};
    case 4: return UpdateRoot{RandomHash(rng)};
    default: return Barrier{};
  }
}

// Parses canonical unsigned decimal: digits only, no leading zero unless the number is 0.
template <typename T>
std::optional<T> ParseCanonical(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text.front() == '0')) return std::nullopt;
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t TxnSeed(uint64_t seed, TxnTag tag) {
  // Each input passes through the mixer before the next is added, so (seed, thread, seq)
  // triples that differ in any field give unrelated streams.
  uint64_t h = SplitMix64(seed).Next();
  h = SplitMix64(h ^ tag.thread).Next();
  return SplitMix64(h ^ tag.seq).Next();
}

std::string TagPath(TxnTag tag) {
  return "t" + std::to_string(tag.thread) + "/" + std::to_string(tag.seq);
}

std::optional<TxnTag> ParseTagPath(std::string_view path) {
  if (!path.starts_with('t')) return std::nullopt;
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::optional<uint32_t> thread = ParseCanonical<uint32_t>(path.substr(1, slash - 1));
  const std::optional<uint64_t> seq = ParseCanonical<uint64_t>(path.substr(slash + 1));
  if (!thread || !seq) return std::nullopt;
  return TxnTag{*thread, *seq};
}

std::optional<TxnTag> ParseTag(const std::vector<Op>& ops) {
  if (ops.empty()) return std::nullopt;
  const WriteFile* tag = std::get_if<WriteFile>(&ops.front());
  if (tag == nullptr) return std::nullopt;
  return ParseTagPath(tag->path);
}

std::vector<Op> MakeTxnContent(uint64_t seed, TxnTag tag, uint32_t ops_per_txn) {
  POWERCUT_ASSERT(ops_per_txn >= 1);
  SplitMix64 rng(TxnSeed(seed, tag));
  std::vector<Op> ops;
  ops.reserve(ops_per_txn);
  // The tag's own fields come from the stream too, so content written with another --seed
  // already differs in the first op.
  ops.push_back(WriteFile{TagPath(tag), {rng.Below(1u << 20)}, rng.Below(1u << 20)});
  for (uint32_t i = 1; i < ops_per_txn; ++i) ops.push_back(RandomOp(rng));
  return ops;
}

std::string DescribeDifference(const std::vector<Op>& actual, const std::vector<Op>& expected) {
  for (size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
    if (actual[i] != expected[i]) {
      return "op " + std::to_string(i + 1) + " of " + std::to_string(actual.size()) + " is " +
             DescribeOp(actual[i]) + ", expected " + DescribeOp(expected[i]);
    }
  }
  if (actual.size() != expected.size()) {
    return std::to_string(actual.size()) + " ops, expected " + std::to_string(expected.size());
  }
  return "";
}

}  // namespace powercut::journal::tool
