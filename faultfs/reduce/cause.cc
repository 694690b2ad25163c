#include "faultfs/reduce/cause.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "faultfs/reduce/event_names.h"
#include "faultfs/reduce/pending_pieces.h"
#include "faultfs/reduce/promises.h"

namespace powercut::reduce {
namespace {

using trace::EventType;

bool NamesData(EventType type) { return type == EventType::kRename || type == EventType::kLink; }
bool IsData(EventType type) {
  return type == EventType::kWrite || type == EventType::kTruncate ||
         type == EventType::kFallocate;
}

// 0: the same file or directory, 1: forced by the same sync, 2: unrelated.
int Relation(EventNames& names, const trace::Trace& trace, size_t a, size_t b) {
  if (trace.events[a].inode == trace.events[b].inode) return 0;
  return names.TargetOf(a) == names.TargetOf(b) ? 1 : 2;
}

// How a persisted (or durable) `anchor` and the `lost` events it needed are classed: a name
// persisted without the data it names, or a persisted part of an update whose later part is
// lost, is a non-atomic update; a later operation persisted before an earlier one a reordering.
ViolationClass PairShape(const trace::Trace& trace, size_t anchor, const std::vector<size_t>& lost) {
  const trace::Event& named = trace.events[anchor];
  bool any_before = false;
  for (const size_t l : lost) {
    if (l > anchor) continue;
    any_before = true;
    if (NamesData(named.type) && IsData(trace.events[l].type) && named.inode == trace.events[l].inode) {
      return ViolationClass::kNonAtomicUpdate;
    }
  }
  return any_before ? ViolationClass::kReordering : ViolationClass::kNonAtomicUpdate;
}

// The selection holding every piece of the pending events in `slots`, plus what they require.
std::optional<Selection> Persisting(const PendingPieces& pieces, const Selection& base,
                                    const std::vector<size_t>& slots) {
  std::vector<size_t> added;
  for (const size_t slot : slots) {
    for (size_t p = pieces.first_piece(slot); p < pieces.first_piece(slot + 1); ++p) {
      added.push_back(p);
    }
  }
  return pieces.With(base, added);
}

// Judges the state `selection` names: true consistent, false violating, nullopt unjudged.
Result<std::optional<bool>> IsConsistent(OracleSession& session, const PendingPieces& pieces,
                                         const Selection& selection, size_t& probes,
                                         size_t max_probes) {
  if (probes >= max_probes) return std::optional<bool>();
  const size_t before = session.calls();
  POWERCUT_ASSIGN_OR_RETURN(std::optional<Judged> judged, session.Judge(pieces.IdOf(selection)));
  probes += session.calls() - before;
  if (!judged) return std::optional<bool>();
  return std::optional<bool>(!judged->judgement.violates());
}

class CauseFinder {
 public:
  CauseFinder(OracleSession& session, const MinimalState& minimal, const CauseOptions& options)
      : session_(session), minimal_(minimal), options_(options),
        trace_(session.generator().timeline().trace()), names_(session.generator().timeline()),
        pieces_(session.generator(), minimal.state.crash_point) {}

  Result<Cause> Find() {
    cause_.crash_point = minimal_.state.crash_point;
    cause_.persisted = minimal_.state.persisted;
    cause_.breaking_event = minimal_.breaking_event;
    if (cause_.persisted.empty()) {
      POWERCUT_RETURN_IF_ERROR(FindUnsynced());
      FindDurableAnchor();
      cause_.shape = ZeroDeviationShape();
    } else {
      POWERCUT_RETURN_IF_ERROR(FindCulprit());
      cause_.shape = DeviationShape();
    }
    cause_.kind = minimal_.judgement.recovery_failed() ? ViolationClass::kRecoveryFailed
                                                       : cause_.shape;
    cause_.promises = TiedPromises(trace_, cause_.crash_point, minimal_.judgement.reason);
    return std::move(cause_);
  }

 private:
  // With deviations: which lost pending event the persisted ones needed.
  Status FindCulprit() {
    const Selection selection = pieces_.FromState(minimal_.state);
    std::vector<size_t> kept;
    for (const crash::Persisted& p : cause_.persisted) {
      kept.push_back(p.event);
      if (!p.whole) cause_.torn.push_back(p.event);
    }
    std::vector<std::tuple<int, int, size_t, size_t>> candidates;  // rank, after, distance, slot
    for (size_t slot = 0; slot < pieces_.events().size(); ++slot) {
      const size_t lost = pieces_.events()[slot];
      if (std::find(kept.begin(), kept.end(), lost) != kept.end()) continue;
      if (lost < kept.back()) cause_.lost_before.push_back(lost);
      int rank = 2;
      size_t distance = SIZE_MAX;
      for (const size_t p : kept) {
        rank = std::min(rank, Relation(names_, trace_, lost, p));
        distance = std::min(distance, lost < p ? p - lost : lost - p);
      }
      candidates.emplace_back(rank, lost > kept.back() ? 1 : 0, distance, slot);
    }
    if (!cause_.torn.empty()) return Status::Ok();  // the rest of the torn write is what is lost
    if (candidates.empty()) return ProbeFinalState();
    std::sort(candidates.begin(), candidates.end());
    for (const auto& candidate : candidates) {
      const size_t slot = std::get<3>(candidate);
      const std::optional<Selection> with = Persisting(pieces_, selection, {slot});
      if (!with) continue;
      POWERCUT_ASSIGN_OR_RETURN(std::optional<bool> consistent,
                                IsConsistent(session_, pieces_, *with, cause_.probes,
                                             options_.max_probes));
      if (!consistent.has_value()) break;
      if (*consistent) {
        cause_.culprit = pieces_.events()[slot];
        cause_.culprit_confirmed = true;
        break;
      }
    }
    if (!cause_.culprit && !candidates.empty()) {
      cause_.culprit = pieces_.events()[std::get<3>(candidates.front())];
    }
    if (cause_.culprit) cause_.anchor = Anchor({*cause_.culprit}, kept);
    return Status::Ok();
  }

  // Of `candidates`, the one most related to the `lost` events: the same file first, then the
  // same sync, then the nearest after one of them, then before.
  size_t Anchor(const std::vector<size_t>& lost, const std::vector<size_t>& candidates) {
    std::tuple<int, int, size_t> best(3, 2, SIZE_MAX);
    size_t anchor = candidates.front();
    for (const size_t p : candidates) {
      for (const size_t l : lost) {
        const std::tuple<int, int, size_t> key(Relation(names_, trace_, l, p), p > l ? 0 : 1,
                                               p > l ? p - l : l - p);
        if (key < best) {
          best = key;
          anchor = p;
        }
      }
    }
    return anchor;
  }

  // Without deviations, when a barrier broke it: the event that barrier made durable which the
  // unsynced ones are paired with.
  void FindDurableAnchor() {
    if (!cause_.breaking_event || cause_.unsynced.empty()) return;
    const size_t barrier = *cause_.breaking_event;
    if (trace_.events[barrier].type == EventType::kOutput) return;
    const crash::Timeline& timeline = session_.generator().timeline();
    std::vector<size_t> forced;
    for (size_t e = timeline.first_crash_point(); e < barrier; ++e) {
      if (timeline.ForcedBy(e, session_.generator().options().model) == barrier) forced.push_back(e);
    }
    if (!forced.empty()) cause_.anchor = Anchor(cause_.unsynced, forced);
  }

  // Nothing was lost. If the program's own complete state at the end of the trace is consistent,
  // the crash interrupted an update; if not, the program makes a bad state by itself.
  Status ProbeFinalState() {
    const PendingPieces at_end(session_.generator(), trace_.events.size());
    std::vector<size_t> all(at_end.size());
    for (size_t p = 0; p < all.size(); ++p) all[p] = p;
    const std::optional<Selection> complete = at_end.With(at_end.None(), all);
    if (!complete) return Status::Ok();
    POWERCUT_ASSIGN_OR_RETURN(std::optional<bool> consistent,
                              IsConsistent(session_, at_end, *complete, cause_.probes,
                                           options_.max_probes));
    cause_.final_state_violates = consistent.has_value() && !*consistent;
    return Status::Ok();
  }

  // Without deviations: the files and directories whose pending events must be synced.
  Status FindUnsynced() {
    std::vector<SyncTarget> targets;                 // in order of their first pending event
    std::vector<std::vector<size_t>> target_slots;   // parallel
    for (size_t slot = 0; slot < pieces_.events().size(); ++slot) {
      const SyncTarget target = names_.TargetOf(pieces_.events()[slot]);
      const auto it = std::find(targets.begin(), targets.end(), target);
      if (it == targets.end()) {
        targets.push_back(target);
        target_slots.push_back({slot});
      } else {
        target_slots[static_cast<size_t>(it - targets.begin())].push_back(slot);
      }
    }
    std::vector<bool> needed(targets.size(), true);
    auto slots_of = [&](const std::vector<bool>& which) {
      std::vector<size_t> slots;
      for (size_t t = 0; t < targets.size(); ++t) {
        if (which[t]) slots.insert(slots.end(), target_slots[t].begin(), target_slots[t].end());
      }
      std::sort(slots.begin(), slots.end());
      return slots;
    };
    const std::optional<Selection> all = Persisting(pieces_, pieces_.None(), slots_of(needed));
    if (all && !targets.empty()) {
      POWERCUT_ASSIGN_OR_RETURN(std::optional<bool> consistent,
                                IsConsistent(session_, pieces_, *all, cause_.probes,
                                             options_.max_probes));
      cause_.complete_state_violates = consistent.has_value() && !*consistent;
      cause_.unsynced_confirmed = consistent.value_or(false);
      for (size_t t = 0; cause_.unsynced_confirmed && t < targets.size(); ++t) {
        std::vector<bool> without = needed;
        without[t] = false;
        const std::optional<Selection> trial = Persisting(pieces_, pieces_.None(), slots_of(without));
        if (!trial || AnyOf(*trial, target_slots[t])) continue;  // the model needs t for them
        POWERCUT_ASSIGN_OR_RETURN(std::optional<bool> still,
                                  IsConsistent(session_, pieces_, *trial, cause_.probes,
                                               options_.max_probes));
        if (!still.has_value()) break;
        if (*still) needed = without;
      }
    }
    for (const size_t slot : slots_of(needed)) cause_.unsynced.push_back(pieces_.events()[slot]);
    return Status::Ok();
  }

  bool AnyOf(const Selection& selection, const std::vector<size_t>& slots) const {
    for (const size_t slot : slots) {
      for (size_t p = pieces_.first_piece(slot); p < pieces_.first_piece(slot + 1); ++p) {
        if (selection[p]) return true;
      }
    }
    return false;
  }

  ViolationClass ZeroDeviationShape() const {
    const bool nothing_pending = pieces_.events().empty();
    if (cause_.breaking_event) {
      const EventType type = trace_.events[*cause_.breaking_event].type;
      if (type == EventType::kOutput) return ViolationClass::kAcknowledgedBeforeDurable;
      if (nothing_pending || cause_.unsynced.empty()) return ViolationClass::kSyncedStateViolates;
      if (!cause_.anchor) return ViolationClass::kReordering;
      return PairShape(trace_, *cause_.anchor, cause_.unsynced);
    }
    if (minimal_.earliest_searched || nothing_pending) return ViolationClass::kSyncedStateViolates;
    return ViolationClass::kAcknowledgedBeforeDurable;  // not searched: the usual reason
  }

  ViolationClass DeviationShape() const {
    if (!cause_.torn.empty()) return ViolationClass::kTornWrite;
    if (!cause_.culprit) {  // nothing was lost
      return cause_.final_state_violates ? ViolationClass::kSyncedStateViolates
                                         : ViolationClass::kNonAtomicUpdate;
    }
    return PairShape(trace_, *cause_.anchor, {*cause_.culprit});
  }

  OracleSession& session_;
  const MinimalState& minimal_;
  const CauseOptions& options_;
  const trace::Trace& trace_;
  EventNames names_;
  const PendingPieces pieces_;
  Cause cause_;
};

}  // namespace

std::string_view ClassName(ViolationClass kind) {
  switch (kind) {
    case ViolationClass::kAcknowledgedBeforeDurable: return "acknowledged before durable";
    case ViolationClass::kNonAtomicUpdate: return "non-atomic update";
    case ViolationClass::kTornWrite: return "torn write";
    case ViolationClass::kReordering: return "reordering";
    case ViolationClass::kRecoveryFailed: return "recovery crashed or hung";
    case ViolationClass::kSyncedStateViolates: return "violates with nothing lost";
  }
  return "unknown";
}

Result<Cause> FindCause(OracleSession& session, const MinimalState& minimal,
                        const CauseOptions& options) {
  return CauseFinder(session, minimal, options).Find();
}

}  // namespace powercut::reduce
