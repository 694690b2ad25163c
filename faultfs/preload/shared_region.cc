#include "faultfs/preload/shared_region.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace powercut::preload {
namespace {

constexpr uint32_t kSlotFree = 0;
constexpr uint32_t kSlotWriting = 1;
constexpr uint32_t kSlotReady = 2;

bool SameText(const WarningSlot& slot, std::string_view text) {
  return slot.length == text.size() && std::memcmp(slot.text, text.data(), text.size()) == 0;
}

}  // namespace

SharedRegion* MapSharedRegion(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<size_t>(st.st_size) < sizeof(SharedRegion)) {
    return nullptr;
  }
  void* at = ::mmap(nullptr, sizeof(SharedRegion), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (at == MAP_FAILED) return nullptr;
  auto* region = static_cast<SharedRegion*>(at);
  if (region->magic != kSharedRegionMagic || region->version != kSharedRegionVersion ||
      region->size_bytes != sizeof(SharedRegion)) {
    ::munmap(at, sizeof(SharedRegion));
    return nullptr;
  }
  return region;
}

bool LockRecord(SharedRegion& region) {
  const int rc = ::pthread_mutex_lock(&region.record_lock);
  if (rc == 0) return true;
  if (rc == EOWNERDEAD) {
    // A process died inside a recorded call (SIGKILL): its record may be torn, which the reader
    // of the capture reports. The counters it guarded are still usable.
    region.lock_owner_died.fetch_add(1, std::memory_order_relaxed);
    return ::pthread_mutex_consistent(&region.record_lock) == 0;
  }
  return false;
}

void UnlockRecord(SharedRegion& region) { ::pthread_mutex_unlock(&region.record_lock); }

bool LockRecordWithin(SharedRegion& region, int timeout_ms) {
  timespec deadline{};
  ::clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += static_cast<long>(timeout_ms % 1000) * 1000000;
  if (deadline.tv_nsec >= 1000000000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000;
  }
  const int rc = ::pthread_mutex_timedlock(&region.record_lock, &deadline);
  if (rc == 0) return true;
  if (rc == EOWNERDEAD) {
    region.lock_owner_died.fetch_add(1, std::memory_order_relaxed);
    return ::pthread_mutex_consistent(&region.record_lock) == 0;
  }
  return false;
}

namespace {

// One write(2) of `size` bytes, retried on EINTR; false if it did not go in whole (a short write
// to a regular file means the disk is full: the file may now end in a torn record).
// A short write is not an error (a nearly full disk writes what fits, and the next write says
// ENOSPC): the rest is written again.
bool WriteWhole(int fd, const void* bytes, size_t size) {
  const char* next = static_cast<const char*>(bytes);
  while (size > 0) {
    const ssize_t written = ::write(fd, next, size);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return false;
    if (written == 0) {
      errno = EIO;
      return false;
    }
    next += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

}  // namespace

bool FlushCaptureBuffer(SharedRegion& region, int capture_fd) {
  if (region.capture_buffered == 0) return true;
  if (!WriteWhole(capture_fd, region.capture_buffer, region.capture_buffered)) return false;
  region.capture_buffered = 0;
  return true;
}

bool AppendCaptureRecord(SharedRegion& region, int capture_fd, const void* record, size_t size) {
  if (size > kCaptureBufferBytes - region.capture_buffered &&
      !FlushCaptureBuffer(region, capture_fd)) {
    return false;
  }
  if (size > kCaptureBufferBytes) return WriteWhole(capture_fd, record, size);
  std::memcpy(region.capture_buffer + region.capture_buffered, record, size);
  region.capture_buffered += size;  // after the copy: a process killed mid-copy adds nothing
  return true;
}

void AddWarning(SharedRegion& region, std::string_view text) {
  text = text.substr(0, kWarningBytes);
  for (WarningSlot& slot : region.warnings) {
    uint32_t state = slot.state.load(std::memory_order_acquire);
    if (state == kSlotFree &&
        slot.state.compare_exchange_strong(state, kSlotWriting, std::memory_order_acquire)) {
      std::memcpy(slot.text, text.data(), text.size());
      slot.length = static_cast<uint32_t>(text.size());
      slot.state.store(kSlotReady, std::memory_order_release);
      return;
    }
    if (state == kSlotReady && SameText(slot, text)) return;
  }
  region.warnings_dropped.fetch_add(1, std::memory_order_relaxed);
}

Result<OwnedSharedRegion> OwnedSharedRegion::Create(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError(path + ": create shared region", errno);
  if (::ftruncate(fd, sizeof(SharedRegion)) != 0) {
    const int error = errno;
    ::close(fd);
    return Status::IoError(path + ": size shared region", error);
  }
  void* at = ::mmap(nullptr, sizeof(SharedRegion), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int error = errno;
  ::close(fd);
  if (at == MAP_FAILED) return Status::IoError(path + ": map shared region", error);

  auto* region = new (at) SharedRegion{};
  pthread_mutexattr_t attributes;
  ::pthread_mutexattr_init(&attributes);
  ::pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  ::pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
  const int rc = ::pthread_mutex_init(&region->record_lock, &attributes);
  ::pthread_mutexattr_destroy(&attributes);
  if (rc != 0) {
    ::munmap(at, sizeof(SharedRegion));
    return Status::IoError(path + ": initialise the record lock", rc);
  }
  region->version = kSharedRegionVersion;
  region->size_bytes = sizeof(SharedRegion);
  // The workload starts after this returns, so every process that maps the file sees it whole.
  region->magic = kSharedRegionMagic;
  return OwnedSharedRegion(region);
}

OwnedSharedRegion::OwnedSharedRegion(OwnedSharedRegion&& other) noexcept
    : region_(std::exchange(other.region_, nullptr)) {}

OwnedSharedRegion::~OwnedSharedRegion() {
  if (region_ != nullptr) ::munmap(region_, sizeof(SharedRegion));
}

std::vector<std::string> Warnings(const SharedRegion& region) {
  std::vector<std::string> texts;
  for (const WarningSlot& slot : region.warnings) {
    if (slot.state.load(std::memory_order_acquire) != kSlotReady) continue;
    std::string text(slot.text, std::min<size_t>(slot.length, kWarningBytes));
    if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(text);
  }
  return texts;
}

}  // namespace powercut::preload
