// The trace file format (TRACE.md is the specification; trace_format_test.cc checks its example
// bytes): a 16-byte header, then self-contained records `length | crc | body`, one per event or
// control statement, in trace order.
//
// The format is built for the LD_PRELOAD recorder: several processes append records to one file,
// each record with a single write(2) on an O_APPEND descriptor, and any of them may be killed
// mid-record. So a record needs nothing but itself to be checked (no running state, no offsets
// into the file), and the reader keeps every complete record before the first damage and says
// exactly where and what the damage is.
//
// Everything here is pure (no I/O) except ReadTraceFile. Decoders never trust a length before
// checking it against the bytes that exist, so they allocate at most what the input holds.
#ifndef POWERCUT_FAULTFS_TRACE_TRACE_FORMAT_H_
#define POWERCUT_FAULTFS_TRACE_TRACE_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"
#include "faultfs/trace/event.h"
#include "faultfs/trace/wire.h"

namespace powercut::trace {

// The first 8 bytes of every trace file.
inline constexpr std::string_view kTraceMagic{"PCTRACE\0", 8};
inline constexpr uint16_t kTraceVersion = 2;
inline constexpr size_t kTraceHeaderBytes = 16;
inline constexpr size_t kRecordHeaderBytes = 8;  // body length u32, CRC u32
// Upper bound on a record body, enforced when writing and reading: garbage in a length field can
// never make the reader allocate or scan more than this (nor more than the bytes that exist).
inline constexpr uint32_t kMaxRecordBodyBytes = 64u << 20;
// Upper bound on the data of one kWrite record, an output line and a warning. Larger writes are
// split (SplitWrite); a body at this bound stays far below kMaxRecordBodyBytes.
inline constexpr size_t kMaxDataBytes = 16u << 20;
// Upper bound on a directory entry name (Linux's NAME_MAX).
inline constexpr size_t kMaxNameBytes = 255;
// Upper bound on a file size or an offset + length (off_t's maximum).
inline constexpr uint64_t kMaxFileBytes = (uint64_t{1} << 63) - 1;

// Record types besides the event types (1..14, event.h). Codes are on disk: never renumber.
inline constexpr uint8_t kInitialStateEndsRecord = 0x80;  // events so far are the initial state
inline constexpr uint8_t kWarningRecord = 0x81;           // a text for Trace::warnings

// OK when `event` can be stored: every field its type uses is well formed (no inode 0, names are
// one path component, ranges fit in kMaxFileBytes, output lines have no newline and at most
// kMaxDataBytes), and every field its type does not use holds its default. kWrite data may be
// longer than kMaxDataBytes (it is split). InvalidArgument says what is wrong.
Status ValidateEvent(const Event& event);

// ---- Encoding ------------------------------------------------------------------------------
Bytes EncodeHeader();
// The record of one event. REQUIRES: ValidateEvent(event).ok() and, for kWrite, at most
// kMaxDataBytes of data (see SplitWrite).
Bytes EncodeRecord(const Event& event);
Bytes EncodeInitialStateEndsRecord();
// REQUIRES: text.size() <= kMaxDataBytes.
Bytes EncodeWarningRecord(std::string_view text);

// `event` as it is stored: a kWrite with more than kMaxDataBytes of data becomes consecutive
// kWrite events of kMaxDataBytes each (the last one shorter) at consecutive offsets; any other
// event is returned as is. TRACE.md ("Large writes") says why this changes no crash state.
std::vector<Event> SplitWrite(const Event& event);

// Where large writes were split on the way to a file: what a barrier's `overlap` (a count of
// the trace's events) becomes when counted in stored events, as the reader will see them.
class SplitCounter {
 public:
  // Event `index` (ascending from call to call) is stored as `stored_events` events.
  void Add(size_t index, size_t stored_events);
  // The overlap of a barrier at event `index`, counted in stored events. REQUIRES: overlap <=
  // index, and Add called for every event before `index`.
  uint64_t StoredOverlap(size_t index, uint64_t overlap) const;

 private:
  uint64_t ExtraBefore(size_t index) const;          // stored events minus events, before `index`
  std::vector<std::pair<size_t, uint64_t>> splits_;  // (split event, extra stored up to it)
};

// A whole trace: header, the records of events[0, first_crash_point), the initial-state record,
// the records of the other events, then one record per warning. ReadTrace gives `trace` back,
// except that writes larger than kMaxDataBytes come back split.
// REQUIRES: every event valid, no barrier's overlap larger than its index,
// first_crash_point <= events.size(), warnings <= kMaxDataBytes.
Bytes EncodeTrace(const Trace& trace);

// ---- Decoding ------------------------------------------------------------------------------
struct TraceReadResult {
  // Every complete, valid record before the first damage. first_crash_point is 0 unless the
  // initial-state record was among them.
  Trace trace;
  // OK, or Corruption naming the byte offset and the damage: "not a trace: bad magic",
  // "unsupported version 7 (this reader reads 1)", "truncated record at offset 123: 40 of 96
  // bytes", "bad CRC at offset 123", "unknown record type 99 at offset 123", ...
  Status status;
  // Bytes of the input that hold the header and the records in `trace` (0 when the header is
  // bad): where the damage starts, or the input size when status is OK.
  uint64_t valid_bytes = 0;
};

TraceReadResult ReadTrace(ByteView bytes);

// Reads the whole file at `path` and decodes it. Fails only when the file cannot be read; damage
// inside it is reported in the TraceReadResult's status.
Result<TraceReadResult> ReadTraceFile(FileSystem& fs, const std::string& path);

// The event held by a record body (type byte and fields), validated. For the reader and fuzzers.
Result<Event> DecodeEventBody(ByteView body);

}  // namespace powercut::trace

#endif  // POWERCUT_FAULTFS_TRACE_TRACE_FORMAT_H_
