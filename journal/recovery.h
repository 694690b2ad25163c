// Recovery analysis: what a journal directory holds, decided without changing anything.
//
// AnalyzeJournal reads the MANIFEST and every segment and decides which transactions are
// recoverable and where the log ends. Journal::Open then repairs (truncates the torn tail, deletes
// leftovers) according to that decision; `powercut-journal verify` and `dump` only report it.
// Because the decision is made read-only first, a crash at any point of the repair leads to the
// same decision on the next open.
//
// Torn tail or corruption (the rule, see FORMAT.md "Recovery"):
//   - in the last segment, bytes after the last valid record are an unacknowledged tail and are
//     cut, unless a later valid record's watermark proves the damaged transaction was durable:
//     then it is kCorruption naming file, offset and txn;
//   - in any other segment, anything but valid records up to end of file is kCorruption (a
//     segment is synced before its successor is created);
//   - segment headers, the MANIFEST, the segment chain (consecutive numbers, consecutive txn ids,
//     one journal id) must all be intact, else kCorruption.
#ifndef POWERCUT_JOURNAL_RECOVERY_H_
#define POWERCUT_JOURNAL_RECOVERY_H_

#include <functional>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/format.h"
#include "journal/ops.h"
#include "journal/segment_reader.h"

namespace powercut::journal {

struct SegmentState {
  std::string path;
  SegmentHeader header;
  uint64_t file_size = 0;
  uint64_t end_offset = kSegmentHeaderBytes;  // just after the last valid record
  uint64_t record_count = 0;
  uint64_t last_txn = 0;  // header.first_txn - 1 when the segment holds no record
  std::string tail;       // what follows end_offset (empty when nothing does)
  // End of the last record that a later record's watermark proves durable (the header's end if
  // none). Bytes in [vouched_end, end_offset) are readable but may exist only in the page cache.
  uint64_t vouched_end = kSegmentHeaderBytes;
};

struct JournalState {
  bool exists = false;  // false: no MANIFEST and no segment; a new journal may be created
  Manifest manifest;
  std::vector<SegmentState> segments;  // live segments, oldest first
  // Temporary files and segments wholly covered by the checkpoint: safe to delete.
  std::vector<std::string> leftovers;
  uint64_t last_txn = 0;  // the last recoverable txn id (the checkpoint when none follows it)
};

// kNotFound when `dir` does not exist; kCorruption as described above.
Result<JournalState> AnalyzeJournal(FileSystem& fs, const std::string& dir);

// Calls `visit` for each record of `segment` up to its end_offset, in order. The records were
// validated by AnalyzeJournal or written by this process; kCorruption if they no longer are.
Status ForEachRecord(FileSystem& fs, const SegmentState& segment,
                     const std::function<Status(const RecordView&)>& visit);

// Decodes and visits every transaction with id > after_txn in `segments`, in id order.
Status ReplaySegments(FileSystem& fs, const std::vector<SegmentState>& segments, uint64_t after_txn,
                      const std::function<Status(const Transaction&)>& visit);

// "<path>: offset <offset>: txn <txn>: <what>", the shape of every corruption report.
Status CorruptionAt(const std::string& path, uint64_t offset, uint64_t txn, const std::string& what);

}  // namespace powercut::journal

#endif  // POWERCUT_JOURNAL_RECOVERY_H_
