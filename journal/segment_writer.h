// SegmentWriter: the journal's live segments on disk, and appends to the active (last) one.
//
// Crash-safety contract of each step:
//   - a segment is created as <name>.tmp with its header, fsynced, renamed into place and the
//     directory fsynced, so a segment name never exists without a complete header;
//   - before a new segment is started, the active one is fsynced, so every segment but the
//     last is complete and durable (recovery relies on this to call damage there corruption);
//   - covered segments are unlinked only after the MANIFEST that drops them is durable.
//
// Not thread-safe: the Journal serialises all calls (its I/O mutex).
#ifndef POWERCUT_JOURNAL_SEGMENT_WRITER_H_
#define POWERCUT_JOURNAL_SEGMENT_WRITER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/recovery.h"

namespace powercut::journal {

class SegmentWriter {
 public:
  SegmentWriter(FileSystem& fs, std::string dir, uint64_t journal_id,
                std::function<uint64_t()> entropy);
  ~SegmentWriter();

  // Adopts recovered segments (at least one); appends continue at the last one's end_offset.
  // REQUIRES: the last segment's bytes after end_offset were already cut off.
  Status Resume(std::vector<SegmentState> segments);
  // Creates segment `seq` whose first record will be `first_txn`, and makes it active.
  Status StartSegment(uint64_t seq, uint64_t first_txn);

  // Writes whole records (the last one with id `last_txn`) at the end of the active segment.
  Status Append(ByteView records, uint64_t last_txn);
  // fdatasync of the active segment, skipped when nothing was written since the last one.
  Status DataSync();
  // Syncs the active segment and starts the next one, which will begin at last_txn + 1.
  Status Rotate();
  // True when `incoming_bytes` should go to a new segment: the active one holds records and
  // would grow past `max_segment_bytes`.
  bool ShouldRotate(size_t incoming_bytes, uint64_t max_segment_bytes) const;

  // The oldest segment that still holds a txn > applied_txn (the active one at the latest).
  uint64_t OldestNeeded(uint64_t applied_txn) const;
  // Unlinks every segment below `seq` (never the active one) and fsyncs the directory.
  Status RemoveBelow(uint64_t seq);

  Status Close();

  uint32_t salt() const { return active().header.salt; }
  bool has_unsynced() const { return unsynced_; }
  const SegmentState& active() const { return segments_.back(); }
  const std::vector<SegmentState>& segments() const { return segments_; }

 private:
  Status OpenActive();

  FileSystem& fs_;
  std::string dir_;
  uint64_t journal_id_;
  std::function<uint64_t()> entropy_;
  std::vector<SegmentState> segments_;
  std::unique_ptr<File> file_;  // the active segment
  bool unsynced_ = false;
};

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_SEGMENT_WRITER_H_
