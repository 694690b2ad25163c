// SegmentReader: reads the records of one segment file in order and says where and why they end.
//
// A record is valid when its header parses, its payload fits in the file, its salted CRC matches,
// its txn id is the next expected one and its watermark is below its own id. The first record
// that is not valid ends the segment; DescribeEnd() says what follows. Whether that end is a
// harmless torn tail or corruption is the caller's decision (recovery.h), helped by
// FindVoucher().
//
// Memory: one read window, at most kMaxPayloadBytes + 2 * kRecordHeaderBytes + 256 KiB, whatever
// the file holds. Not thread-safe.
#ifndef POWERCUT_JOURNAL_SEGMENT_READER_H_
#define POWERCUT_JOURNAL_SEGMENT_READER_H_

#include <memory>
#include <optional>
#include <string>

#include "faultfs/fs/file_system.h"
#include "journal/format.h"

namespace powercut::journal {

struct RecordView {
  uint64_t offset = 0;
  RecordHeader header;
  uint64_t durable_txn = 0;  // the watermark: highest txn known durable when this was written
  ByteView ops;              // valid until the next call on the reader
};

class SegmentReader {
 public:
  // Opens `path` read-only and checks its header; kCorruption naming the file if it is invalid.
  static Result<std::unique_ptr<SegmentReader>> Open(FileSystem& fs, const std::string& path);

  const SegmentHeader& header() const { return header_; }
  uint64_t file_size() const { return file_size_; }
  const std::string& path() const { return file_->path(); }

  // The next valid record, or nullopt once the valid records end (and at every later call).
  Result<std::optional<RecordView>> Next();
  // Offset just after the last valid record returned (the segment header's end at first).
  uint64_t end_offset() const { return end_offset_; }
  // The id the next record must carry.
  uint64_t next_txn() const { return next_txn_; }

  // After Next() returned nullopt: what follows end_offset(), e.g. "torn record: 40 of 120
  // bytes present"; empty when the records end exactly at end of file.
  const std::string& DescribeEnd() const { return end_reason_; }

  // After Next() returned nullopt: looks in the bytes after end_offset() for a valid record of
  // this segment (same salt) with id >= next_txn() whose watermark is >= next_txn(). Such a
  // record proves that txn next_txn() had been made durable before the damage, i.e. the damage
  // is corruption, not a torn tail. Returns the voucher's offset, or nullopt.
  Result<std::optional<uint64_t>> FindVoucher();

 private:
  SegmentReader(std::unique_ptr<File> file, uint64_t file_size, SegmentHeader header);

  // Bytes [offset, offset + n), fewer only at end of file. Valid until the next Read.
  Result<ByteView> Read(uint64_t offset, size_t n);
  // Ends the valid records at end_offset_ with `reason` (the zero-tail check refines it).
  Status End(std::string reason);
  // The record at `offset` if it is valid for this segment with an id >= min_txn.
  Result<std::optional<RecordView>> TryRecordAt(uint64_t offset, uint64_t min_txn,
                                                std::string* why_not);

  std::unique_ptr<File> file_;
  uint64_t file_size_;
  SegmentHeader header_;
  uint32_t crc_seed_;  // RecordCrcSeed(header_.salt)
  uint64_t end_offset_ = kSegmentHeaderBytes;
  uint64_t next_txn_;
  bool ended_ = false;
  std::string end_reason_;
  // The read window: window_bytes_ bytes of the file from window_offset_, in a buffer that only
  // grows and is never zero-filled (reads overwrite what they return).
  ByteView window() const { return ByteView(buffer_.get(), window_bytes_); }
  std::unique_ptr<std::byte[]> buffer_;
  size_t buffer_bytes_ = 0;
  size_t window_bytes_ = 0;
  uint64_t window_offset_ = 0;
};

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_SEGMENT_READER_H_
