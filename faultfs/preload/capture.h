// The capture writer: how the shim appends records to the capture file (a trace in raw ids,
// TRACE.md "Several processes") and warnings to the shared region.
//
// Every record is encoded with the trace library's EncodeRecord and appended, under the record
// lock, to the shared region's capture buffer, which goes to the O_APPEND capture file a buffer
// at a time (SharedRegion); the lock also counts it (SharedRegion::records_appended, what
// barriers measure their overlap in). A failed write to the file is remembered in the shared
// region and stops all further appends: records after a torn one could never be read.
#ifndef POWERCUT_FAULTFS_PRELOAD_CAPTURE_H_
#define POWERCUT_FAULTFS_PRELOAD_CAPTURE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "faultfs/preload/shared_region.h"
#include "faultfs/trace/event.h"

namespace powercut::preload {

// Holds the record lock for its lifetime. REQUIRES: ShimActive().
class RecordLock {
 public:
  RecordLock();
  ~RecordLock();
  RecordLock(const RecordLock&) = delete;
  RecordLock& operator=(const RecordLock&) = delete;

 private:
  bool locked_;
};

// Appends the event's records (a write of more than 16 MiB becomes several). REQUIRES: lock.
void AppendEvent(const trace::Event& event);
// Records appended so far by every process. REQUIRES: lock.
uint64_t RecordsAppended();
// Feeds bytes the workload printed to its stdout; complete lines become output events.
// REQUIRES: lock.
void AppendOutput(std::string_view bytes);

// A warning for the trace, deduplicated across the workload. Allocation-free.
void Warn(std::string_view text);

// Builds a warning's text in a fixed buffer, without allocating (cut at kWarningBytes).
class WarningText {
 public:
  WarningText& operator<<(std::string_view text);
  WarningText& operator<<(uint64_t number);
  std::string_view view() const { return {buffer_, length_}; }

 private:
  char buffer_[kWarningBytes];
  size_t length_ = 0;
};

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_CAPTURE_H_
