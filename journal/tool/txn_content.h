// Deterministic transaction content for the powercut-journal workload and checker.
//
// A transaction's operations are a pure function of (seed, thread, seq): the workload appends
// them, and the checker regenerates them from the tag alone to compare with what recovery
// returned. Nothing here depends on the platform (no std::hash, no rand, no distribution
// objects whose output the standard leaves unspecified), so a checker built elsewhere agrees.
//
// The first operation is the tag: WriteFile{path = "t<thread>/<seq>", ...}, in canonical
// decimal (no sign, no leading zeros), so a recovered transaction says which (thread, seq) it is.
// The remaining ops_per_txn - 1 operations are drawn from all six kinds.
#ifndef POWERCUT_JOURNAL_TOOL_TXN_CONTENT_H_
#define POWERCUT_JOURNAL_TOOL_TXN_CONTENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journal/ops.h"

namespace powercut::journal::tool {

// Which appender wrote a transaction, and its position in that appender's sequence (from 0).
struct TxnTag {
  uint32_t thread = 0;
  uint64_t seq = 0;
  bool operator==(const TxnTag&) const = default;
};

// Workload threads are numbered from 0; the checker's own post-recovery appends use this one,
// which the workload never reaches (it accepts at most kMaxWorkloadThreads threads).
inline constexpr uint32_t kCheckerThread = 65535;
inline constexpr uint32_t kMaxWorkloadThreads = 1024;

// splitmix64 (Steele, Lea, Flood 2014): a tiny PRNG with a full 2^64 period whose output
// function is also a good 64-bit mixer.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t state) : state_(state) {}
  uint64_t Next();
  // Uniform enough in [0, bound) for test content (bound > 0; modulo bias is irrelevant here).
  uint64_t Below(uint64_t bound) { return Next() % bound; }

 private:
  uint64_t state_;
};

// The PRNG seed of one transaction: a hash of all three inputs.
uint64_t TxnSeed(uint64_t seed, TxnTag tag);

// "t3/17".
std::string TagPath(TxnTag tag);
// The inverse of TagPath; nullopt for anything TagPath cannot produce.
std::optional<TxnTag> ParseTagPath(std::string_view path);
// The tag of a recovered transaction (its first op), or nullopt when there is none.
std::optional<TxnTag> ParseTag(const std::vector<Op>& ops);

// The transaction's operations. REQUIRES: ops_per_txn >= 1.
std::vector<Op> MakeTxnContent(uint64_t seed, TxnTag tag, uint32_t ops_per_txn);

// Where two op lists first differ, e.g. "op 2 of 3 is DeleteChunk{id=5}, expected Barrier" or
// "2 ops, expected 3"; empty when they are equal.
std::string DescribeDifference(const std::vector<Op>& actual, const std::vector<Op>& expected);

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_TXN_CONTENT_H_
