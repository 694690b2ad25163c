// libFuzzer target: the trace reader, the path tracker and the printer over arbitrary bytes.
//
// Each input is read three ways:
//   1. as a trace file, as is;
//   2. as a trace file with a valid header (replacing the input's first 16 bytes when they start
//      with the magic, else put in front) and every record's CRC recomputed, so that mutations of
//      record bodies get past the CRCs to the field decoder and ValidateEvent;
//   3. as one record body, by DecodeEventBody.
// None of it may crash, hang, trip a sanitizer or allocate without bound, and what the reader
// returns must hold up (checked below; a violation aborts like a crash): the valid prefix reads
// back alone as the same trace with OK, every event is valid, the trace survives an encode/read
// round trip, a decoded body re-encodes to the same bytes, and the listing has one line per
// event, warning and boundary.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "faultfs/trace/path_tracker.h"
#include "faultfs/trace/trace_format.h"
#include "faultfs/trace/trace_printer.h"

namespace powercut::trace {
namespace {

[[noreturn]] void Violation(const std::string& what) {
  (void)std::fprintf(stderr, "trace_reader_fuzz: invariant violated: %s\n", what.c_str());
  std::abort();
}

void CheckRead(ByteView bytes) {
  const TraceReadResult read = ReadTrace(bytes);
  if (read.valid_bytes > bytes.size()) Violation("valid_bytes past the input");
  if (read.status.ok() ? read.valid_bytes != bytes.size()
                       : read.valid_bytes != 0 && read.valid_bytes >= bytes.size()) {
    Violation("status and valid_bytes disagree: " + read.status.ToString());
  }
  if (!read.status.ok() && (!read.status.IsCorruption() || read.status.message().empty())) {
    Violation("damage reported without a Corruption message: " + read.status.ToString());
  }
  const Trace& trace = read.trace;
  if (trace.first_crash_point > trace.events.size()) Violation("first crash point past the end");
  for (const Event& event : trace.events) {
    if (!ValidateEvent(event).ok())
      Violation("invalid event read: " + ValidateEvent(event).ToString());
  }
  if (read.valid_bytes == 0) {
    if (!(trace == Trace{})) Violation("events read from a file with a bad header");
    return;
  }
  const TraceReadResult prefix = ReadTrace(bytes.first(read.valid_bytes));
  if (!prefix.status.ok() || !(prefix.trace == trace)) {
    Violation("the valid prefix does not read back alone: " + prefix.status.ToString());
  }
  const TraceReadResult again = ReadTrace(EncodeTrace(trace));
  if (!again.status.ok() || !(again.trace == trace)) {
    Violation("the trace does not survive encode and read: " + again.status.ToString());
  }
  const std::string listing = FormatTrace(trace);
  const size_t lines = static_cast<size_t>(std::count(listing.begin(), listing.end(), '\n'));
  if (lines != trace.events.size() + trace.warnings.size() + 1) {
    Violation("listing has " + std::to_string(lines) + " lines");
  }
  PathTracker names;
  for (const Event& event : trace.events) {
    names.Apply(event);
    (void)names.PathsOf(event.inode);
  }
}

// Variant 2: a valid header and valid CRCs around whatever the input's records hold.
Bytes Reframed(ByteView input) {
  Bytes out = EncodeHeader();
  const auto* magic = reinterpret_cast<const std::byte*>(kTraceMagic.data());
  const bool has_magic = input.size() >= kTraceHeaderBytes &&
                         std::equal(magic, magic + kTraceMagic.size(), input.begin());
  const ByteView records = has_magic ? input.subspan(kTraceHeaderBytes) : input;
  out.insert(out.end(), records.begin(), records.end());
  size_t at = kTraceHeaderBytes;
  while (out.size() - at >= kRecordHeaderBytes) {
    const uint32_t length = wire::LoadU32(out.data() + at);
    if (length == 0 || length > out.size() - at - kRecordHeaderBytes) break;
    const ByteView record(out.data() + at, kRecordHeaderBytes + length);
    const uint32_t crc =
        wire::Crc32(wire::Crc32(0, record.first(4)), record.subspan(kRecordHeaderBytes));
    wire::StoreU32(out.data() + at + 4, crc);
    at += kRecordHeaderBytes + length;
  }
  return out;
}

void CheckBody(ByteView body) {
  const Result<Event> event = DecodeEventBody(body);
  if (!event.ok()) {
    if (!event.status().IsCorruption() || event.status().message().empty()) {
      Violation("body rejected without a Corruption message");
    }
    return;
  }
  const Bytes record = EncodeRecord(*event);
  const ByteView encoded = ByteView(record).subspan(kRecordHeaderBytes);
  if (!std::equal(encoded.begin(), encoded.end(), body.begin(), body.end())) {
    Violation("a decoded body does not encode back to the same bytes");
  }
}

}  // namespace
}  // namespace powercut::trace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace powercut::trace;  // NOLINT(google-build-using-namespace)
  const ByteView input(reinterpret_cast<const std::byte*>(data), size);
  CheckRead(input);
  CheckRead(Reframed(input));
  CheckBody(input);
  return 0;
}
