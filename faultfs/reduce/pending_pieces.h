// PendingPieces: the pending pieces of one crash point (MODELS.md "Forced and pending"), numbered
// in trace order, and what the persistence model makes each of them require.
//
// Every model rule of MODELS.md is a requirement between two pending pieces: "if this piece
// persisted, that one did too". So the states a model allows at a crash point are exactly the
// sets of pending pieces closed under the requirements below, which gives the reducer two exact
// moves: removing pieces from an allowed state (and everything that requires them) and adding
// pieces (and everything they require) both give allowed states, the largest and the smallest
// such. faultfs/reduce/pending_pieces_test.cc checks this equivalence against
// CrashStateGenerator::Materialize on random traces in every model.
//
//   posix          none
//   prefix         each piece requires the one before it
//   ext4-ordered   (1) a metadata event requires the pending metadata event before it;
//                  (2) the append pieces of a write require each other;
//                  (3) a rename replacing a file requires every piece of the earlier pending
//                      writes to the renamed file;
//                  (4) a pending truncate to zero and the later pending writes to that file
//                      (up to the next pending truncate to zero) require each other
//   drop-unsynced  no pending piece may persist at all
//
// Read-only after construction.
#ifndef POWERCUT_FAULTFS_REDUCE_PENDING_PIECES_H_
#define POWERCUT_FAULTFS_REDUCE_PENDING_PIECES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"

namespace powercut::reduce {

// A set of pending pieces of one crash point, indexed by piece number.
using Selection = std::vector<bool>;

class PendingPieces {
 public:
  PendingPieces(const crash::CrashStateGenerator& generator, size_t crash_point);

  size_t crash_point() const { return crash_point_; }
  // The pending events, in order (CrashState::pending); a "slot" indexes this list.
  const std::vector<size_t>& events() const { return events_; }
  size_t size() const { return slot_of_.size(); }  // pieces
  size_t first_piece(size_t slot) const { return first_[slot]; }
  size_t piece_count(size_t slot) const { return first_[slot + 1] - first_[slot]; }
  size_t slot_of(size_t piece) const { return slot_of_[piece]; }
  // The slot of pending event `event`, if it is pending here.
  std::optional<size_t> SlotOfEvent(size_t event) const;

  Selection None() const { return Selection(size(), false); }
  // The pieces `state` (at this crash point) persisted.
  Selection FromState(const crash::CrashState& state) const;
  std::vector<crash::Persisted> ToPersisted(const Selection& selection) const;
  std::string IdOf(const Selection& selection) const;

  // True when the model allows exactly these pending pieces to persist.
  bool IsAllowed(const Selection& selection) const;
  // `selection` without `removed` and without every piece that requires one of them: the
  // largest allowed state inside selection minus removed. REQUIRES: `selection` is allowed.
  Selection Without(const Selection& selection, const std::vector<size_t>& removed) const;
  // `selection` with `added` and everything they require: the smallest allowed state holding
  // both; nullopt when the model lets nothing pending persist. REQUIRES: `selection` is allowed.
  std::optional<Selection> With(const Selection& selection,
                                const std::vector<size_t>& added) const;

  // Deviations from drop-unsynced: each wholly persisted event counts 1, a torn one the number
  // of runs of pieces it persisted.
  int Deviations(const Selection& selection) const;
  // The pieces selected of `slot`, as runs.
  crash::PieceRuns RunsOf(const Selection& selection, size_t slot) const;

 private:
  void Require(size_t piece, size_t required);
  void RequireBoth(size_t a, size_t b) {
    Require(a, b);
    Require(b, a);
  }
  void AddExt4Requirements(const crash::Timeline& timeline);

  size_t crash_point_;
  bool nothing_allowed_ = false;
  std::vector<size_t> events_;
  std::vector<size_t> first_;    // first_[slot]: number of the slot's piece 0; one past the end
  std::vector<size_t> slot_of_;  // by piece
  std::vector<std::vector<size_t>> requires_;     // by piece: what it requires directly
  std::vector<std::vector<size_t>> required_by_;  // the reverse
};

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_PENDING_PIECES_H_
