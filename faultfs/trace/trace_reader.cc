// ReadTrace: the walk over a trace file. Checks the header, then each record's framing (length
// bounds, bytes present, CRC) before its body is decoded, and stops at the first damage.
#include "faultfs/trace/trace_format.h"

#include <algorithm>
#include <memory>
#include <string>

namespace powercut::trace {
namespace {

std::string AtOffset(uint64_t offset) { return " at offset " + std::to_string(offset); }

std::string Hex(uint32_t value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int i = digits - 1; i >= 0; --i) out += kDigits[(value >> (4 * i)) & 0xf];
  return out;
}

Status CheckHeader(ByteView bytes) {
  const auto* magic = reinterpret_cast<const std::byte*>(kTraceMagic.data());
  const size_t seen = std::min(bytes.size(), kTraceMagic.size());
  if (!std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(seen), magic)) {
    return Status::Corruption("not a trace: bad magic");
  }
  if (bytes.size() < kTraceHeaderBytes) {
    return Status::Corruption("truncated header: " + std::to_string(bytes.size()) + " of " +
                              std::to_string(kTraceHeaderBytes) + " bytes");
  }
  // The version comes before the CRC: a later version may lay out the rest of its header
  // differently, and must be named as such rather than as damage.
  const uint16_t version = wire::LoadU16(bytes.data() + 8);
  if (version != kTraceVersion) {
    return Status::Corruption("unsupported version " + std::to_string(version) +
                              " (this reader reads " + std::to_string(kTraceVersion) + ")");
  }
  if (wire::Crc32(0, bytes.first(12)) != wire::LoadU32(bytes.data() + 12)) {
    return Status::Corruption("bad header CRC");
  }
  const uint16_t flags = wire::LoadU16(bytes.data() + 10);
  if (flags != 0) return Status::Corruption("unsupported header flags " + Hex(flags, 4));
  return Status::Ok();
}

// Checks the framing of the record at the start of `rest` (at `offset` in the file) and returns
// its body, or the Corruption that stops the reader.
Result<ByteView> FrameAt(ByteView rest, uint64_t offset) {
  if (rest.size() < kRecordHeaderBytes) {
    return Status::Corruption("truncated record" + AtOffset(offset) + ": " +
                              std::to_string(rest.size()) + " of " +
                              std::to_string(kRecordHeaderBytes) + " header bytes");
  }
  const uint32_t body_bytes = wire::LoadU32(rest.data());
  if (body_bytes == 0 || body_bytes > kMaxRecordBodyBytes) {
    return Status::Corruption("bad record length " + std::to_string(body_bytes) + AtOffset(offset) +
                              " (must be 1.." + std::to_string(kMaxRecordBodyBytes) + ")");
  }
  const size_t record_bytes = kRecordHeaderBytes + body_bytes;
  if (rest.size() < record_bytes) {
    return Status::Corruption("truncated record" + AtOffset(offset) + ": " +
                              std::to_string(rest.size()) + " of " + std::to_string(record_bytes) +
                              " bytes");
  }
  const ByteView body = rest.subspan(kRecordHeaderBytes, body_bytes);
  const uint32_t stored = wire::LoadU32(rest.data() + 4);
  const uint32_t computed = wire::Crc32(wire::Crc32(0, rest.first(4)), body);
  if (stored != computed) {
    return Status::Corruption("bad CRC" + AtOffset(offset) + " (stored " + Hex(stored, 8) +
                              ", computed " + Hex(computed, 8) + ")");
  }
  return body;
}

// Adds the content of one framed record to `trace`.
Status ApplyRecord(ByteView body, uint64_t offset, bool& initial_state_ended, Trace& trace) {
  const uint8_t type = std::to_integer<uint8_t>(body[0]);
  const auto bad = [offset](const std::string& what) {
    return Status::Corruption("bad record" + AtOffset(offset) + ": " + what);
  };
  if (type == kInitialStateEndsRecord) {
    if (body.size() != 1) return bad("initial-state record with extra bytes");
    if (initial_state_ended) return bad("a second initial-state record");
    initial_state_ended = true;
    trace.first_crash_point = trace.events.size();
    return Status::Ok();
  }
  if (type == kWarningRecord) {
    wire::Cursor in(body.subspan(1));
    std::string text;
    if (!in.ReadString("warning", kMaxDataBytes, text)) return bad(in.error());
    if (in.left() != 0) return bad(std::to_string(in.left()) + " bytes after the warning");
    trace.warnings.push_back(std::move(text));
    return Status::Ok();
  }
  if (!EventTypeFromCode(type)) {
    return Status::Corruption("unknown record type " + std::to_string(type) + AtOffset(offset));
  }
  Result<Event> event = DecodeEventBody(body);
  if (!event.ok()) return bad(event.status().message());
  if (event->overlap > trace.events.size()) {
    return bad(std::string(EventTypeName(event->type)) + " event: overlap " +
               std::to_string(event->overlap) + " exceeds the " +
               std::to_string(trace.events.size()) + " events before it");
  }
  trace.events.push_back(std::move(event).value());
  return Status::Ok();
}

}  // namespace

TraceReadResult ReadTrace(ByteView bytes) {
  TraceReadResult result;
  result.status = CheckHeader(bytes);
  if (!result.status.ok()) return result;
  uint64_t offset = kTraceHeaderBytes;
  result.valid_bytes = offset;
  bool initial_state_ended = false;
  while (offset < bytes.size()) {
    const Result<ByteView> body = FrameAt(bytes.subspan(offset), offset);
    if (!body.ok()) {
      result.status = body.status();
      return result;
    }
    result.status = ApplyRecord(*body, offset, initial_state_ended, result.trace);
    if (!result.status.ok()) return result;
    offset += kRecordHeaderBytes + body->size();
    result.valid_bytes = offset;
  }
  return result;
}

Result<TraceReadResult> ReadTraceFile(FileSystem& fs, const std::string& path) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kReadOnly));
  POWERCUT_ASSIGN_OR_RETURN(const uint64_t size, file->Size());
  Bytes bytes(size);
  size_t filled = 0;
  while (filled < bytes.size()) {
    POWERCUT_ASSIGN_OR_RETURN(const size_t n,
                              file->ReadAt(filled, std::span(bytes).subspan(filled)));
    if (n == 0) break;  // the file shrank since Size(): decode what is there
    filled += n;
  }
  bytes.resize(filled);
  POWERCUT_RETURN_IF_ERROR(file->Close());
  return ReadTrace(bytes);
}

}  // namespace powercut::trace
