// Shards of `powercut run --shard K/N`: the crash states of every scenario and model split into
// N disjoint parts, so that N machines together check each state exactly once.
//
// Every shard generates every state (generation is cheap next to a checker run, and it keeps the
// generator's deduplication, its counts and its max_states cap the same in every shard) and
// checks those of its part only: a unique state belongs to part hash(ID) mod N, the ID being the
// state's structural name (crash point and the pending events that persisted, MODELS.md), which
// the same trace and options give on every machine. The generator hands out the same unique
// states in the same order in every shard, so each is checked by exactly one shard and the
// parts' results add up to the whole run's (`powercut merge`, merge_command.h). The ID names no
// bytes, so a workload that writes the time (different bytes on each machine, the same
// operations) still splits the same way. The hash (FNV-1a, then mixed) keeps parts balanced
// whatever N is.
#ifndef POWERCUT_HARNESS_SHARD_H_
#define POWERCUT_HARNESS_SHARD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "faultfs/crash/crash_state.h"
#include "faultfs/fs/result.h"

namespace powercut::harness {

struct Shard {
  size_t index = 0;  // from 0: "--shard 1/4" is index 0 of count 4
  size_t count = 1;  // 1: not sharded

  bool sharded() const { return count > 1; }
  // "K/N" as typed (K from 1); "" when not sharded.
  std::string Name() const;
  // Whether `state` is this shard's to check.
  bool Owns(const crash::CrashState& state) const;
};

// "K/N" with 1 <= K <= N <= 4096. InvalidArgument naming --shard and the form otherwise.
Result<Shard> ParseShard(const std::string& text);

// The part (0..count-1) the state with this ID belongs to.
size_t ShardOf(std::string_view state_id, size_t count);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SHARD_H_
