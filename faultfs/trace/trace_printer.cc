#include "faultfs/trace/trace_printer.h"

#include <algorithm>
#include <string_view>

namespace powercut::trace {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void AppendHexByte(std::string& out, unsigned char c) {
  out += kHexDigits[c >> 4];
  out += kHexDigits[c & 0xf];
}

// `text` with every byte that could break a line or a quoted string escaped.
std::string Escape(std::string_view text, bool quoted) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"' && quoted) {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c > 0x7e) {
      out += "\\x";
      AppendHexByte(out, c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string Range(uint64_t offset, uint64_t length) {
  return "@" + std::to_string(offset) + "+" + std::to_string(length);
}

std::string FallocateMode(uint32_t mode) {
  std::string out;
  const auto add = [&out](std::string_view name) {
    out += out.empty() ? " " : ",";
    out += name;
  };
  if ((mode & kFallocKeepSize) != 0) add("keep-size");
  if ((mode & kFallocPunchHole) != 0) add("punch-hole");
  if ((mode & kFallocZeroRange) != 0) add("zero-range");
  const uint32_t other = mode & ~(kFallocKeepSize | kFallocPunchHole | kFallocZeroRange);
  if (other != 0) {  // only in events that did not pass ValidateEvent
    std::string hex = "0x";
    for (int i = 7; i >= 0; --i) hex += kHexDigits[(other >> (4 * i)) & 0xf];
    add(hex);
  }
  return out;
}

std::string WriteData(std::string_view data, size_t shown) {
  std::string out;
  const size_t n = std::min(shown, data.size());
  for (size_t i = 0; i < n; ++i) {
    out += ' ';
    AppendHexByte(out, static_cast<unsigned char>(data[i]));
  }
  if (n < data.size()) out += " ...";
  return out;
}

std::string OutputLine(std::string_view line, size_t shown) {
  if (line.size() <= shown) return "\"" + Escape(line, true) + "\"";
  return "\"" + Escape(line.substr(0, shown), true) + "\"... (" + std::to_string(line.size()) +
         " bytes)";
}

// A barrier that other threads' events overlapped cannot have forced them.
std::string Overlap(uint64_t overlap) {
  if (overlap == 0) return "";
  return " (began before the " +
         (overlap == 1 ? std::string("last event") : std::to_string(overlap) + " last events") +
         ")";
}

}  // namespace

std::string FormatEvent(const Event& e, const PathTracker& names, const PrintOptions& options) {
  std::string out(EventTypeName(e.type));
  const auto path = [&names](InodeId inode) { return Escape(names.PathOf(inode), false); };
  const auto entry = [&names](InodeId dir, const std::string& name) {
    return Escape(names.EntryPath(dir, name), false);
  };
  switch (e.type) {
    case EventType::kCreate:
    case EventType::kMkdir:
      return out + " " + entry(e.dir, e.name) + " (ino " + std::to_string(e.inode) + ")";
    case EventType::kWrite:
      return out + " " + path(e.inode) + " " + Range(e.offset, e.data.size()) +
             WriteData(e.data, options.data_bytes);
    case EventType::kTruncate:
      return out + " " + path(e.inode) + " to " + std::to_string(e.length);
    case EventType::kFallocate:
      return out + " " + path(e.inode) + " " + Range(e.offset, e.length) + FallocateMode(e.mode);
    case EventType::kFsync:
    case EventType::kFdatasync:
    case EventType::kSyncFailed:
      return out + " " + path(e.inode) + Overlap(e.overlap);
    case EventType::kSync:
      return out + Overlap(e.overlap);
    case EventType::kRename:
      return out + " " + entry(e.dir, e.name) + " -> " + entry(e.dir2, e.name2);
    case EventType::kUnlink:
    case EventType::kRmdir:
      return out + " " + entry(e.dir, e.name);
    case EventType::kLink:
      return out + " " + path(e.inode) + " -> " + entry(e.dir2, e.name2);
    case EventType::kOutput:
      return out + " " + OutputLine(e.data, options.output_chars);
  }
  return out;
}

std::string FormatTrace(const Trace& trace, const PrintOptions& options) {
  std::string out;
  for (const std::string& warning : trace.warnings) {
    out += "warning: " + Escape(warning, false) + "\n";
  }
  PathTracker names;
  for (size_t i = 0; i <= trace.events.size(); ++i) {
    if (i == trace.first_crash_point) {
      out += "--- initial state ends: crash points start at #" + std::to_string(i) + " ---\n";
    }
    if (i == trace.events.size()) break;
    out += "#" + std::to_string(i) + " " + FormatEvent(trace.events[i], names, options) + "\n";
    names.Apply(trace.events[i]);
  }
  return out;
}

}  // namespace powercut::trace
