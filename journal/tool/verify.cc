// VerifyJournal (inspect.h): the recovery decision and a decode of every recovered record.
#include "journal/recovery.h"
#include "journal/tool/inspect.h"
#include "journal/tool/inspect_format.h"

namespace powercut::journal::tool {
namespace {

void DescribeSegments(const JournalState& state, std::ostream& out) {
  const Manifest& manifest = state.manifest;
  out << "journal id " << Hex64(manifest.journal_id) << ", checkpoint txn "
      << manifest.checkpoint_txn << ", oldest segment " << manifest.oldest_segment << "\n";
  for (const SegmentState& segment : state.segments) {
    out << "segment " << BaseName(segment.path) << ": ";
    if (segment.record_count == 0) {
      out << "no records (next txn " << segment.header.first_txn << ")";
    } else {
      out << "txns " << segment.header.first_txn << ".." << segment.last_txn << " ("
          << segment.record_count << " records)";
    }
    out << ", " << segment.file_size << " bytes";
    if (segment.end_offset < segment.file_size) {
      out << "; open would cut " << segment.file_size - segment.end_offset << " bytes at offset "
          << segment.end_offset << ": " << segment.tail;
    }
    out << "\n";
  }
  for (const std::string& path : state.leftovers) {
    out << "leftover " << path << ": removed on open\n";
  }
}

}  // namespace

InspectVerdict VerifyJournal(FileSystem& fs, const std::string& dir, std::ostream& out) {
  const Result<JournalState> state = AnalyzeJournal(fs, dir);
  if (!state.ok()) {
    if (state.status().IsNotFound()) {
      out << dir << ": not a journal: " << state.status().message() << "\n";
      return InspectVerdict::kNotAJournal;
    }
    out << state.status().ToString() << "\n";
    return state.status().IsCorruption() ? InspectVerdict::kCorrupt : InspectVerdict::kUnreadable;
  }
  if (!state->exists) {
    out << dir << ": not a journal (no MANIFEST and no segment file)\n";
    return InspectVerdict::kNotAJournal;
  }

  uint64_t txns = 0;
  uint64_t ops = 0;
  const Status decoded = ReplaySegments(fs, state->segments, state->manifest.checkpoint_txn,
                                        [&](const Transaction& txn) {
                                          ++txns;
                                          ops += txn.ops.size();
                                          return Status::Ok();
                                        });
  // The verdict comes first, so a script (or a crash tester) can show one line.
  if (!decoded.ok()) {
    out << decoded.ToString() << "\n";
  } else {
    out << "ok: " << DescribeRecovery(*state) << "\n";
    out << "decoded " << txns << " txns, " << ops << " ops\n";
  }
  DescribeSegments(*state, out);
  if (!decoded.ok()) {
    return decoded.IsCorruption() ? InspectVerdict::kCorrupt : InspectVerdict::kUnreadable;
  }
  return InspectVerdict::kHealthy;
}

}  // namespace powercut::journal::tool
