#include "harness/shard.h"

#include <charconv>

namespace powercut::harness {
namespace {

constexpr size_t kMaxShards = 4096;

// SplitMix64's finaliser: every input bit moves every output bit.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

bool ParseCount(std::string_view text, size_t& value) {
  if (text.empty() || text.size() > 4 || text[0] == '0') return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string Shard::Name() const {
  return sharded() ? std::to_string(index + 1) + "/" + std::to_string(count) : "";
}

bool Shard::Owns(const crash::CrashState& state) const {
  return !sharded() || ShardOf(state.id, count) == index;
}

size_t ShardOf(std::string_view state_id, size_t count) {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a: fixed, so every machine agrees
  for (const char c : state_id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return static_cast<size_t>(Mix(hash) % count);
}

Result<Shard> ParseShard(const std::string& text) {
  const size_t slash = text.find('/');
  size_t k = 0;
  size_t n = 0;
  if (slash == std::string::npos || !ParseCount(std::string_view(text).substr(0, slash), k) ||
      !ParseCount(std::string_view(text).substr(slash + 1), n) || n > kMaxShards || k > n) {
    return Status::InvalidArgument("--shard \"" + text +
                                   "\": expected K/N, this machine's part K of N parts, with "
                                   "1 <= K <= N <= " +
                                   std::to_string(kMaxShards) + " (e.g. --shard 2/4)");
  }
  return Shard{.index = k - 1, .count = n};
}

}  // namespace powercut::harness
