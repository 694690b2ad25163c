#include "journal/recovery.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "journal/io.h"

namespace powercut::journal {
namespace {

struct Listing {
  bool has_manifest = false;
  std::vector<std::pair<uint64_t, std::string>> segments;  // (seq, name), unsorted
  std::vector<std::string> temps;
};

// "MANIFEST.tmp" or "<segment name>.tmp": what an interrupted atomic write of ours leaves.
// Other *.tmp files belong to someone else.
bool IsOurTempFile(std::string_view name) {
  if (!name.ends_with(kTempSuffix)) return false;
  name.remove_suffix(kTempSuffix.size());
  return name == kManifestName || ParseSegmentFileName(name).has_value();
}

Result<Listing> ListJournalDir(FileSystem& fs, const std::string& dir) {
  POWERCUT_ASSIGN_OR_RETURN(std::vector<std::string> names, fs.List(dir));
  Listing listing;
  for (std::string& name : names) {
    if (name == kManifestName) {
      listing.has_manifest = true;
    } else if (IsOurTempFile(name)) {
      listing.temps.push_back(JoinPath(dir, name));
    } else if (const std::optional<uint64_t> seq = ParseSegmentFileName(name)) {
      listing.segments.emplace_back(*seq, std::move(name));
    }
    // Anything else is not ours: left alone.
  }
  std::sort(listing.segments.begin(), listing.segments.end());
  return listing;
}

Result<Manifest> ReadManifest(FileSystem& fs, const std::string& dir) {
  const std::string path = JoinPath(dir, std::string(kManifestName));
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, io::Open(fs, path, OpenMode::kReadOnly));
  std::array<std::byte, kManifestBytes + 1> bytes{};  // one extra byte detects a longer file
  POWERCUT_ASSIGN_OR_RETURN(const size_t n, io::ReadAt(*file, 0, bytes));
  const std::optional<Manifest> manifest =
      n == kManifestBytes ? ParseManifest(ByteView(bytes).first(n)) : std::nullopt;
  if (!manifest) {
    const std::string size = n > kManifestBytes ? "longer than " + std::to_string(kManifestBytes)
                                                : std::to_string(n);
    return Status::Corruption(path + ": invalid MANIFEST (" + size + " bytes)");
  }
  return *manifest;
}

// Reads one segment's records. Damage after the last valid record is a torn tail only in the
// last segment, and only when no later record vouches for the damaged transaction.
Result<SegmentState> ScanSegment(FileSystem& fs, std::string path, bool is_last) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader, SegmentReader::Open(fs, path));
  SegmentState state;
  state.header = reader->header();
  state.file_size = reader->file_size();
  // Records no later watermark vouches for yet: (txn, end offset), from `first_unvouched` on.
  // Watermarks only grow, so these are the records since the last sync the writer knew of. The
  // vouched-for front is dropped once it is half the vector (amortised O(1), no deque blocks).
  std::vector<std::pair<uint64_t, uint64_t>> unvouched;
  size_t first_unvouched = 0;
  uint64_t max_watermark = 0;
  while (true) {
    POWERCUT_ASSIGN_OR_RETURN(const std::optional<RecordView> record, reader->Next());
    if (!record) break;
    ++state.record_count;
    max_watermark = std::max(max_watermark, record->durable_txn);
    unvouched.emplace_back(record->header.txn_id, reader->end_offset());
    while (first_unvouched < unvouched.size() &&
           unvouched[first_unvouched].first <= max_watermark) {
      state.vouched_end = unvouched[first_unvouched++].second;
    }
    if (2 * first_unvouched >= unvouched.size()) {
      unvouched.erase(unvouched.begin(),
                      unvouched.begin() + static_cast<std::ptrdiff_t>(first_unvouched));
      first_unvouched = 0;
    }
  }
  state.end_offset = reader->end_offset();
  state.last_txn = reader->next_txn() - 1;
  state.tail = reader->DescribeEnd();
  if (state.end_offset == state.file_size) {
    state.path = std::move(path);
    return state;
  }
  if (!is_last) {
    return CorruptionAt(path, state.end_offset, reader->next_txn(),
                        state.tail + "; only the last segment may end early");
  }
  POWERCUT_ASSIGN_OR_RETURN(const std::optional<uint64_t> voucher, reader->FindVoucher());
  if (voucher) {
    return CorruptionAt(path, state.end_offset, reader->next_txn(),
                        state.tail + "; the valid record at offset " + std::to_string(*voucher) +
                            " shows this transaction was already durable");
  }
  state.path = std::move(path);
  return state;
}

Status CheckChain(const JournalState& state, const SegmentState& segment, size_t index,
                  uint64_t expected_seq) {
  const SegmentHeader& header = segment.header;
  if (header.journal_id != state.manifest.journal_id) {
    return CorruptionAt(segment.path, 0, header.first_txn,
                        "segment belongs to another journal (id " +
                            std::to_string(header.journal_id) + ", MANIFEST says " +
                            std::to_string(state.manifest.journal_id) + ")");
  }
  if (header.segment_seq != expected_seq) {
    return CorruptionAt(segment.path, 0, header.first_txn,
                        "header says segment " + std::to_string(header.segment_seq));
  }
  if (index == 0 && header.first_txn > state.manifest.checkpoint_txn + 1) {
    return CorruptionAt(segment.path, 0, header.first_txn,
                        "transactions " + std::to_string(state.manifest.checkpoint_txn + 1) +
                            ".." + std::to_string(header.first_txn - 1) +
                            " are missing after the checkpoint");
  }
  if (index > 0 && header.first_txn != state.segments[index - 1].last_txn + 1) {
    return CorruptionAt(segment.path, 0, header.first_txn,
                        "segment starts at txn " + std::to_string(header.first_txn) +
                            " but the previous one ends at txn " +
                            std::to_string(state.segments[index - 1].last_txn));
  }
  return Status::Ok();
}

}  // namespace

Status CorruptionAt(const std::string& path, uint64_t offset, uint64_t txn,
                    const std::string& what) {
  return Status::Corruption(path + ": offset " + std::to_string(offset) + ": txn " +
                            std::to_string(txn) + ": " + what);
}

Result<JournalState> AnalyzeJournal(FileSystem& fs, const std::string& dir) {
  POWERCUT_ASSIGN_OR_RETURN(Listing listing, ListJournalDir(fs, dir));
  JournalState state;
  state.leftovers = std::move(listing.temps);
  if (!listing.has_manifest) {
    if (!listing.segments.empty()) {
      return Status::Corruption(dir + ": MANIFEST is missing but " +
                                std::to_string(listing.segments.size()) + " segment files exist");
    }
    return state;  // no journal here (or one whose creation never completed)
  }
  state.exists = true;
  POWERCUT_ASSIGN_OR_RETURN(state.manifest, ReadManifest(fs, dir));
  const Manifest& manifest = state.manifest;

  std::vector<std::pair<uint64_t, std::string>> live;
  live.reserve(listing.segments.size());
  for (auto& [seq, name] : listing.segments) {
    if (seq < manifest.oldest_segment) {
      state.leftovers.push_back(JoinPath(dir, name));  // covered by the checkpoint
    } else {
      live.emplace_back(seq, std::move(name));
    }
  }
  state.segments.reserve(live.size());
  if (live.empty()) {
    // Only a journal whose creation stopped between MANIFEST and first segment has no segment.
    if (manifest.checkpoint_txn == 0 && manifest.oldest_segment == 1) {
      state.last_txn = 0;
      return state;
    }
    return Status::Corruption(JoinPath(dir, SegmentFileName(manifest.oldest_segment)) +
                              ": missing (the MANIFEST names it as the oldest segment)");
  }
  for (size_t i = 0; i < live.size(); ++i) {
    const uint64_t expected_seq = manifest.oldest_segment + i;
    if (live[i].first != expected_seq) {
      return Status::Corruption(JoinPath(dir, SegmentFileName(expected_seq)) +
                                ": missing (segments must be consecutive)");
    }
    const bool is_last = i + 1 == live.size();
    POWERCUT_ASSIGN_OR_RETURN(SegmentState segment,
                              ScanSegment(fs, JoinPath(dir, live[i].second), is_last));
    POWERCUT_RETURN_IF_ERROR(CheckChain(state, segment, i, expected_seq));
    state.segments.push_back(std::move(segment));
  }
  state.last_txn = state.segments.back().last_txn;
  if (state.last_txn < manifest.checkpoint_txn) {
    const SegmentState& last = state.segments.back();
    return CorruptionAt(last.path, last.end_offset, state.last_txn + 1,
                        "the log ends before the checkpoint (txn " +
                            std::to_string(manifest.checkpoint_txn) + ")");
  }
  return state;
}

Status ForEachRecord(FileSystem& fs, const SegmentState& segment,
                     const std::function<Status(const RecordView&)>& visit) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader,
                            SegmentReader::Open(fs, segment.path));
  while (reader->end_offset() < segment.end_offset) {
    POWERCUT_ASSIGN_OR_RETURN(const std::optional<RecordView> record, reader->Next());
    if (!record) {
      return CorruptionAt(segment.path, reader->end_offset(), reader->next_txn(),
                          "record changed since recovery: " + reader->DescribeEnd());
    }
    POWERCUT_RETURN_IF_ERROR(visit(*record));
  }
  return Status::Ok();
}

Status ReplaySegments(FileSystem& fs, const std::vector<SegmentState>& segments, uint64_t after_txn,
                      const std::function<Status(const Transaction&)>& visit) {
  for (const SegmentState& segment : segments) {
    if (segment.last_txn <= after_txn) continue;
    POWERCUT_RETURN_IF_ERROR(ForEachRecord(fs, segment, [&](const RecordView& record) {
      if (record.header.txn_id <= after_txn) return Status::Ok();
      Result<std::vector<Op>> ops = DecodeOps(record.ops);
      if (!ops.ok()) {
        return CorruptionAt(segment.path, record.offset, record.header.txn_id,
                            ops.status().message());
      }
      return visit(Transaction{record.header.txn_id, record.header.timestamp_ns,
                               std::move(ops).value()});
    }));
  }
  return Status::Ok();
}

}  // namespace powercut::journal
