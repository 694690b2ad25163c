// Choices: the model rules of MODELS.md for one pending event at a time.
//
// A crash state is built by walking the pending events in order and choosing, for each, which of
// its pieces persisted (PieceRuns: empty = nothing, one run over all = wholly). Descent carries
// what the rules need to know about the choices already made. The rules here are the only place
// the four models differ in what a state may hold (timeline.cc holds what forces a piece).
#ifndef POWERCUT_FAULTFS_CRASH_CHOICES_H_
#define POWERCUT_FAULTFS_CRASH_CHOICES_H_

#include <random>
#include <set>
#include <vector>

#include "faultfs/crash/model.h"
#include "faultfs/crash/timeline.h"

namespace powercut::crash {

struct Descent {
  bool in_prefix = true;  // every pending event so far persisted wholly
  int deviations = 0;
  bool cut = false;       // prefix: a pending piece was lost, so nothing after it may persist
  bool meta_cut = false;  // ext4-ordered: a metadata event was lost, so no later one may persist
  std::set<InodeId> incomplete;    // ext4-ordered: files with a pending write not wholly kept
  std::set<InodeId> must_persist;    // ext4-ordered: files whose kept truncate-to-zero binds
                                     // their later writes to persist too
  std::set<InodeId> truncate_lost;   // ext4-ordered: files whose truncate-to-zero was lost, so
                                     // their later writes cannot have persisted either
};

class ChoiceRules {
 public:
  ChoiceRules(const Timeline& timeline, Model model) : timeline_(timeline), model_(model) {}

  // Every choice for pending `event` that the model allows after `descent` and that keeps the
  // deviations at most `max_deviations`, in a fixed order (whole, nothing, tears).
  std::vector<PieceRuns> Enumerate(size_t event, const Descent& descent, int max_deviations) const;
  // One allowed choice drawn at random (no bound on deviations).
  PieceRuns Sample(size_t event, const Descent& descent, std::mt19937_64& rng) const;
  // Whether the model allows `runs` for `event` after `descent` (no bound on deviations).
  bool Allowed(size_t event, const Descent& descent, const PieceRuns& runs) const;
  // The deviations `runs` adds after `descent`.
  int Cost(size_t event, const Descent& descent, const PieceRuns& runs) const;
  // Records the choice in `descent`.
  void Take(size_t event, const PieceRuns& runs, Descent& descent) const;

  static PieceRuns Whole(size_t pieces) { return {{0u, static_cast<uint32_t>(pieces)}}; }

 private:
  bool IsWhole(size_t event, const PieceRuns& runs) const;
  void AddTears(size_t event, const Descent& descent, int max_deviations,
                std::vector<PieceRuns>& out) const;

  const Timeline& timeline_;
  const Model model_;
};

// The runs of the set bits of `bits`.
PieceRuns RunsOf(const std::vector<bool>& bits);

}  // namespace powercut::crash

#endif  // POWERCUT_FAULTFS_CRASH_CHOICES_H_
