#include "faultfs/reduce/pending_pieces.h"

#include <algorithm>
#include <map>

namespace powercut::reduce {

using crash::Model;
using crash::Timeline;

PendingPieces::PendingPieces(const crash::CrashStateGenerator& generator, size_t crash_point)
    : crash_point_(crash_point) {
  const Timeline& timeline = generator.timeline();
  const Model model = generator.options().model;
  for (size_t e = timeline.first_crash_point(); e < crash_point && e < timeline.size(); ++e) {
    if (!timeline.IsPending(e, crash_point, model)) continue;
    events_.push_back(e);
    first_.push_back(slot_of_.size());
    slot_of_.insert(slot_of_.end(), timeline.at(e).pieces.size(), events_.size() - 1);
  }
  first_.push_back(slot_of_.size());
  requires_.resize(size());
  required_by_.resize(size());
  switch (model) {
    case Model::kPosix:
      break;
    case Model::kDropUnsynced:
      nothing_allowed_ = true;
      break;
    case Model::kPrefix:
      for (size_t piece = 1; piece < size(); ++piece) Require(piece, piece - 1);
      break;
    case Model::kExt4Ordered:
      AddExt4Requirements(timeline);
      break;
  }
}

void PendingPieces::Require(size_t piece, size_t required) {
  requires_[piece].push_back(required);
  required_by_[required].push_back(piece);
}

// The rules of ChoiceRules::Allowed for ext4-ordered, as requirements (see the header).
void PendingPieces::AddExt4Requirements(const Timeline& timeline) {
  const std::vector<trace::Event>& trace_events = timeline.trace().events;
  std::optional<size_t> last_metadata;                // slot
  std::map<trace::InodeId, size_t> truncated_to_zero;  // inode -> slot of its latest such truncate
  for (size_t slot = 0; slot < events_.size(); ++slot) {
    const crash::EventPieces& pieces = timeline.at(events_[slot]);
    const trace::InodeId inode = trace_events[events_[slot]].inode;
    const size_t begin = first_[slot];
    const size_t end = first_[slot + 1];
    if (pieces.metadata) {
      for (size_t piece = begin; piece < end; ++piece) {
        if (last_metadata) Require(piece, first_[*last_metadata]);  // (1)
        if (!pieces.replaces_file) continue;
        for (size_t earlier = 0; earlier < slot; ++earlier) {  // (3)
          if (timeline.at(events_[earlier]).metadata) continue;
          if (trace_events[events_[earlier]].inode != inode) continue;
          for (size_t q = first_[earlier]; q < first_[earlier + 1]; ++q) Require(piece, q);
        }
      }
      last_metadata = slot;
      if (pieces.truncates_to_zero) truncated_to_zero[inode] = slot;
      continue;
    }
    std::optional<size_t> previous_append;  // (2): the append pieces form one cycle
    std::optional<size_t> first_append;
    for (size_t piece = begin; piece < end; ++piece) {
      if (!pieces.pieces[piece - begin].append) continue;
      if (previous_append) Require(piece, *previous_append);
      if (!first_append) first_append = piece;
      previous_append = piece;
    }
    if (first_append && *first_append != *previous_append) Require(*first_append, *previous_append);
    const auto truncate = truncated_to_zero.find(inode);  // (4)
    if (truncate != truncated_to_zero.end()) {
      for (size_t piece = begin; piece < end; ++piece) RequireBoth(piece, first_[truncate->second]);
    }
  }
}

std::optional<size_t> PendingPieces::SlotOfEvent(size_t event) const {
  const auto it = std::lower_bound(events_.begin(), events_.end(), event);
  if (it == events_.end() || *it != event) return std::nullopt;
  return static_cast<size_t>(it - events_.begin());
}

Selection PendingPieces::FromState(const crash::CrashState& state) const {
  POWERCUT_ASSERT(state.crash_point == crash_point_);
  Selection selection = None();
  for (const crash::Persisted& p : state.persisted) {
    const std::optional<size_t> slot = SlotOfEvent(p.event);
    POWERCUT_ASSERT(slot.has_value());
    if (p.whole || p.runs.empty()) {
      std::fill_n(selection.begin() + static_cast<std::ptrdiff_t>(first_[*slot]),
                  piece_count(*slot), true);
      continue;
    }
    for (const auto& [begin, end] : p.runs) {
      for (uint32_t piece = begin; piece < end && piece < piece_count(*slot); ++piece) {
        selection[first_[*slot] + piece] = true;
      }
    }
  }
  return selection;
}

crash::PieceRuns PendingPieces::RunsOf(const Selection& selection, size_t slot) const {
  std::vector<bool> bits(selection.begin() + static_cast<std::ptrdiff_t>(first_[slot]),
                         selection.begin() + static_cast<std::ptrdiff_t>(first_[slot + 1]));
  return crash::RunsOf(bits);
}

std::vector<crash::Persisted> PendingPieces::ToPersisted(const Selection& selection) const {
  std::vector<crash::Persisted> persisted;
  for (size_t slot = 0; slot < events_.size(); ++slot) {
    crash::PieceRuns runs = RunsOf(selection, slot);
    if (runs.empty()) continue;
    const bool whole = runs == crash::ChoiceRules::Whole(piece_count(slot));
    persisted.push_back(crash::Persisted{events_[slot], whole, std::move(runs)});
  }
  return persisted;
}

std::string PendingPieces::IdOf(const Selection& selection) const {
  return crash::FormatStateId(crash_point_, ToPersisted(selection));
}

bool PendingPieces::IsAllowed(const Selection& selection) const {
  for (size_t piece = 0; piece < size(); ++piece) {
    if (!selection[piece]) continue;
    if (nothing_allowed_) return false;
    for (const size_t required : requires_[piece]) {
      if (!selection[required]) return false;
    }
  }
  return true;
}

namespace {

// Sets `value` on the pieces of `start` and on every piece reachable from them through `edges`.
// Pieces that already have `value` are not followed: in an allowed selection, what they reach
// has it too.
void Spread(Selection& selection, const std::vector<size_t>& start,
            const std::vector<std::vector<size_t>>& edges, bool value) {
  std::vector<size_t> todo;
  auto set = [&](size_t piece) {
    if (selection[piece] == value) return;
    selection[piece] = value;
    todo.push_back(piece);
  };
  for (const size_t piece : start) set(piece);
  while (!todo.empty()) {
    const size_t piece = todo.back();
    todo.pop_back();
    for (const size_t next : edges[piece]) set(next);
  }
}

}  // namespace

Selection PendingPieces::Without(const Selection& selection,
                                 const std::vector<size_t>& removed) const {
  Selection out = selection;
  Spread(out, removed, required_by_, false);
  return out;
}

std::optional<Selection> PendingPieces::With(const Selection& selection,
                                             const std::vector<size_t>& added) const {
  if (nothing_allowed_ && !added.empty()) return std::nullopt;
  Selection out = selection;
  Spread(out, added, requires_, true);
  return out;
}

int PendingPieces::Deviations(const Selection& selection) const {
  int deviations = 0;
  for (size_t slot = 0; slot < events_.size(); ++slot) {
    const crash::PieceRuns runs = RunsOf(selection, slot);
    if (runs.empty()) continue;
    const bool whole = runs == crash::ChoiceRules::Whole(piece_count(slot));
    deviations += whole ? 1 : static_cast<int>(runs.size());
  }
  return deviations;
}

}  // namespace powercut::reduce
