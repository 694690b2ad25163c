// Helpers shared by the trace tests: hex, a fixed small trace (TRACE.md's example), random valid
// events.
#ifndef POWERCUT_FAULTFS_TRACE_TRACE_TEST_UTIL_H_
#define POWERCUT_FAULTFS_TRACE_TRACE_TEST_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <string_view>

#include "faultfs/trace/event.h"
#include "faultfs/trace/trace_format.h"
#include "faultfs/trace/trace_printer.h"

namespace powercut::trace {

// So that Boost.Test can show what differs.
inline std::ostream& operator<<(std::ostream& out, const Event& event) {
  return out << FormatEvent(event, PathTracker()) << " [ino " << event.inode << " dir " << event.dir
             << " dir2 " << event.dir2 << "]";
}
inline std::ostream& operator<<(std::ostream& out, const Trace& trace) {
  return out << "\n" << FormatTrace(trace);
}

}  // namespace powercut::trace

namespace powercut::trace::testing {

inline Bytes FromHex(std::string_view hex) {
  Bytes out;
  for (size_t i = 0; i < hex.size();) {
    if (hex[i] == ' ' || hex[i] == '\n') {
      ++i;
      continue;
    }
    out.push_back(static_cast<std::byte>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    i += 2;
  }
  return out;
}

inline Bytes ToBytes(std::string_view s) {
  const auto* p = reinterpret_cast<const std::byte*>(s.data());
  return Bytes(p, p + s.size());
}

// TRACE.md's example: mkdir wal, initial state ends, create wal/a, write "hi", fdatasync, rename
// wal/a -> wal/b, output "ack 1", one warning.
inline Trace GoldenTrace() {
  Trace trace;
  trace.events = {
      Event{.type = EventType::kMkdir, .inode = 2, .dir = kRootInode, .name = "wal"},
      Event{.type = EventType::kCreate, .inode = 3, .dir = 2, .name = "a"},
      Event{.type = EventType::kWrite, .inode = 3, .offset = 0, .data = "hi"},
      Event{.type = EventType::kFdatasync, .inode = 3},
      Event{.type = EventType::kRename, .inode = 3, .dir = 2, .dir2 = 2, .name = "a", .name2 = "b"},
      Event{.type = EventType::kOutput, .data = "ack 1"},
  };
  trace.first_crash_point = 1;
  trace.warnings = {"mmap"};
  return trace;
}

// A random event that passes ValidateEvent, of a random type or of `type`. A barrier's overlap
// is at most the number of events generated before it, so events appended to a trace in the
// order generated (after any others) form a valid trace.
class RandomEvents {
 public:
  explicit RandomEvents(uint64_t seed) : rng_(seed) {}

  Event Next() { return Next(static_cast<EventType>(Uniform(1, 14))); }
  Event Next(EventType type);

 private:
  uint64_t Uniform(uint64_t lo, uint64_t hi) {
    return std::uniform_int_distribution<uint64_t>(lo, hi)(rng_);
  }
  // Inodes are small mostly, sometimes huge, never 0 or the root.
  InodeId Inode() { return Uniform(0, 3) == 0 ? Uniform(2, ~uint64_t{0}) : Uniform(2, 50); }
  InodeId Dir() { return Uniform(0, 2) == 0 ? kRootInode : Inode(); }
  std::string Name();
  std::string Data(size_t min_size, bool newlines);
  uint64_t Offset(uint64_t length) {
    return Uniform(0, 3) == 0 ? kMaxFileBytes - length : Uniform(0, 1 << 20);
  }

  std::mt19937_64 rng_;
  uint64_t generated_ = 0;
};

inline std::string RandomEvents::Name() {
  std::string name(Uniform(1, 12), 'x');
  for (char& c : name) {
    do {
      c = static_cast<char>(Uniform(1, 255));
    } while (c == '/');
  }
  if (name == "." || name == "..") name += "x";
  return name;
}

inline std::string RandomEvents::Data(size_t min_size, bool newlines) {
  std::string data(Uniform(min_size, 300), 'x');
  for (char& c : data) {
    do {
      c = static_cast<char>(Uniform(0, 255));
    } while (!newlines && c == '\n');
  }
  return data;
}

inline Event RandomEvents::Next(EventType type) {
  Event e{.type = type};
  const uint64_t before = generated_++;
  switch (type) {
    case EventType::kCreate:
    case EventType::kMkdir:
    case EventType::kUnlink:
    case EventType::kRmdir:
      e.dir = Dir();
      do {
        e.inode = Inode();
      } while (e.inode == e.dir);
      e.name = Name();
      break;
    case EventType::kRename:
      e.dir = Dir();
      e.dir2 = Dir();
      do {
        e.inode = Inode();
      } while (e.inode == e.dir || e.inode == e.dir2);
      e.name = Name();
      e.name2 = Name();
      break;
    case EventType::kLink:
      e.dir2 = Dir();
      do {
        e.inode = Inode();
      } while (e.inode == e.dir2);
      e.name2 = Name();
      break;
    case EventType::kWrite:
      e.inode = Inode();
      e.data = Data(1, true);
      e.offset = Offset(e.data.size());
      break;
    case EventType::kTruncate:
      e.inode = Inode();
      e.length = Uniform(0, 1) == 0 ? kMaxFileBytes : Uniform(0, 1 << 20);
      break;
    case EventType::kFallocate: {
      static constexpr uint32_t kModes[] = {0, kFallocKeepSize, kFallocKeepSize | kFallocPunchHole,
                                            kFallocZeroRange, kFallocZeroRange | kFallocKeepSize};
      e.inode = Inode();
      e.mode = kModes[Uniform(0, 4)];
      e.length = Uniform(1, 1 << 20);
      e.offset = Offset(e.length);
      break;
    }
    case EventType::kFsync:
    case EventType::kFdatasync:
    case EventType::kSyncFailed:
      e.inode = Inode();
      e.overlap = Uniform(0, 1) == 0 ? 0 : Uniform(0, std::min<uint64_t>(before, 5));
      break;
    case EventType::kSync:
      e.overlap = Uniform(0, 1) == 0 ? 0 : Uniform(0, std::min<uint64_t>(before, 5));
      break;
    case EventType::kOutput:
      e.data = Data(0, false);
      break;
  }
  return e;
}

}  // namespace powercut::trace::testing

#endif  // POWERCUT_FAULTFS_TRACE_TRACE_TEST_UTIL_H_
