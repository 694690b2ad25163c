// TraceWriter: writes a trace file through the FileSystem interface, one record per WriteAt, for
// a single writer (SimFileSystem, `powercut record` writing the initial state, tests).
//
// Several processes appending to one trace (the LD_PRELOAD recorder) do not use this class: each
// encodes its records with EncodeRecord and appends them with one write(2) on an O_APPEND
// descriptor, which File (positional I/O) does not offer. The bytes are the same.
#ifndef POWERCUT_FAULTFS_TRACE_TRACE_WRITER_H_
#define POWERCUT_FAULTFS_TRACE_TRACE_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "faultfs/fs/file_system.h"
#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"
#include "faultfs/trace/event.h"
#include "faultfs/trace/trace_format.h"

namespace powercut::trace {

class TraceWriter {
 public:
  // Writes the header to `file`, which must be empty (FailedPrecondition otherwise). `file` must
  // outlive the writer; the caller syncs and closes it.
  static Result<TraceWriter> Create(File& file);

  // Appends the record of `event`; a kWrite with more than kMaxDataBytes of data becomes several
  // records (SplitWrite), each written on its own, so no single write exceeds one record.
  // InvalidArgument, with nothing written, when ValidateEvent fails or a barrier's overlap
  // (counted in Append calls, so a split write counts once) exceeds the events appended before.
  Status Append(const Event& event);
  // Appends the initial-state record: the events appended so far are the initial state. At most
  // once (FailedPrecondition after that).
  Status EndInitialState();
  // Appends a warning. InvalidArgument when longer than kMaxDataBytes.
  Status AddWarning(std::string_view text);
  // Appends every record of `trace` (what EncodeTrace holds after the header), after checking
  // all of it. FailedPrecondition unless nothing but the header was written yet.
  Status Write(const Trace& trace);

  // Bytes written so far, header included.
  uint64_t size_bytes() const { return end_; }
  // Event records written so far: the index in the trace read back of the next event appended.
  uint64_t events_written() const { return events_written_; }

 private:
  explicit TraceWriter(File& file) : file_(&file) {}
  // One WriteAt of one whole record at the end. A failure is sticky: the file may now hold a
  // torn record, and records after it would never be read.
  Status WriteRecord(const Bytes& record);
  // The records of a write of more than kMaxDataBytes, one piece copied at a time.
  Status AppendSplit(const Event& event);

  File* file_;
  uint64_t end_ = 0;
  uint64_t events_written_ = 0;
  uint64_t appended_ = 0;  // Append calls that succeeded
  SplitCounter splits_;
  bool initial_state_ended_ = false;
  Status failed_;
};

// `trace` written to a new file at `path` (an existing one is replaced) and closed, not synced:
// what `powercut record` and `powercut run` leave for explore, show and replay.
Status WriteTraceFile(FileSystem& fs, const std::string& path, const Trace& trace);

}  // namespace powercut::trace

#endif  // POWERCUT_FAULTFS_TRACE_TRACE_WRITER_H_
