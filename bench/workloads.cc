#include "bench/workloads.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "bench/counting_file_system.h"
#include "faultfs/fs/posix_file_system.h"
#include "journal/format.h"

namespace powercut::bench {
namespace {

Status PwriteAll(int fd, const std::byte* data, size_t size, uint64_t offset,
                 const std::string& path) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IoError(path + ": pwrite", errno);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status FdataSync(int fd, const std::string& path) {
  while (::fdatasync(fd) != 0) {
    if (errno != EINTR) return Status::IoError(path + ": fdatasync", errno);
  }
  return Status::Ok();
}

Status SyncDirectoryOf(const std::string& path) {
  const std::string dir = ParentDir(path);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(dir + ": open", errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : Status::IoError(dir + ": fsync", error);
}

}  // namespace

Result<std::vector<journal::Op>> MakeTransaction(size_t encoded_bytes) {
  // The encoding of WriteFile{path, chunk_ids, size}: type, path length, path, chunk count,
  // 8 bytes per chunk id, size.
  constexpr size_t kFixedBytes = 1 + 4 + 4 + 8;
  constexpr size_t kLimit = journal::kMaxPayloadBytes - journal::kWatermarkBytes;
  if (encoded_bytes < kFixedBytes || encoded_bytes > kLimit) {
    return Status::InvalidArgument("the transaction size must be in [" +
                                   std::to_string(kFixedBytes) + ", " + std::to_string(kLimit) +
                                   "] encoded bytes");
  }
  const size_t variable = encoded_bytes - kFixedBytes;
  // Fill the path first; once it is at its limit, chunk ids take the rest 8 bytes at a time.
  const size_t chunks = variable <= journal::kMaxPathBytes
                            ? 0
                            : (variable - journal::kMaxPathBytes + 7) / 8;
  journal::WriteFile op;
  op.path.assign(variable - 8 * chunks, 'p');
  for (size_t i = 0; i < chunks; ++i) op.chunk_ids.push_back(i + 1);
  op.size = encoded_bytes;
  std::vector<journal::Op> ops{op};
  if (journal::EncodedSize(ops) != encoded_bytes) {
    return Status::FailedPrecondition("could not size a transaction to " +
                                      std::to_string(encoded_bytes) + " encoded bytes");
  }
  return ops;
}

Result<RunResult> RunRaw(const std::string& path, size_t record_bytes, size_t records_per_sync,
                         const Timing& timing) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(path + ": open", errno);
  // Not zeros, so no layer below can treat the records as a hole.
  const std::vector<std::byte> records(record_bytes * records_per_sync, std::byte{0x5a});
  const std::vector<std::byte> header(journal::kSegmentHeaderBytes, std::byte{0xa5});
  uint64_t offset = header.size();
  Status status = PwriteAll(fd, header.data(), header.size(), 0, path);
  if (status.ok()) status = FdataSync(fd, path);
  if (status.ok()) status = SyncDirectoryOf(path);
  if (!status.ok()) {
    ::close(fd);
    return status;
  }

  // Counted and timed exactly as CountingFileSystem does for the journal.
  std::atomic<uint64_t> syncs{0};
  std::atomic<uint64_t> sync_ns{0};
  const auto commit = [&](int /*thread*/) -> Status {
    POWERCUT_RETURN_IF_ERROR(PwriteAll(fd, records.data(), records.size(), offset, path));
    offset += records.size();
    const Clock::time_point start = Clock::now();
    Status synced = FdataSync(fd, path);
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    syncs.fetch_add(1, std::memory_order_relaxed);
    sync_ns.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
    return synced;
  };
  const auto counters = [&] {
    return SyncCounters{syncs.load(std::memory_order_relaxed),
                        sync_ns.load(std::memory_order_relaxed)};
  };
  Result<RunResult> run = RunThreads(1, commit, records_per_sync, counters, timing);
  ::close(fd);
  return run;
}

Result<RunResult> RunJournal(const std::string& dir, journal::Durability durability, int threads,
                             const std::vector<journal::Op>& ops, const Timing& timing) {
  PosixFileSystem posix;
  CountingFileSystem fs(posix);
  journal::JournalOptions options;
  options.durability = durability;
  Result<std::unique_ptr<journal::Journal>> opened = journal::Journal::Open(fs, dir, options);
  if (!opened.ok()) return opened.status();
  journal::Journal& journal = **opened;

  const auto commit = [&](int /*thread*/) -> Status { return journal.Append(ops).status(); };
  const auto counters = [&] { return SyncCounters{fs.syncs(), fs.sync_ns()}; };
  Result<RunResult> run = RunThreads(threads, commit, 1, counters, timing);
  // Close is not timed: it is the final sync of Relaxed mode, not a commit.
  const Status closed = journal.Close();
  if (run.ok() && !closed.ok()) return closed;
  return run;
}

}  // namespace powercut::bench
