#include "faultfs/preload/fd_class.h"

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>

#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

// One entry per descriptor below kCachedFds, a seqlock: a writer makes `sequence` odd, writes,
// makes it even; a reader retries nothing, it treats a torn read as a miss.
struct CacheEntry {
  std::atomic<uint64_t> sequence{0};
  std::atomic<uint64_t> dev{0};
  std::atomic<uint64_t> ino{0};
  std::atomic<uint64_t> generation{0};
  std::atomic<unsigned char> kind{0};
  std::atomic<bool> append{false};
  std::atomic<unsigned char> write_sync{0};
  std::atomic<bool> valid{false};
};

constexpr unsigned kCachedFds = 1024;
constinit CacheEntry g_cache[kCachedFds];

uint64_t Generation() {
  return Shim().region->namespace_generation.load(std::memory_order_acquire);
}

// On a hit, sets info's kind, append and write_sync from the entry.
bool CacheLookup(int fd, uint64_t generation, FdInfo& info) {
  const struct stat& st = info.st;
  if (fd < 0 || static_cast<unsigned>(fd) >= kCachedFds) return false;
  CacheEntry& entry = g_cache[fd];
  const uint64_t before = entry.sequence.load(std::memory_order_acquire);
  if ((before & 1) != 0) return false;
  const bool hit = entry.valid.load(std::memory_order_relaxed) &&
                   entry.dev.load(std::memory_order_relaxed) == st.st_dev &&
                   entry.ino.load(std::memory_order_relaxed) == st.st_ino &&
                   entry.generation.load(std::memory_order_relaxed) == generation;
  const auto cached = static_cast<FdKind>(entry.kind.load(std::memory_order_relaxed));
  const bool cached_append = entry.append.load(std::memory_order_relaxed);
  const auto cached_sync = static_cast<WriteSync>(entry.write_sync.load(std::memory_order_relaxed));
  std::atomic_thread_fence(std::memory_order_acquire);
  if (!hit || entry.sequence.load(std::memory_order_relaxed) != before) return false;
  info.kind = cached;
  info.append = cached_append;
  info.write_sync = cached_sync;
  return true;
}

void CacheStore(int fd, uint64_t generation, const FdInfo& info) {
  const struct stat& st = info.st;
  if (fd < 0 || static_cast<unsigned>(fd) >= kCachedFds) return;
  CacheEntry& entry = g_cache[fd];
  uint64_t sequence = entry.sequence.load(std::memory_order_relaxed);
  if ((sequence & 1) != 0 ||
      !entry.sequence.compare_exchange_strong(sequence, sequence + 1, std::memory_order_acquire)) {
    return;  // another thread is writing this entry: skip, the cache is only a shortcut
  }
  entry.dev.store(st.st_dev, std::memory_order_relaxed);
  entry.ino.store(st.st_ino, std::memory_order_relaxed);
  entry.generation.store(generation, std::memory_order_relaxed);
  entry.kind.store(static_cast<unsigned char>(info.kind), std::memory_order_relaxed);
  entry.append.store(info.append, std::memory_order_relaxed);
  entry.write_sync.store(static_cast<unsigned char>(info.write_sync), std::memory_order_relaxed);
  entry.valid.store(true, std::memory_order_relaxed);
  entry.sequence.store(sequence + 2, std::memory_order_release);
}

}  // namespace

namespace {

std::string_view ReadLink(const char* link, char* out, size_t capacity) {
  const ssize_t length = ::readlink(link, out, capacity);
  if (length <= 0 || static_cast<size_t>(length) >= capacity) return {};
  std::string_view path(out, static_cast<size_t>(length));
  constexpr std::string_view kDeleted = " (deleted)";
  if (path.size() > kDeleted.size() && path.substr(path.size() - kDeleted.size()) == kDeleted) {
    path.remove_suffix(kDeleted.size());
  }
  return path;
}

}  // namespace

std::string_view PathOfCwd(char* out, size_t capacity) {
  return ReadLink("/proc/self/cwd", out, capacity);
}

std::string_view PathOfFd(int fd, char* out, size_t capacity) {
  char link[32] = "/proc/self/fd/";
  size_t at = std::strlen(link);
  char digits[12];
  size_t count = 0;
  unsigned value = static_cast<unsigned>(fd);
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) link[at++] = digits[--count];
  link[at] = '\0';
  return ReadLink(link, out, capacity);
}

bool PathInDir(std::string_view path) {
  const ShimState& s = Shim();
  const std::string_view dir(s.dir, s.dir_length);
  if (path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/' || dir == "/";
}

std::string_view PathInDirShown(std::string_view path) {
  const size_t skip = Shim().dir_length;
  if (path.size() <= skip) return {};
  return path.substr(Shim().dir_length == 1 ? 1 : skip + 1);
}

FdInfo ClassifyFd(int fd) {
  FdInfo info;
  if (::fstat(fd, &info.st) != 0) return info;
  const ShimState& s = Shim();
  if (s.has_stdout && info.st.st_ino == s.stdout_ino && info.st.st_dev == s.stdout_dev) {
    info.kind = FdKind::kOutput;
    return info;
  }
  if (info.st.st_dev != s.dir_dev || !(S_ISREG(info.st.st_mode) || S_ISDIR(info.st.st_mode))) {
    return info;
  }
  const uint64_t generation = Generation();
  if (CacheLookup(fd, generation, info)) return info;
  char buffer[PATH_MAX];
  const std::string_view path = PathOfFd(fd, buffer, sizeof(buffer));
  info.kind = !path.empty() && PathInDir(path) ? FdKind::kInDir : FdKind::kOther;
  if (info.kind == FdKind::kInDir) {
    const int flags = real::fcntl(fd, F_GETFL);
    info.append = flags >= 0 && (flags & O_APPEND) != 0;
    // O_SYNC is O_DSYNC plus a bit of its own (__O_SYNC): test the whole of it first.
    if (flags >= 0 && (flags & O_SYNC) == O_SYNC) {
      info.write_sync = WriteSync::kFile;
    } else if (flags >= 0 && (flags & O_DSYNC) != 0) {
      info.write_sync = WriteSync::kData;
    }
  }
  CacheStore(fd, generation, info);
  return info;
}

void InvalidateFdCache() {
  Shim().region->namespace_generation.fetch_add(1, std::memory_order_release);
}

void ForgetFds(unsigned first, unsigned last) {
  for (unsigned fd = first; fd <= last && fd < kCachedFds; ++fd) {
    CacheEntry& entry = g_cache[fd];
    uint64_t sequence = entry.sequence.load(std::memory_order_relaxed);
    if ((sequence & 1) != 0 ||
        !entry.sequence.compare_exchange_strong(sequence, sequence + 1,
                                                std::memory_order_acquire)) {
      continue;
    }
    entry.valid.store(false, std::memory_order_relaxed);
    entry.sequence.store(sequence + 2, std::memory_order_release);
  }
}

}  // namespace powercut::preload
