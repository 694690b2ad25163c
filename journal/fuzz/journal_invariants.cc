#include "journal/fuzz/journal_invariants.h"

#include <cstdio>
#include <cstdlib>

#include "journal/ops.h"

namespace powercut::journal::fuzz {

void Violation(const std::string& what) {
  (void)std::fprintf(stderr, "journal fuzz target: invariant violated: %s\n", what.c_str());
  std::abort();
}

Result<JournalState> AnalyzeAndReplay(FileSystem& fs, const std::string& dir) {
  Result<JournalState> analysed = AnalyzeJournal(fs, dir);
  if (!analysed.ok()) {
    if (analysed.status().message().empty()) Violation("AnalyzeJournal failed without a message");
    return analysed;
  }
  const JournalState& state = *analysed;
  for (size_t i = 0; i < state.segments.size(); ++i) {
    const SegmentState& segment = state.segments[i];
    if (segment.end_offset > segment.file_size) Violation("segment end past its file size");
    if (i + 1 < state.segments.size() && segment.end_offset != segment.file_size) {
      Violation("a segment other than the last was accepted with a tail");
    }
  }
  const uint64_t checkpoint = state.manifest.checkpoint_txn;
  uint64_t expected = checkpoint + 1;
  const Status replayed =
      ReplaySegments(fs, state.segments, checkpoint, [&](const Transaction& txn) {
        if (txn.txn_id != expected) {
          Violation("replay returned txn " + std::to_string(txn.txn_id) + ", expected " +
                    std::to_string(expected));
        }
        ++expected;
        for (const Op& op : txn.ops) (void)DescribeOp(op);
        return Status::Ok();
      });
  if (replayed.ok() && expected - 1 != state.last_txn) {
    Violation("replay ended at txn " + std::to_string(expected - 1) + " but the analysis said " +
              std::to_string(state.last_txn));
  }
  return analysed;
}

}  // namespace powercut::journal::fuzz
