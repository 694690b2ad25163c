// Timeline: a trace cut into pieces (MODELS.md "Units") with, for each event, the barrier that
// forces its pieces. Built once per trace; read-only afterwards, so it may be shared by threads.
#ifndef POWERCUT_FAULTFS_CRASH_TIMELINE_H_
#define POWERCUT_FAULTFS_CRASH_TIMELINE_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "faultfs/crash/model.h"
#include "faultfs/image/fs_image.h"
#include "faultfs/trace/event.h"

namespace powercut::crash {

inline constexpr size_t kNever = std::numeric_limits<size_t>::max();

enum class PieceKind : uint8_t { kData, kZero, kSize, kEntry };

struct Piece {
  PieceKind kind = PieceKind::kEntry;
  bool append = false;      // a write's size piece, or data wholly past the file's old size
  uint64_t offset = 0;      // kData, kZero: file offset
  uint64_t length = 0;      // kData, kZero: bytes
  uint64_t size = 0;        // kSize: the value
  bool exact_size = false;  // kSize: a truncate (size := value) rather than an extension (max)
};

struct EventPieces {
  std::vector<Piece> pieces;
  bool metadata = false;          // an entry operation or a truncate: ext4's ordered journal
  bool replaces_file = false;     // a rename over an existing file (ext4 auto_da_alloc)
  bool truncates_to_zero = false; // ext4 auto_da_alloc
  bool has_append = false;        // some pieces are `append`
  bool renames_dir = false;       // a rename of a directory
  size_t forced_by = kNever;      // the first barrier forcing the pieces (kNever: none does)
  size_t forced_by_ext4 = kNever; // the same where any fsync also forces metadata
};

// A set of an event's pieces, as sorted, disjoint, non-adjacent runs [begin, end).
using PieceRuns = std::vector<std::pair<uint32_t, uint32_t>>;

class Timeline {
 public:
  // `max_pieces_per_write` coarsens tears of long writes: a write of more sectors than that is
  // cut at that many sector-aligned points only (MODELS.md, the bound on tears).
  Timeline(const trace::Trace& trace, uint32_t sector_bytes, uint32_t max_pieces_per_write);

  const trace::Trace& trace() const { return trace_; }
  size_t size() const { return events_.size(); }
  size_t first_crash_point() const { return trace_.first_crash_point; }
  const EventPieces& at(size_t event) const { return events_[event]; }
  size_t ForcedBy(size_t event, Model model) const {
    return model == Model::kExt4Ordered ? events_[event].forced_by_ext4 : events_[event].forced_by;
  }
  // True when `event` has pieces that are pending at `crash_point` under `model`.
  bool IsPending(size_t event, size_t crash_point, Model model) const {
    return event >= trace_.first_crash_point && event < crash_point &&
           !events_[event].pieces.empty() && ForcedBy(event, model) >= crash_point;
  }

  void ApplyAll(size_t event, FsImage& image) const;
  void ApplyRuns(size_t event, const PieceRuns& runs, FsImage& image) const;

 private:
  void ApplyPiece(const trace::Event& event, const Piece& piece, FsImage& image) const;
  void SplitRange(uint64_t begin, uint64_t end, uint64_t old_size, PieceKind kind,
                  std::vector<Piece>& out) const;
  void ComputeForcing();
  void ComputeExt4Forcing();

  const trace::Trace& trace_;
  const uint32_t sector_bytes_;
  const uint32_t max_pieces_per_write_;
  std::vector<EventPieces> events_;
};

}  // namespace powercut::crash

#endif  // POWERCUT_FAULTFS_CRASH_TIMELINE_H_
