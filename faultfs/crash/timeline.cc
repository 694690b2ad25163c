#include "faultfs/crash/timeline.h"

#include <algorithm>
#include <map>

namespace powercut::crash {

using trace::Event;
using trace::EventType;

Timeline::Timeline(const trace::Trace& trace, uint32_t sector_bytes,
                   uint32_t max_pieces_per_write)
    : trace_(trace),
      sector_bytes_(std::max<uint32_t>(sector_bytes, 1)),
      max_pieces_per_write_(std::max<uint32_t>(max_pieces_per_write, 1)),
      events_(trace.events.size()) {
  FsImage now;  // the state as the workload saw it, to know sizes and replaced files
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const Event& e = trace.events[i];
    EventPieces& out = events_[i];
    const FsImage::Node* node = now.Find(e.inode);
    const uint64_t old_size = node == nullptr ? 0 : node->size;
    switch (e.type) {
      case EventType::kWrite: {
        const uint64_t end = e.offset + e.data.size();
        if (end > old_size) {
          out.pieces.push_back(Piece{.kind = PieceKind::kSize, .append = true, .size = end});
        }
        SplitRange(e.offset, end, old_size, PieceKind::kData, out.pieces);
        break;
      }
      case EventType::kTruncate:
        out.pieces.push_back(Piece{.kind = PieceKind::kSize, .size = e.length, .exact_size = true});
        out.metadata = true;
        out.truncates_to_zero = e.length == 0;
        break;
      case EventType::kFallocate: {
        const uint64_t end = e.offset + e.length;
        const bool keep_size = (e.mode & trace::kFallocKeepSize) != 0;
        if (!keep_size && end > old_size) {
          out.pieces.push_back(Piece{.kind = PieceKind::kSize, .append = true, .size = end});
        }
        if ((e.mode & (trace::kFallocPunchHole | trace::kFallocZeroRange)) != 0) {
          SplitRange(e.offset, std::min(end, old_size), old_size, PieceKind::kZero, out.pieces);
        }
        break;
      }
      case EventType::kCreate:
      case EventType::kMkdir:
      case EventType::kUnlink:
      case EventType::kLink:
      case EventType::kRmdir:
        out.pieces.push_back(Piece{.kind = PieceKind::kEntry});
        out.metadata = true;
        break;
      case EventType::kRename: {
        out.pieces.push_back(Piece{.kind = PieceKind::kEntry});
        out.metadata = true;
        const std::optional<InodeId> target = now.Lookup(e.dir2, e.name2);
        out.replaces_file = target && *target != e.inode && !now.Find(*target)->is_dir;
        const FsImage::Node* moved = now.Find(e.inode);
        out.renames_dir = moved != nullptr && moved->is_dir;
        break;
      }
      default:
        break;
    }
    out.has_append = std::any_of(out.pieces.begin(), out.pieces.end(),
                                 [](const Piece& p) { return p.append; });
    ApplyAll(i, now);
  }
  ComputeForcing();
}

// Cuts [begin, end) at sector boundaries (coarsened for long ranges) and at `old_size`.
void Timeline::SplitRange(uint64_t begin, uint64_t end, uint64_t old_size, PieceKind kind,
                          std::vector<Piece>& out) const {
  if (begin >= end) return;
  const uint64_t sectors = (end - 1) / sector_bytes_ - begin / sector_bytes_ + 1;
  const uint64_t step =
      sector_bytes_ * ((sectors + max_pieces_per_write_ - 1) / max_pieces_per_write_);
  uint64_t at = begin;
  while (at < end) {
    uint64_t next = std::min(end, (at / step + 1) * step);
    if (at < old_size && old_size < next) next = old_size;  // overwrite and append apart
    out.push_back(Piece{.kind = kind, .append = at >= old_size, .offset = at, .length = next - at});
    at = next;
  }
}

void Timeline::ComputeForcing() {
  const std::vector<Event>& events = trace_.events;
  std::map<InodeId, std::vector<size_t>> by_file;  // data/size events waiting, per file
  std::map<InodeId, std::vector<size_t>> by_dir;   // entry events waiting, per directory
  std::vector<size_t> waiting;                     // every event waiting (for sync)
  std::vector<bool> poisoned(events.size(), false);
  // Forces the events of `list` that took effect before `began` (when the barrier's call
  // started; the others overlapped it and keep waiting). Lists are in trace order.
  auto force = [&](std::vector<size_t>& list, size_t began, size_t barrier) {
    auto overlapped = std::lower_bound(list.begin(), list.end(), began);
    for (auto it = list.begin(); it != overlapped; ++it) {
      if (events_[*it].forced_by == kNever && !poisoned[*it]) events_[*it].forced_by = barrier;
    }
    list.erase(list.begin(), overlapped);
  };
  for (size_t b = 0; b < events.size(); ++b) {
    const Event& e = events[b];
    if (!events_[b].pieces.empty()) {
      waiting.push_back(b);
      if (events_[b].pieces.front().kind == PieceKind::kEntry) {
        const bool new_name = e.type == EventType::kRename || e.type == EventType::kLink;
        by_dir[new_name ? e.dir2 : e.dir].push_back(b);
      } else {
        by_file[e.inode].push_back(b);
      }
      continue;
    }
    const size_t began = b - std::min<size_t>(b, e.overlap);
    if (e.type == EventType::kFsync || e.type == EventType::kFdatasync) {
      force(by_file[e.inode], began, b);
      force(by_dir[e.inode], began, b);
    } else if (e.type == EventType::kSync) {
      force(waiting, began, b);
    } else if (e.type == EventType::kSyncFailed) {
      // Linux marked the pages clean: no later barrier can make this data durable. Writes that
      // overlapped the failed call may have dirtied pages again: they keep waiting.
      std::vector<size_t>& list = by_file[e.inode];
      auto overlapped = std::lower_bound(list.begin(), list.end(), began);
      for (auto it = list.begin(); it != overlapped; ++it) {
        poisoned[*it] = events_[*it].forced_by == kNever;
      }
      list.erase(list.begin(), overlapped);
    }
  }
  ComputeExt4Forcing();
}

// ext4 data=ordered: a successful fsync of anything commits the journal, with every earlier
// metadata change; and a committed replacing rename or truncate-to-zero brings the data it waits
// for with it (auto_da_alloc: the data is written before the commit).
void Timeline::ComputeExt4Forcing() {
  const std::vector<Event>& events = trace_.events;
  // first_fsync_after[i]: the first fsync/fdatasync whose call began after event i took effect
  // (an fsync commits ext4's journal, with every metadata change made before the call).
  std::vector<size_t> first_fsync_after(events.size() + 1, kNever);
  for (size_t j = 0; j < events.size(); ++j) {
    if (events[j].type != EventType::kFsync && events[j].type != EventType::kFdatasync) continue;
    const size_t began = j - std::min<size_t>(j, events[j].overlap);
    first_fsync_after[began] = std::min(first_fsync_after[began], j);
  }
  size_t next_fsync = kNever;  // min of first_fsync_after[i + 1 ...]
  for (size_t i = events.size(); i-- > 0;) {
    next_fsync = std::min(next_fsync, first_fsync_after[i + 1]);
    events_[i].forced_by_ext4 = events_[i].forced_by;
    if (events_[i].metadata) {
      events_[i].forced_by_ext4 = std::min(events_[i].forced_by, next_fsync);
    }
  }
  for (size_t i = 0; i < events.size(); ++i) {
    const EventPieces& binding = events_[i];
    const size_t commit = binding.forced_by_ext4;
    if (commit == kNever || !(binding.replaces_file || binding.truncates_to_zero)) continue;
    // A rename waits for the earlier writes of the renamed file; a truncate for the later ones.
    const size_t from = binding.replaces_file ? 0 : i + 1;
    const size_t commit_began = commit - std::min<size_t>(commit, events[commit].overlap);
    const size_t to = binding.replaces_file ? i : commit_began;
    for (size_t w = from; w < to; ++w) {
      EventPieces& data = events_[w];
      if (!data.metadata && !data.pieces.empty() && events[w].inode == events[i].inode) {
        data.forced_by_ext4 = std::min(data.forced_by_ext4, commit);
      }
    }
  }
}

void Timeline::ApplyPiece(const Event& e, const Piece& piece, FsImage& image) const {
  switch (piece.kind) {
    case PieceKind::kData:
      image.Write(e.inode, piece.offset,
                  std::string_view(e.data).substr(static_cast<size_t>(piece.offset - e.offset),
                                                  static_cast<size_t>(piece.length)));
      return;
    case PieceKind::kZero:
      image.WriteZeros(e.inode, piece.offset, piece.length);
      return;
    case PieceKind::kSize:
      if (piece.exact_size) {
        image.Truncate(e.inode, piece.size);
      } else {
        image.ExtendSize(e.inode, piece.size);
      }
      return;
    case PieceKind::kEntry:
      break;
  }
  switch (e.type) {
    case EventType::kCreate: image.CreateFile(e.dir, e.name, e.inode); return;
    case EventType::kMkdir: image.MakeDir(e.dir, e.name, e.inode); return;
    case EventType::kRename:
      image.Rename(e.dir, e.name, e.dir2, e.name2, e.inode,
                   events_[static_cast<size_t>(&e - trace_.events.data())].renames_dir);
      return;
    case EventType::kUnlink: image.Unlink(e.dir, e.name, e.inode); return;
    case EventType::kLink: image.Link(e.inode, e.dir2, e.name2); return;
    case EventType::kRmdir: image.Rmdir(e.dir, e.name, e.inode); return;
    default: return;
  }
}

void Timeline::ApplyAll(size_t event, FsImage& image) const {
  for (const Piece& piece : events_[event].pieces) ApplyPiece(trace_.events[event], piece, image);
}

void Timeline::ApplyRuns(size_t event, const PieceRuns& runs, FsImage& image) const {
  for (const auto& [begin, end] : runs) {
    for (uint32_t p = begin; p < end; ++p) {
      ApplyPiece(trace_.events[event], events_[event].pieces[p], image);
    }
  }
}

}  // namespace powercut::crash
