#include "faultfs/crash/choices.h"

namespace powercut::crash {
namespace {

size_t Count(const PieceRuns& runs) {
  size_t n = 0;
  for (const auto& [begin, end] : runs) n += end - begin;
  return n;
}

bool Contains(const PieceRuns& runs, uint32_t piece) {
  for (const auto& [begin, end] : runs) {
    if (piece >= begin && piece < end) return true;
  }
  return false;
}

}  // namespace

PieceRuns RunsOf(const std::vector<bool>& bits) {
  PieceRuns runs;
  for (uint32_t i = 0; i < bits.size(); ++i) {
    if (!bits[i]) continue;
    if (!runs.empty() && runs.back().second == i) {
      runs.back().second = i + 1;
    } else {
      runs.emplace_back(i, i + 1);
    }
  }
  return runs;
}

bool ChoiceRules::IsWhole(size_t event, const PieceRuns& runs) const {
  return Count(runs) == timeline_.at(event).pieces.size();
}

bool ChoiceRules::Allowed(size_t event, const Descent& descent, const PieceRuns& runs) const {
  const EventPieces& pieces = timeline_.at(event);
  const bool none = runs.empty();
  const bool whole = IsWhole(event, runs);
  switch (model_) {
    case Model::kDropUnsynced:
      return none;
    case Model::kPrefix:
      if (descent.cut) return none;
      return none || whole || (runs.size() == 1 && runs[0].first == 0);
    case Model::kPosix:
      return true;
    case Model::kExt4Ordered:
      break;
  }
  const trace::Event& e = timeline_.trace().events[event];
  if (pieces.metadata) {
    if (none) return true;
    if (descent.meta_cut) return false;
    if (pieces.replaces_file && descent.incomplete.count(e.inode) > 0) return false;
    return true;
  }
  if (descent.must_persist.count(e.inode) > 0 && !whole) return false;
  if (descent.truncate_lost.count(e.inode) > 0 && !none) return false;
  if (pieces.has_append) {  // the append pieces persist all together or not at all
    std::optional<bool> kept;
    for (uint32_t p = 0; p < pieces.pieces.size(); ++p) {
      if (!pieces.pieces[p].append) continue;
      const bool in = Contains(runs, p);
      if (kept && *kept != in) return false;
      kept = in;
    }
  }
  return true;
}

int ChoiceRules::Cost(size_t event, const Descent& descent, const PieceRuns& runs) const {
  if (runs.empty()) return 0;
  if (IsWhole(event, runs)) return descent.in_prefix ? 0 : 1;
  const bool free_first = descent.in_prefix && runs.front().first == 0;
  return static_cast<int>(runs.size()) - (free_first ? 1 : 0);
}

void ChoiceRules::Take(size_t event, const PieceRuns& runs, Descent& descent) const {
  descent.deviations += Cost(event, descent, runs);
  const bool whole = IsWhole(event, runs);
  if (!whole) descent.in_prefix = false;
  if (model_ == Model::kPrefix && !whole) descent.cut = true;
  if (model_ != Model::kExt4Ordered) return;
  const EventPieces& pieces = timeline_.at(event);
  const trace::Event& e = timeline_.trace().events[event];
  if (pieces.metadata && runs.empty()) descent.meta_cut = true;
  if (!pieces.metadata && !whole) descent.incomplete.insert(e.inode);
  if (pieces.truncates_to_zero) {
    // auto_da_alloc: the truncate and the rewrite that follows it persist together.
    if (runs.empty()) {
      descent.must_persist.erase(e.inode);
      descent.truncate_lost.insert(e.inode);
    } else {
      descent.must_persist.insert(e.inode);
      descent.truncate_lost.erase(e.inode);
    }
  }
}

std::vector<PieceRuns> ChoiceRules::Enumerate(size_t event, const Descent& descent,
                                              int max_deviations) const {
  std::vector<PieceRuns> out;
  const size_t n = timeline_.at(event).pieces.size();
  const int budget = max_deviations - descent.deviations;
  const PieceRuns whole = Whole(n);
  if (Allowed(event, descent, whole) && Cost(event, descent, whole) <= budget) out.push_back(whole);
  if (Allowed(event, descent, {})) out.emplace_back();
  if (n > 1 && model_ != Model::kDropUnsynced) AddTears(event, descent, budget, out);
  return out;
}

// Appends every torn choice (neither nothing nor whole) allowed within `budget` deviations.
void ChoiceRules::AddTears(size_t event, const Descent& descent, int budget,
                           std::vector<PieceRuns>& out) const {
  const uint32_t n = static_cast<uint32_t>(timeline_.at(event).pieces.size());
  // A run starting at piece 0 is free at the prefix boundary, so one more run may fit.
  const int max_runs = budget + (descent.in_prefix ? 1 : 0);
  if (max_runs <= 0) return;
  PieceRuns runs;
  // Chooses the next run starting at or after `from`, recursively.
  auto extend = [&](auto&& self, uint32_t from) -> void {
    for (uint32_t begin = from; begin < n; ++begin) {
      for (uint32_t end = begin + 1; end <= n; ++end) {
        runs.emplace_back(begin, end);
        const bool whole = runs.size() == 1 && begin == 0 && end == n;
        if (!whole && Cost(event, descent, runs) <= budget && Allowed(event, descent, runs)) {
          out.push_back(runs);
        }
        if (static_cast<int>(runs.size()) < max_runs && end + 1 < n) self(self, end + 1);
        runs.pop_back();
      }
    }
  };
  extend(extend, 0);
}

PieceRuns ChoiceRules::Sample(size_t event, const Descent& descent, std::mt19937_64& rng) const {
  const EventPieces& pieces = timeline_.at(event);
  const size_t n = pieces.pieces.size();
  PieceRuns choice;
  if (model_ == Model::kPrefix) {
    const uint32_t keep = static_cast<uint32_t>(rng() % (n + 1));  // how many pieces persisted
    if (keep > 0) choice = {{0u, keep}};
  } else if (model_ != Model::kDropUnsynced) {
    std::vector<bool> bits(n);
    const bool append_kept = (rng() & 1) != 0;
    for (size_t p = 0; p < n; ++p) {
      bits[p] = (model_ == Model::kExt4Ordered && pieces.pieces[p].append) ? append_kept
                                                                            : (rng() & 1) != 0;
    }
    choice = RunsOf(bits);
  }
  if (Allowed(event, descent, choice)) return choice;
  // The draw broke a rule that depends on earlier choices: fall back to what is always allowed
  // in that situation (nothing, or wholly when the event is bound to persist).
  if (Allowed(event, descent, {})) return {};
  return Whole(n);
}

}  // namespace powercut::crash
