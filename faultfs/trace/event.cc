#include "faultfs/trace/event.h"

#include <ostream>

namespace powercut::trace {

std::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kCreate: return "create";
    case EventType::kMkdir: return "mkdir";
    case EventType::kWrite: return "write";
    case EventType::kTruncate: return "truncate";
    case EventType::kFallocate: return "fallocate";
    case EventType::kFsync: return "fsync";
    case EventType::kFdatasync: return "fdatasync";
    case EventType::kSync: return "sync";
    case EventType::kRename: return "rename";
    case EventType::kUnlink: return "unlink";
    case EventType::kLink: return "link";
    case EventType::kRmdir: return "rmdir";
    case EventType::kOutput: return "output";
    case EventType::kSyncFailed: return "sync-failed";
  }
  return "unknown";
}

std::optional<EventType> EventTypeFromCode(uint8_t code) {
  if (code < static_cast<uint8_t>(EventType::kCreate) ||
      code > static_cast<uint8_t>(EventType::kSyncFailed)) {
    return std::nullopt;
  }
  return static_cast<EventType>(code);
}

std::ostream& operator<<(std::ostream& out, EventType type) { return out << EventTypeName(type); }

bool IsBarrier(EventType type) {
  return type == EventType::kFsync || type == EventType::kFdatasync || type == EventType::kSync;
}

}  // namespace powercut::trace
