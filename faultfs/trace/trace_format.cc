// Event records: which fields each type stores, their validation, encoding and decoding. The
// framing (header, length, CRC) and the reader's walk over a file are in trace_reader.cc.
#include "faultfs/trace/trace_format.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

namespace powercut::trace {
namespace {

// The fields of Event, in the order a record body stores them (after the type byte). A type
// stores exactly the fields it uses; TRACE.md has the same table.
enum Field : uint16_t {
  kInode = 1 << 0,    // u64
  kDir = 1 << 1,      // u64
  kName = 1 << 2,     // string
  kDir2 = 1 << 3,     // u64
  kName2 = 1 << 4,    // string
  kOffset = 1 << 5,   // u64
  kLength = 1 << 6,   // u64
  kMode = 1 << 7,     // u32
  kData = 1 << 8,     // string
  kOverlap = 1 << 9,  // u64
};

uint16_t FieldsOf(EventType type) {
  switch (type) {
    case EventType::kCreate:
    case EventType::kMkdir:
      return kInode | kDir | kName;
    case EventType::kWrite:
      return kInode | kOffset | kData;
    case EventType::kTruncate:
      return kInode | kLength;
    case EventType::kFallocate:
      return kInode | kOffset | kLength | kMode;
    case EventType::kFsync:
    case EventType::kFdatasync:
    case EventType::kSyncFailed:
      return kInode | kOverlap;
    case EventType::kSync:
      return kOverlap;
    case EventType::kRename:
      return kInode | kDir | kName | kDir2 | kName2;
    case EventType::kUnlink:
    case EventType::kRmdir:
      return kInode | kDir | kName;
    case EventType::kLink:
      return kInode | kDir2 | kName2;
    case EventType::kOutput:
      return kData;
  }
  return 0;
}

bool Uses(EventType type, Field field) { return (FieldsOf(type) & field) != 0; }

// A directory entry name: one path component, as Linux accepts it.
const char* NameProblem(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name.size() > kMaxNameBytes) return "is longer than 255 bytes";
  if (name == "." || name == "..") return "is . or ..";
  if (name.find('/') != std::string::npos) return "contains '/'";
  if (name.find('\0') != std::string::npos) return "contains a NUL byte";
  return nullptr;
}

Status Invalid(const Event& event, const std::string& what) {
  return Status::InvalidArgument(std::string(EventTypeName(event.type)) + " event: " + what);
}

// The checks of ValidateEvent that concern fields the type uses.
Status ValidateUsedFields(const Event& e) {
  const EventType t = e.type;
  if (Uses(t, kInode) && e.inode == kNoInode) return Invalid(e, "inode 0");
  if (Uses(t, kDir) && e.dir == kNoInode) return Invalid(e, "directory inode 0");
  if (Uses(t, kDir2) && e.dir2 == kNoInode) return Invalid(e, "target directory inode 0");
  if (Uses(t, kName) || Uses(t, kName2)) {
    // Entries are made, moved and removed for files and directories inside the root, never for
    // the root itself, and never inside themselves.
    if (e.inode == kRootInode) return Invalid(e, "names the root directory");
    if (e.inode == e.dir || e.inode == e.dir2) return Invalid(e, "inode is its own parent");
  }
  if (Uses(t, kName)) {
    if (const char* problem = NameProblem(e.name))
      return Invalid(e, std::string("name ") + problem);
  }
  if (Uses(t, kName2)) {
    if (const char* problem = NameProblem(e.name2)) {
      return Invalid(e, std::string("target name ") + problem);
    }
  }
  switch (t) {
    case EventType::kWrite:
      if (e.data.empty()) return Invalid(e, "no data");
      if (e.offset > kMaxFileBytes - e.data.size()) return Invalid(e, "ends past 2^63-1");
      break;
    case EventType::kTruncate:
      if (e.length > kMaxFileBytes) return Invalid(e, "length past 2^63-1");
      break;
    case EventType::kFallocate: {
      constexpr uint32_t kKnown = kFallocKeepSize | kFallocPunchHole | kFallocZeroRange;
      if ((e.mode & ~kKnown) != 0) return Invalid(e, "unknown mode bits");
      // Linux's own rules: a hole is punched only with KEEP_SIZE, never together with a zero range.
      if ((e.mode & kFallocPunchHole) != 0 &&
          ((e.mode & kFallocKeepSize) == 0 || (e.mode & kFallocZeroRange) != 0)) {
        return Invalid(e, "punch-hole needs keep-size and excludes zero-range");
      }
      if (e.length == 0) return Invalid(e, "length 0");
      if (e.offset > kMaxFileBytes || e.length > kMaxFileBytes - e.offset) {
        return Invalid(e, "range ends past 2^63-1");
      }
      break;
    }
    case EventType::kOutput:
      if (e.data.size() > kMaxDataBytes) return Invalid(e, "line longer than 16 MiB");
      if (e.data.find('\n') != std::string::npos) return Invalid(e, "line contains a newline");
      break;
    default:
      break;
  }
  return Status::Ok();
}

// Frames `body` (its first kRecordHeaderBytes are placeholders) as a record.
Bytes Seal(Bytes record) {
  const size_t body_bytes = record.size() - kRecordHeaderBytes;
  POWERCUT_ASSERT(body_bytes >= 1 && body_bytes <= kMaxRecordBodyBytes);
  wire::StoreU32(record.data(), static_cast<uint32_t>(body_bytes));
  const uint32_t crc = wire::Crc32(wire::Crc32(0, ByteView(record).first(4)),
                                   ByteView(record).subspan(kRecordHeaderBytes));
  wire::StoreU32(record.data() + 4, crc);
  return record;
}

// Room for a record of `body_bytes`, holding the placeholders of its length and CRC. Reserving
// first also keeps GCC 12 from a false -Warray-bounds on the appends that follow.
Bytes RecordBuffer(size_t body_bytes) {
  Bytes out;
  out.reserve(kRecordHeaderBytes + body_bytes);
  out.resize(kRecordHeaderBytes);
  return out;
}

void PutString(Bytes& out, const std::string& s) {
  wire::PutU32(out, static_cast<uint32_t>(s.size()));
  wire::PutRaw(out, s);
}

}  // namespace

Status ValidateEvent(const Event& event) {
  if (!EventTypeFromCode(static_cast<uint8_t>(event.type))) {
    return Status::InvalidArgument("unknown event type " +
                                   std::to_string(static_cast<int>(event.type)));
  }
  const EventType t = event.type;
  // A field the type does not store would be lost on the way through a file.
  if (!Uses(t, kInode) && event.inode != kNoInode) return Invalid(event, "unused inode is set");
  if (!Uses(t, kDir) && event.dir != kNoInode) return Invalid(event, "unused dir is set");
  if (!Uses(t, kName) && !event.name.empty()) return Invalid(event, "unused name is set");
  if (!Uses(t, kDir2) && event.dir2 != kNoInode) return Invalid(event, "unused dir2 is set");
  if (!Uses(t, kName2) && !event.name2.empty()) return Invalid(event, "unused name2 is set");
  if (!Uses(t, kOffset) && event.offset != 0) return Invalid(event, "unused offset is set");
  if (!Uses(t, kLength) && event.length != 0) return Invalid(event, "unused length is set");
  if (!Uses(t, kMode) && event.mode != 0) return Invalid(event, "unused mode is set");
  if (!Uses(t, kData) && !event.data.empty()) return Invalid(event, "unused data is set");
  if (!Uses(t, kOverlap) && event.overlap != 0) return Invalid(event, "unused overlap is set");
  return ValidateUsedFields(event);
}

Bytes EncodeHeader() {
  Bytes out;
  wire::PutRaw(out, kTraceMagic);
  wire::PutU16(out, kTraceVersion);
  wire::PutU16(out, 0);  // flags: none defined
  wire::PutU32(out, wire::Crc32(0, out));
  return out;
}

Bytes EncodeRecord(const Event& event) {
  POWERCUT_ASSERT(ValidateEvent(event).ok());
  POWERCUT_ASSERT(event.data.size() <= kMaxDataBytes);
  const EventType t = event.type;
  Bytes out(kRecordHeaderBytes);
  out.reserve(kRecordHeaderBytes + 64 + event.name.size() + event.name2.size() + event.data.size());
  wire::PutU8(out, static_cast<uint8_t>(t));
  if (Uses(t, kInode)) wire::PutU64(out, event.inode);
  if (Uses(t, kDir)) wire::PutU64(out, event.dir);
  if (Uses(t, kName)) PutString(out, event.name);
  if (Uses(t, kDir2)) wire::PutU64(out, event.dir2);
  if (Uses(t, kName2)) PutString(out, event.name2);
  if (Uses(t, kOffset)) wire::PutU64(out, event.offset);
  if (Uses(t, kLength)) wire::PutU64(out, event.length);
  if (Uses(t, kMode)) wire::PutU32(out, event.mode);
  if (Uses(t, kData)) PutString(out, event.data);
  if (Uses(t, kOverlap)) wire::PutU64(out, event.overlap);
  return Seal(std::move(out));
}

Bytes EncodeInitialStateEndsRecord() {
  Bytes out = RecordBuffer(1);
  wire::PutU8(out, kInitialStateEndsRecord);
  return Seal(std::move(out));
}

Bytes EncodeWarningRecord(std::string_view text) {
  POWERCUT_ASSERT(text.size() <= kMaxDataBytes);
  Bytes out = RecordBuffer(1 + 4 + text.size());
  wire::PutU8(out, kWarningRecord);
  wire::PutU32(out, static_cast<uint32_t>(text.size()));
  wire::PutRaw(out, text);
  return Seal(std::move(out));
}

std::vector<Event> SplitWrite(const Event& event) {
  if (event.type != EventType::kWrite || event.data.size() <= kMaxDataBytes) return {event};
  std::vector<Event> pieces;
  for (size_t at = 0; at < event.data.size(); at += kMaxDataBytes) {
    Event piece{.type = EventType::kWrite, .inode = event.inode, .offset = event.offset + at};
    piece.data = event.data.substr(at, kMaxDataBytes);
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

void SplitCounter::Add(size_t index, size_t stored_events) {
  POWERCUT_ASSERT(stored_events >= 1);
  POWERCUT_ASSERT(splits_.empty() || splits_.back().first < index);
  if (stored_events == 1) return;
  const uint64_t before = splits_.empty() ? 0 : splits_.back().second;
  splits_.emplace_back(index, before + stored_events - 1);
}

uint64_t SplitCounter::ExtraBefore(size_t index) const {
  // The last split at an index below `index` holds the extra events stored before `index`.
  auto it = std::lower_bound(splits_.begin(), splits_.end(), index,
                             [](const auto& split, size_t i) { return split.first < i; });
  return it == splits_.begin() ? 0 : std::prev(it)->second;
}

uint64_t SplitCounter::StoredOverlap(size_t index, uint64_t overlap) const {
  POWERCUT_ASSERT(overlap <= index);
  return overlap + ExtraBefore(index) - ExtraBefore(index - static_cast<size_t>(overlap));
}

Bytes EncodeTrace(const Trace& trace) {
  POWERCUT_ASSERT(trace.first_crash_point <= trace.events.size());
  Bytes out = EncodeHeader();
  const auto append = [&out](const Bytes& record) {
    out.insert(out.end(), record.begin(), record.end());
  };
  SplitCounter splits;
  for (size_t i = 0; i <= trace.events.size(); ++i) {
    if (i == trace.first_crash_point) append(EncodeInitialStateEndsRecord());
    if (i == trace.events.size()) break;
    const Event& event = trace.events[i];
    if (event.overlap != 0) {
      Event stored = event;
      stored.overlap = splits.StoredOverlap(i, event.overlap);
      append(EncodeRecord(stored));
      continue;
    }
    const std::vector<Event> pieces = SplitWrite(event);
    splits.Add(i, pieces.size());
    for (const Event& piece : pieces) append(EncodeRecord(piece));
  }
  for (const std::string& warning : trace.warnings) append(EncodeWarningRecord(warning));
  return out;
}

Result<Event> DecodeEventBody(ByteView body) {
  wire::Cursor in(body);
  uint8_t code = 0;
  if (!in.ReadU8("type", code)) return Status::Corruption("empty record");
  const std::optional<EventType> type = EventTypeFromCode(code);
  if (!type) return Status::Corruption("unknown record type " + std::to_string(code));
  Event e{.type = *type};
  const EventType t = *type;
  if (Uses(t, kInode)) in.ReadU64("inode", e.inode);
  if (Uses(t, kDir)) in.ReadU64("dir", e.dir);
  if (Uses(t, kName)) in.ReadString("name", kMaxNameBytes, e.name);
  if (Uses(t, kDir2)) in.ReadU64("dir2", e.dir2);
  if (Uses(t, kName2)) in.ReadString("name2", kMaxNameBytes, e.name2);
  if (Uses(t, kOffset)) in.ReadU64("offset", e.offset);
  if (Uses(t, kLength)) in.ReadU64("length", e.length);
  if (Uses(t, kMode)) in.ReadU32("mode", e.mode);
  if (Uses(t, kData)) in.ReadString("data", kMaxDataBytes, e.data);
  if (Uses(t, kOverlap)) in.ReadU64("overlap", e.overlap);
  const std::string what = std::string(EventTypeName(t)) + " event: ";
  if (in.failed()) return Status::Corruption(what + in.error());
  if (in.left() != 0) {
    return Status::Corruption(what + std::to_string(in.left()) + " bytes after the last field");
  }
  const Status valid = ValidateEvent(e);
  if (!valid.ok()) return Status::Corruption(valid.message());
  return e;
}

}  // namespace powercut::trace
