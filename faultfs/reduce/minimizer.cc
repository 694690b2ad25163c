#include "faultfs/reduce/minimizer.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "faultfs/reduce/pending_pieces.h"

namespace powercut::reduce {
namespace {

using Unit = std::vector<size_t>;  // pieces removed together

// A candidate counts when it violates the same way: a plain violation for a plain one, a
// crashed or hung recovery for either of those. So a crash of recovery is not reduced to some
// other violation that happens to be smaller.
bool SameWay(const Judgement& candidate, const Judgement& original) {
  return candidate.violates() && candidate.recovery_failed() == original.recovery_failed();
}

// Delta debugging (ddmin) over a selection of persisted pieces, at one granularity at a time.
class Shrinker {
 public:
  Shrinker(OracleSession& session, const PendingPieces& pieces, Selection selection, Judged best)
      : session_(session), pieces_(pieces), selection_(std::move(selection)),
        best_(std::move(best)) {}

  // Shrinks until no persisted event, no run of a torn one, and no piece at either end of a
  // run can go. Returns whether that point was reached (false: the budget ran out first).
  Result<bool> Run() {
    while (true) {
      POWERCUT_RETURN_IF_ERROR(Shrink([this] { return EventUnits(); }).status());
      if (stopped_) return false;
      POWERCUT_ASSIGN_OR_RETURN(const bool runs_changed, Shrink([this] { return RunUnits(); }));
      if (stopped_) return false;
      POWERCUT_ASSIGN_OR_RETURN(const bool ends_changed, Shrink([this] { return EndUnits(); }));
      if (stopped_) return false;
      // Nothing changed after the events pass: it is still 1-minimal, and so are the others.
      if (!runs_changed && !ends_changed) return true;
    }
  }

  const Selection& selection() const { return selection_; }
  Judged& best() { return best_; }

 private:
  std::vector<Unit> EventUnits() const {
    std::vector<Unit> units;
    for (size_t slot = 0; slot < pieces_.events().size(); ++slot) {
      Unit unit;
      for (size_t p = pieces_.first_piece(slot); p < pieces_.first_piece(slot + 1); ++p) {
        if (selection_[p]) unit.push_back(p);
      }
      if (!unit.empty()) units.push_back(std::move(unit));
    }
    return units;
  }

  // Each run of persisted pieces of an event persisted in more than one run (removing a run
  // removes one deviation).
  std::vector<Unit> RunUnits() const {
    std::vector<Unit> units;
    for (size_t slot = 0; slot < pieces_.events().size(); ++slot) {
      const crash::PieceRuns runs = pieces_.RunsOf(selection_, slot);
      if (runs.size() < 2) continue;
      for (const auto& [begin, end] : runs) {
        Unit unit;
        for (uint32_t p = begin; p < end; ++p) unit.push_back(pieces_.first_piece(slot) + p);
        units.push_back(std::move(unit));
      }
    }
    return units;
  }

  // The first and last piece of each run of a multi-piece event (trimming a run never splits
  // it, so it never adds a deviation).
  std::vector<Unit> EndUnits() const {
    std::vector<Unit> units;
    for (size_t slot = 0; slot < pieces_.events().size(); ++slot) {
      if (pieces_.piece_count(slot) < 2) continue;
      for (const auto& [begin, end] : pieces_.RunsOf(selection_, slot)) {
        units.push_back({pieces_.first_piece(slot) + begin});
        if (end - begin > 1) units.push_back({pieces_.first_piece(slot) + end - 1});
      }
    }
    return units;
  }

  // ddmin: split the units into n chunks; try keeping one chunk only, then removing one chunk;
  // adopt the first that still violates; else refine. Ends when single units cannot be removed.
  Result<bool> Shrink(const std::function<std::vector<Unit>()>& make_units) {
    bool changed = false;
    std::vector<Unit> units = make_units();
    size_t n = 2;
    while (!units.empty()) {
      n = std::min(n, units.size());
      POWERCUT_ASSIGN_OR_RETURN(bool adopted, TryChunks(units, n, /*keep_only=*/true));
      if (adopted) {
        n = 2;
      } else if (!stopped_) {
        POWERCUT_ASSIGN_OR_RETURN(adopted, TryChunks(units, n, /*keep_only=*/false));
        if (adopted) n = std::max<size_t>(n - 1, 2);
      }
      if (stopped_) return changed;
      if (adopted) {
        changed = true;
        units = make_units();
        continue;
      }
      if (n >= units.size()) break;
      n = std::min(2 * n, units.size());
    }
    return changed;
  }

  // Tries each of `n` consecutive chunks of `units`: keeping only it, or removing it.
  Result<bool> TryChunks(const std::vector<Unit>& units, size_t n, bool keep_only) {
    if (keep_only && n < 2) return false;  // keeping the only chunk changes nothing
    for (size_t chunk = 0; chunk < n; ++chunk) {
      Unit removed;
      for (size_t i = 0; i < units.size(); ++i) {
        const bool in_chunk = i * n / units.size() == chunk;
        if (in_chunk != keep_only) removed.insert(removed.end(), units[i].begin(), units[i].end());
      }
      POWERCUT_ASSIGN_OR_RETURN(const bool adopted, Try(pieces_.Without(selection_, removed)));
      if (adopted || stopped_) return adopted;
    }
    return false;
  }

  // Judges `candidate`; adopts it when it violates the same way.
  Result<bool> Try(const Selection& candidate) {
    if (candidate == selection_) return false;
    // Fewer pieces, never more deviations (removing the middle of a run would split it).
    if (pieces_.Deviations(candidate) > pieces_.Deviations(selection_)) return false;
    POWERCUT_ASSIGN_OR_RETURN(std::optional<Judged> judged,
                              session_.Judge(pieces_.IdOf(candidate)));
    if (!judged) {
      stopped_ = true;
      return false;
    }
    if (!SameWay(judged->judgement, best_.judgement)) return false;
    selection_ = candidate;
    best_ = std::move(*judged);
    return true;
  }

  OracleSession& session_;
  const PendingPieces& pieces_;
  Selection selection_;
  Judged best_;
  bool stopped_ = false;  // the budget ran out
};

// The crash points where the drop-unsynced state may change, up to `crash_point`: the first
// one, and those right after an output line or a barrier (nothing else forces a piece or adds
// a promise). Ascending.
std::vector<size_t> ChangePoints(const trace::Trace& trace, size_t crash_point) {
  std::vector<size_t> points = {trace.first_crash_point};
  for (size_t e = trace.first_crash_point; e < crash_point; ++e) {
    const trace::EventType type = trace.events[e].type;
    if (type == trace::EventType::kOutput || trace::IsBarrier(type)) points.push_back(e + 1);
  }
  return points;
}

// Bisects the change points for the earliest where drop-unsynced violates the same way as
// `found` (which violates at its own crash point). Keeps what it has when the budget runs out.
Status FindEarliest(OracleSession& session, MinimalState& found) {
  const trace::Trace& trace = session.generator().timeline().trace();
  const std::vector<size_t> points = ChangePoints(trace, found.state.crash_point);
  // Invariant: drop-unsynced violates at points[violating] (the last equals found's state) and
  // not at points[consistent]; -1 stands for "before the first".
  auto violating = static_cast<std::ptrdiff_t>(points.size()) - 1;
  std::ptrdiff_t consistent = -1;
  // The same state at the earliest crash point that has it (no call: the session knows it).
  POWERCUT_ASSIGN_OR_RETURN(std::optional<Judged> last,
                            session.Judge("c" + std::to_string(points.back())));
  if (!last) return Status::Ok();
  found.state = std::move(last->state);
  while (violating - consistent > 1) {
    const std::ptrdiff_t mid = consistent + (violating - consistent) / 2;
    const size_t point = points[static_cast<size_t>(mid)];
    POWERCUT_ASSIGN_OR_RETURN(std::optional<Judged> judged,
                              session.Judge("c" + std::to_string(point)));
    if (!judged) return Status::Ok();
    if (SameWay(judged->judgement, found.judgement)) {
      violating = mid;
      found.state = std::move(judged->state);
      found.judgement = std::move(judged->judgement);
    } else {
      consistent = mid;
    }
  }
  found.earliest_searched = true;
  if (violating > 0) found.breaking_event = points[static_cast<size_t>(violating)] - 1;
  return Status::Ok();
}

}  // namespace

Result<MinimalState> Minimize(OracleSession& session, const crash::CrashState& given,
                              const Judgement& judgement, const MinimizeOptions& options) {
  if (!judgement.violates()) {
    return Status::InvalidArgument("reduce: state " + given.id + " was judged consistent");
  }
  // The state as this generator builds it: an ID of another trace or model is an error here.
  auto built = session.generator().Materialize(given.id);
  if (!built.ok()) return Status::InvalidArgument("reduce: " + built.status().message());
  const crash::CrashState& violating = built->first;
  session.Remember(violating, judgement);
  const PendingPieces pieces(session.generator(), violating.crash_point);
  MinimalState out;
  out.original_crash_point = violating.crash_point;
  out.original_id = violating.id;
  out.state = violating;
  out.judgement = judgement;
  Judged dropped{violating, judgement};
  if (!violating.persisted.empty()) {
    POWERCUT_ASSIGN_OR_RETURN(std::optional<Judged> judged,
                              session.Judge(pieces.IdOf(pieces.None())));
    if (!judged) {  // no budget even for one call: the state as given
      out.deviations = pieces.Deviations(pieces.FromState(violating));
      return out;
    }
    dropped = std::move(*judged);
  }
  if (!SameWay(dropped.judgement, judgement)) {
    Shrinker shrinker(session, pieces, pieces.FromState(violating), Judged{violating, judgement});
    POWERCUT_ASSIGN_OR_RETURN(out.one_minimal, shrinker.Run());
    out.state = std::move(shrinker.best().state);
    out.judgement = std::move(shrinker.best().judgement);
    out.deviations = pieces.Deviations(shrinker.selection());
    return out;
  }
  out.state = std::move(dropped.state);
  out.judgement = std::move(dropped.judgement);
  out.one_minimal = true;  // nothing persisted: nothing to remove
  if (options.earliest_crash_point) POWERCUT_RETURN_IF_ERROR(FindEarliest(session, out));
  return out;
}

}  // namespace powercut::reduce
