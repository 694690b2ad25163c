// SharedRegion: the memory every process of one recording shares (RECORDING.md). The recorder
// creates it as a file; the shim in each process of the workload maps that file MAP_SHARED.
//
// It holds what must be one across processes and threads:
//   - the record lock, a robust process-shared mutex: a recorded call holds it from just before
//     the real call until its record is appended, so the capture's order is the order in which
//     the calls took effect;
//   - the count of records appended, which a barrier reads when it begins and when it ends (its
//     overlap, TRACE.md);
//   - the capture buffer: records are appended here, in order, and written to the capture file
//     a buffer at a time (one write(2) per record was most of what recording cost a write-heavy
//     program); the recorder writes what is left when the workload ends. A process killed while
//     copying a record leaves nothing (the fill mark moves after the copy), so the trace is never
//     torn there;
//   - the partial output line (a line may be printed in pieces by several processes);
//   - the call counters of POWERCUT_FAULTS (the Nth call is counted across every process);
//   - the warnings, deduplicated across the workload, written without locks or allocation (an
//     exec in a vfork child warns too);
//   - counters the recorder reports (processes, bytes recorded as output, capture failures).
//
// The layout is the contract between the shim and the recorder of one build: the magic and the
// version are checked when mapping. Nothing here allocates except the recorder-side helpers.
#ifndef POWERCUT_FAULTFS_PRELOAD_SHARED_REGION_H_
#define POWERCUT_FAULTFS_PRELOAD_SHARED_REGION_H_

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"

namespace powercut::preload {

inline constexpr uint64_t kSharedRegionMagic = 0x3147455254435043;  // "PCTREG1" little-endian
inline constexpr uint32_t kSharedRegionVersion = 1;
// A line printed without a newline waits here; a longer line is emitted in pieces of this size.
inline constexpr size_t kOutputLineBytes = size_t{64} * 1024;
inline constexpr size_t kMaxFaultSpecs = 16;
inline constexpr size_t kWarningSlots = 64;
inline constexpr size_t kWarningBytes = 320;
inline constexpr size_t kCaptureBufferBytes = size_t{1} << 20;

static_assert(std::atomic<uint64_t>::is_always_lock_free);
static_assert(std::atomic<uint32_t>::is_always_lock_free);

struct WarningSlot {
  // 0: free; 1: being written; 2: text complete.
  std::atomic<uint32_t> state;
  uint32_t length;
  char text[kWarningBytes];
};

struct SharedRegion {
  uint64_t magic;
  uint32_t version;
  uint32_t size_bytes;

  pthread_mutex_t record_lock;  // robust, process-shared

  // ---- Guarded by record_lock ----
  uint64_t records_appended;  // capture records appended by the shim (stored events)
  uint32_t partial_line_bytes;
  char partial_line[kOutputLineBytes];
  uint64_t capture_buffered;  // bytes of whole records in capture_buffer, not yet in the file
  char capture_buffer[kCaptureBufferBytes];

  // ---- Atomics, no lock ----
  std::atomic<uint64_t> output_bytes;          // bytes of stdout recorded as output
  std::atomic<uint64_t> namespace_generation;  // bumped when cached descriptor verdicts go stale
  std::atomic<uint32_t> processes;             // processes the shim ran in
  std::atomic<int32_t> capture_error;          // errno of the first failed capture append, or 0
  std::atomic<uint32_t> lock_owner_died;       // times a process died holding the record lock
  std::atomic<uint64_t> fault_calls[kMaxFaultSpecs];  // calls counted per POWERCUT_FAULTS spec
  std::atomic<uint32_t> warnings_dropped;      // warnings that found no free slot
  WarningSlot warnings[kWarningSlots];
};

// ---- Used by the shim (no allocation) ----

// The region in `fd` (mapped read-write, shared), or nullptr when it is not a region of this
// version. The mapping is never unmapped.
SharedRegion* MapSharedRegion(int fd);

// Takes the record lock. A lock whose owner died is made consistent and taken (the owner's
// record may be torn in the capture, which the reader reports); false only on a broken mutex.
bool LockRecord(SharedRegion& region);
void UnlockRecord(SharedRegion& region);
// LockRecord giving up after `timeout_ms` (the recorder, which must not hang on a stuck process).
bool LockRecordWithin(SharedRegion& region, int timeout_ms);

// Appends the bytes of whole records to the capture: into the buffer, writing the buffer to
// `capture_fd` first when they do not fit (and writing them directly when larger than the
// buffer). False when a write to the file failed or was short. REQUIRES: the record lock.
bool AppendCaptureRecord(SharedRegion& region, int capture_fd, const void* record, size_t size);
// Writes the buffered records to `capture_fd` and empties the buffer. REQUIRES: the record lock,
// or no process of the workload left.
bool FlushCaptureBuffer(SharedRegion& region, int capture_fd);

// Adds `text` (cut to kWarningBytes) unless an equal warning is already there. Lock-free and
// allocation-free: safe in a vfork child and a signal handler. Two processes adding the same
// text at once may both add it; Warnings() removes such duplicates.
void AddWarning(SharedRegion& region, std::string_view text);

// ---- Used by the recorder ----

// A region file created, initialised and mapped by the recorder; unmapped on destruction.
class OwnedSharedRegion {
 public:
  // Creates `path` (which must not exist) holding a fresh region.
  static Result<OwnedSharedRegion> Create(const std::string& path);
  OwnedSharedRegion(OwnedSharedRegion&& other) noexcept;
  OwnedSharedRegion& operator=(OwnedSharedRegion&&) = delete;
  OwnedSharedRegion(const OwnedSharedRegion&) = delete;
  OwnedSharedRegion& operator=(const OwnedSharedRegion&) = delete;
  ~OwnedSharedRegion();

  SharedRegion& region() { return *region_; }
  const SharedRegion& region() const { return *region_; }

 private:
  explicit OwnedSharedRegion(SharedRegion* region) : region_(region) {}
  SharedRegion* region_;
};

// The warnings added so far, in the order they were added, without duplicates.
std::vector<std::string> Warnings(const SharedRegion& region);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_SHARED_REGION_H_
