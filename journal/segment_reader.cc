#include "journal/segment_reader.h"

#include <algorithm>
#include <array>

#include "journal/io.h"

namespace powercut::journal {
namespace {

constexpr size_t kWindowBytes = size_t{256} * 1024;
constexpr std::array<std::byte, 4> kMagic = {std::byte{'E'}, std::byte{'M'}, std::byte{'B'},
                                             std::byte{'R'}};

}  // namespace

SegmentReader::SegmentReader(std::unique_ptr<File> file, uint64_t file_size, SegmentHeader header)
    : file_(std::move(file)),
      file_size_(file_size),
      header_(header),
      crc_seed_(RecordCrcSeed(header.salt)),
      next_txn_(header.first_txn) {}

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(FileSystem& fs,
                                                           const std::string& path) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, io::Open(fs, path, OpenMode::kReadOnly));
  POWERCUT_ASSIGN_OR_RETURN(const uint64_t size, file->Size());
  std::array<std::byte, kSegmentHeaderBytes> bytes{};
  POWERCUT_ASSIGN_OR_RETURN(const size_t n, io::ReadAt(*file, 0, bytes));
  const std::optional<SegmentHeader> header =
      n == bytes.size() ? ParseSegmentHeader(bytes) : std::nullopt;
  if (!header) {
    return Status::Corruption(path + ": offset 0: invalid segment header (" + std::to_string(size) +
                              "-byte file)");
  }
  return std::unique_ptr<SegmentReader>(new SegmentReader(std::move(file), size, *header));
}

Result<ByteView> SegmentReader::Read(uint64_t offset, size_t n) {
  POWERCUT_ASSERT(offset <= file_size_);
  const uint64_t available = file_size_ - offset;
  n = static_cast<size_t>(std::min<uint64_t>(n, available));
  const bool inside = offset >= window_offset_ && offset + n <= window_offset_ + window_bytes_;
  if (!inside) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(std::max(n, kWindowBytes), available));
    if (want > buffer_bytes_) {
      buffer_ = std::make_unique_for_overwrite<std::byte[]>(want);
      buffer_bytes_ = want;
    }
    window_offset_ = offset;
    window_bytes_ = 0;  // until the read succeeds
    POWERCUT_ASSIGN_OR_RETURN(const size_t got,
                              io::ReadAt(*file_, offset, std::span(buffer_.get(), want)));
    window_bytes_ = got;  // the file may have shrunk under us; report what is there
    n = std::min(n, got);
  }
  return window().subspan(static_cast<size_t>(offset - window_offset_), n);
}

Status SegmentReader::End(std::string reason) {
  ended_ = true;
  const uint64_t rest = file_size_ - end_offset_;
  if (rest == 0) {
    end_reason_.clear();
    return Status::Ok();
  }
  // A tail of zeros is what an extended-but-unwritten region looks like after a crash.
  bool all_zero = true;
  for (uint64_t at = end_offset_; at < file_size_ && all_zero;) {
    POWERCUT_ASSIGN_OR_RETURN(const ByteView chunk, Read(at, kWindowBytes));
    if (chunk.empty()) break;
    all_zero = std::all_of(chunk.begin(), chunk.end(), [](std::byte b) { return b == std::byte{0}; });
    at += chunk.size();
  }
  end_reason_ = all_zero ? std::to_string(rest) + " zero bytes"
                         : std::move(reason) + " (" + std::to_string(rest) + " bytes to end of file)";
  return Status::Ok();
}

Result<std::optional<RecordView>> SegmentReader::TryRecordAt(uint64_t offset, uint64_t min_txn,
                                                             std::string* why_not) {
  POWERCUT_ASSIGN_OR_RETURN(ByteView head, Read(offset, kRecordHeaderBytes));
  if (head.size() < kRecordHeaderBytes) {
    *why_not = "torn record header: " + std::to_string(head.size()) + " of 32 bytes present";
    return std::optional<RecordView>();
  }
  const std::optional<RecordHeader> header = ParseRecordHeader(head);
  if (!header) {
    *why_not = "not a record header";
    return std::optional<RecordView>();
  }
  if (header->txn_id < min_txn) {
    *why_not = "unexpected txn id " + std::to_string(header->txn_id) + " (expected " +
               std::to_string(min_txn) + ")";
    return std::optional<RecordView>();
  }
  const uint64_t total = kRecordHeaderBytes + header->payload_len;
  if (offset + total > file_size_) {
    *why_not = "torn record: " + std::to_string(file_size_ - offset) + " of " +
               std::to_string(total) + " bytes present";
    return std::optional<RecordView>();
  }
  POWERCUT_ASSIGN_OR_RETURN(const ByteView record, Read(offset, static_cast<size_t>(total)));
  if (record.size() < total) {
    *why_not = "file shrank while reading";
    return std::optional<RecordView>();
  }
  const ByteView payload = record.subspan(kRecordHeaderBytes);
  if (!RecordCrcMatchesSeeded(crc_seed_, record.first(kRecordHeaderBytes), payload)) {
    *why_not = "checksum mismatch";
    return std::optional<RecordView>();
  }
  const uint64_t durable = LoadFixed64(payload.data());
  if (durable >= header->txn_id) {
    *why_not = "watermark not below its own txn id";
    return std::optional<RecordView>();
  }
  return std::optional<RecordView>(RecordView{offset, *header, durable, payload.subspan(kWatermarkBytes)});
}

Result<std::optional<RecordView>> SegmentReader::Next() {
  if (ended_) return std::optional<RecordView>();
  if (end_offset_ >= file_size_) {
    POWERCUT_RETURN_IF_ERROR(End(""));
    return std::optional<RecordView>();
  }
  std::string why_not;
  POWERCUT_ASSIGN_OR_RETURN(std::optional<RecordView> record,
                            TryRecordAt(end_offset_, next_txn_, &why_not));
  if (record && record->header.txn_id != next_txn_) {
    why_not = "unexpected txn id " + std::to_string(record->header.txn_id) + " (expected " +
              std::to_string(next_txn_) + ")";
    record.reset();
  }
  if (!record) {
    POWERCUT_RETURN_IF_ERROR(End(why_not));
    return std::optional<RecordView>();
  }
  end_offset_ += kRecordHeaderBytes + record->header.payload_len;
  ++next_txn_;
  return record;
}

Result<std::optional<uint64_t>> SegmentReader::FindVoucher() {
  POWERCUT_ASSERT(ended_);
  uint64_t at = end_offset_ + 1;
  while (at + kRecordHeaderBytes <= file_size_) {
    // Search what the window already holds past `at` (at least a header's worth) before reading
    // again: a tail full of record headers is then read about once, not once per header.
    ByteView chunk;
    if (at >= window_offset_ && at + kRecordHeaderBytes <= window_offset_ + window_bytes_) {
      chunk = window().subspan(static_cast<size_t>(at - window_offset_));
    } else {
      POWERCUT_ASSIGN_OR_RETURN(chunk, Read(at, kWindowBytes));
    }
    const auto hit = std::search(chunk.begin(), chunk.end(), kMagic.begin(), kMagic.end());
    if (hit == chunk.end()) {
      if (chunk.size() < kMagic.size()) break;
      at += chunk.size() - (kMagic.size() - 1);  // a magic may straddle the window's end
      continue;
    }
    const uint64_t candidate = at + static_cast<uint64_t>(hit - chunk.begin());
    std::string ignored;
    POWERCUT_ASSIGN_OR_RETURN(const std::optional<RecordView> record,
                              TryRecordAt(candidate, next_txn_, &ignored));
    if (record && record->durable_txn >= next_txn_) return std::optional<uint64_t>(candidate);
    at = candidate + 1;
  }
  return std::optional<uint64_t>();
}

}  // namespace powercut::journal
