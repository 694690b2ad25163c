#include "journal/segment_writer.h"

#include "journal/format.h"
#include "journal/io.h"

namespace powercut::journal {

SegmentWriter::SegmentWriter(FileSystem& fs, std::string dir, uint64_t journal_id,
                             std::function<uint64_t()> entropy)
    : fs_(fs), dir_(std::move(dir)), journal_id_(journal_id), entropy_(std::move(entropy)) {}

SegmentWriter::~SegmentWriter() { (void)Close(); }

Status SegmentWriter::Resume(std::vector<SegmentState> segments) {
  POWERCUT_ASSERT(!segments.empty());
  segments_ = std::move(segments);
  SegmentState& last = segments_.back();
  POWERCUT_ASSERT(last.end_offset == last.file_size);
  last.tail.clear();
  return OpenActive();
}

Status SegmentWriter::OpenActive() {
  if (file_) POWERCUT_RETURN_IF_ERROR(file_->Close());
  POWERCUT_ASSIGN_OR_RETURN(file_, io::Open(fs_, active().path, OpenMode::kReadWrite));
  unsynced_ = false;
  return Status::Ok();
}

Status SegmentWriter::StartSegment(uint64_t seq, uint64_t first_txn) {
  SegmentHeader header;
  header.journal_id = journal_id_;
  header.segment_seq = seq;
  header.first_txn = first_txn;
  // A fresh salt per segment: bytes of any other segment or incarnation never pass its CRC.
  header.salt = static_cast<uint32_t>(entropy_());
  if (!segments_.empty() && header.salt == segments_.back().header.salt) header.salt = ~header.salt;
  const std::string name = SegmentFileName(seq);
  POWERCUT_RETURN_IF_ERROR(io::WriteFileAtomically(fs_, dir_, name, EncodeSegmentHeader(header)));
  SegmentState state;
  state.path = JoinPath(dir_, name);
  state.header = header;
  state.file_size = kSegmentHeaderBytes;
  state.end_offset = kSegmentHeaderBytes;
  state.last_txn = first_txn - 1;
  segments_.push_back(std::move(state));
  return OpenActive();
}

Status SegmentWriter::Append(ByteView records, uint64_t last_txn) {
  SegmentState& segment = segments_.back();
  POWERCUT_RETURN_IF_ERROR(io::WriteAt(*file_, segment.end_offset, records));
  unsynced_ = true;
  const uint64_t count = last_txn - segment.last_txn;
  segment.end_offset += records.size();
  segment.file_size = segment.end_offset;
  segment.last_txn = last_txn;
  segment.record_count += count;
  return Status::Ok();
}

Status SegmentWriter::DataSync() {
  if (!unsynced_) return Status::Ok();
  POWERCUT_RETURN_IF_ERROR(io::DataSync(*file_));
  unsynced_ = false;
  return Status::Ok();
}

Status SegmentWriter::Rotate() {
  POWERCUT_RETURN_IF_ERROR(DataSync());
  const SegmentState& old = active();
  return StartSegment(old.header.segment_seq + 1, old.last_txn + 1);
}

bool SegmentWriter::ShouldRotate(size_t incoming_bytes, uint64_t max_segment_bytes) const {
  return active().record_count > 0 && active().end_offset + incoming_bytes > max_segment_bytes;
}

uint64_t SegmentWriter::OldestNeeded(uint64_t applied_txn) const {
  for (const SegmentState& segment : segments_) {
    if (segment.last_txn > applied_txn) return segment.header.segment_seq;
  }
  return active().header.segment_seq;
}

Status SegmentWriter::RemoveBelow(uint64_t seq) {
  POWERCUT_ASSERT(seq <= active().header.segment_seq);
  size_t removed = 0;
  while (segments_.front().header.segment_seq < seq) {
    Status s = io::Unlink(fs_, segments_.front().path);
    if (!s.ok() && !s.IsNotFound()) return s;
    segments_.erase(segments_.begin());
    ++removed;
  }
  return removed > 0 ? io::SyncDir(fs_, dir_) : Status::Ok();
}

Status SegmentWriter::Close() {
  if (!file_) return Status::Ok();
  Status s = file_->Close();
  file_.reset();
  return s;
}

}  // namespace powercut::journal
