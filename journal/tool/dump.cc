// DumpJournal (inspect.h): everything the bytes say, read-only, as far as they can be read.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "journal/format.h"
#include "journal/ops.h"
#include "journal/recovery.h"
#include "journal/segment_reader.h"
#include "journal/tool/inspect.h"
#include "journal/tool/inspect_format.h"

namespace powercut::journal::tool {
namespace {

std::optional<Manifest> DumpManifest(FileSystem& fs, const std::string& dir, std::ostream& out) {
  const std::string path = JoinPath(dir, std::string(kManifestName));
  Result<std::unique_ptr<File>> file = fs.Open(path, OpenMode::kReadOnly);
  if (!file.ok()) {
    out << "MANIFEST: " << (file.status().IsNotFound() ? "missing" : file.status().ToString())
        << "\n";
    return std::nullopt;
  }
  std::array<std::byte, kManifestBytes + 1> bytes{};  // one extra byte detects a longer file
  const Result<size_t> n = (*file)->ReadAt(0, bytes);
  if (!n.ok()) {
    out << "MANIFEST: " << n.status().ToString() << "\n";
    return std::nullopt;
  }
  const std::optional<Manifest> manifest =
      *n == kManifestBytes ? ParseManifest(ByteView(bytes).first(*n)) : std::nullopt;
  if (!manifest) {
    out << "MANIFEST: invalid (" << *n << (*n > kManifestBytes ? "+" : "") << " bytes)\n";
    return std::nullopt;
  }
  out << "MANIFEST: journal id " << Hex64(manifest->journal_id) << ", checkpoint txn "
      << manifest->checkpoint_txn << ", oldest segment " << manifest->oldest_segment << "\n";
  return manifest;
}

void DumpRecord(const RecordView& record, std::ostream& out) {
  out << "  txn " << record.header.txn_id << " @ " << record.offset << ": "
      << kRecordHeaderBytes + record.header.payload_len << " bytes, "
      << FormatTimestamp(record.header.timestamp_ns) << ", watermark " << record.durable_txn
      << "\n";
  const Result<std::vector<Op>> ops = DecodeOps(record.ops);
  if (!ops.ok()) {
    out << "    undecodable ops: " << ops.status().message() << "\n";
    return;
  }
  for (const Op& op : *ops) out << "    " << DescribeOp(op) << "\n";
}

// Records until the first invalid one, then what follows them.
Status DumpRecords(SegmentReader& reader, std::ostream& out) {
  while (true) {
    POWERCUT_ASSIGN_OR_RETURN(const std::optional<RecordView> record, reader.Next());
    if (!record) break;
    DumpRecord(*record, out);
  }
  out << "  end @ " << reader.end_offset() << ": "
      << (reader.DescribeEnd().empty() ? std::string("end of file") : reader.DescribeEnd()) << "\n";
  if (reader.end_offset() < reader.file_size()) {
    POWERCUT_ASSIGN_OR_RETURN(const std::optional<uint64_t> voucher, reader.FindVoucher());
    if (voucher) {
      out << "  a valid record @ " << *voucher << " vouches that txn " << reader.next_txn()
          << " was durable: the damage is not a torn tail\n";
    }
  }
  return Status::Ok();
}

void DumpSegment(FileSystem& fs, const std::string& path, bool covered, std::ostream& out) {
  out << "segment " << BaseName(path) << (covered ? " (covered by the checkpoint)" : "") << ":";
  Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(fs, path);
  if (!reader.ok()) {
    out << " " << reader.status().ToString() << "\n";
    return;
  }
  const SegmentHeader& header = (*reader)->header();
  out << " " << (*reader)->file_size() << " bytes, journal id " << Hex64(header.journal_id)
      << ", seq " << header.segment_seq << ", first txn " << header.first_txn << ", salt "
      << Hex32(header.salt) << "\n";
  const Status status = DumpRecords(**reader, out);
  if (!status.ok()) out << "  stopped: " << status.ToString() << "\n";
}

InspectVerdict DumpVerdict(FileSystem& fs, const std::string& dir, std::ostream& out) {
  const Result<JournalState> state = AnalyzeJournal(fs, dir);
  if (!state.ok()) {
    out << "verdict: " << state.status().ToString() << "\n";
    return state.status().IsCorruption() ? InspectVerdict::kCorrupt : InspectVerdict::kUnreadable;
  }
  if (!state->exists) {
    out << "verdict: not a journal (no MANIFEST and no segment file)\n";
    return InspectVerdict::kNotAJournal;
  }
  out << "verdict: OK: " << DescribeRecovery(*state) << "\n";
  return InspectVerdict::kHealthy;
}

}  // namespace

InspectVerdict DumpJournal(FileSystem& fs, const std::string& dir, std::ostream& out) {
  Result<std::vector<std::string>> names = fs.List(dir);
  if (!names.ok()) {
    out << dir << ": " << names.status().ToString() << "\n";
    return names.status().IsNotFound() ? InspectVerdict::kNotAJournal : InspectVerdict::kUnreadable;
  }
  std::sort(names->begin(), names->end());
  out << "journal directory " << dir << "\n";
  const std::optional<Manifest> manifest = DumpManifest(fs, dir, out);

  std::vector<std::pair<uint64_t, std::string>> segments;
  std::vector<std::string> others;
  for (const std::string& name : *names) {
    if (const std::optional<uint64_t> seq = ParseSegmentFileName(name)) {
      segments.emplace_back(*seq, name);
    } else if (name != kManifestName) {
      others.push_back(name);
    }
  }
  std::sort(segments.begin(), segments.end());
  for (const auto& [seq, name] : segments) {
    DumpSegment(fs, JoinPath(dir, name), manifest && seq < manifest->oldest_segment, out);
  }
  for (const std::string& name : others) {
    out << "other file " << name
        << (name.ends_with(kTempSuffix) ? ": temporary, removed on open\n"
                                        : ": not the journal's, ignored\n");
  }
  return DumpVerdict(fs, dir, out);
}

}  // namespace powercut::journal::tool
