#include "bench/workloads.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <latch>
#include <limits>
#include <thread>

#include "bench/counting_file_system.h"
#include "faultfs/fs/posix_file_system.h"
#include "journal/format.h"

namespace powercut::bench {
namespace {

// The measured window, fixed before any thread starts.
struct Window {
  Clock::time_point warmup_end;
  Clock::time_point end;
};

struct ThreadResult {
  uint64_t commits = 0;
  std::vector<uint32_t> latency_ns;
  Status status;
};

// Calls `commit` until the window ends (or `stop` is set, or it fails), recording each call that
// completes inside the window as `weight` commits with one latency sample.
template <typename Commit>
void CommitLoop(const Commit& commit, uint64_t weight, const Window& window,
                std::atomic<bool>& stop, ThreadResult& out) {
  while (!stop.load(std::memory_order_relaxed)) {
    const Clock::time_point start = Clock::now();
    Status status = commit();
    const Clock::time_point done = Clock::now();
    if (!status.ok()) {
      out.status = std::move(status);
      stop = true;  // the others stop too: a failed journal fails every later append anyway
      return;
    }
    if (done > window.end) return;
    if (done < window.warmup_end) continue;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(done - start).count();
    out.latency_ns.push_back(
        static_cast<uint32_t>(std::min<int64_t>(ns, std::numeric_limits<uint32_t>::max())));
    out.commits += weight;
  }
}

double ProcessCpuSeconds() {
  struct rusage usage {};
  (void)::getrusage(RUSAGE_SELF, &usage);  // cannot fail with RUSAGE_SELF and a valid pointer
  const auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Syncs so far and the nanoseconds spent in them.
struct SyncCounters {
  uint64_t syncs = 0;
  uint64_t ns = 0;
};

// Runs `threads` threads of CommitLoop over one window. The calling thread only sleeps to the
// window's edges to sample the sync counters and the process's CPU time there.
template <typename Commit, typename SyncCount>
Result<RunResult> RunThreads(int threads, const Commit& commit, uint64_t weight,
                             const SyncCount& sync_counters, const Timing& timing) {
  std::vector<ThreadResult> results(static_cast<size_t>(threads));
  std::atomic<bool> stop{false};
  std::latch go(1);
  Window window;
  std::vector<std::thread> workers;
  workers.reserve(results.size());
  for (ThreadResult& result : results) {
    workers.emplace_back([&, &out = result] {
      go.wait();  // `window` is written before the latch opens
      CommitLoop(commit, weight, window, stop, out);
    });
  }
  window.warmup_end = Clock::now() + std::chrono::duration_cast<Clock::duration>(timing.warmup);
  window.end = window.warmup_end + std::chrono::duration_cast<Clock::duration>(timing.measure);
  go.count_down();

  RunResult run;
  std::this_thread::sleep_until(window.warmup_end);
  const SyncCounters syncs_before = sync_counters();
  const double cpu_before = ProcessCpuSeconds();
  std::this_thread::sleep_until(window.end);
  const SyncCounters syncs_after = sync_counters();
  run.cpu_seconds = ProcessCpuSeconds() - cpu_before;
  run.syncs = syncs_after.syncs - syncs_before.syncs;
  run.sync_seconds = static_cast<double>(syncs_after.ns - syncs_before.ns) / 1e9;
  for (std::thread& worker : workers) worker.join();

  run.seconds = timing.measure.count();
  for (ThreadResult& r : results) {
    if (!r.status.ok()) return r.status;
    run.commits += r.commits;
    run.latency_ns.insert(run.latency_ns.end(), r.latency_ns.begin(), r.latency_ns.end());
  }
  return run;
}

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
    return Status::InvalidArgument("--txn-bytes must be in [" + std::to_string(kFixedBytes) +
                                   ", " + std::to_string(kLimit) + "]");
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
  const auto commit = [&]() -> Status {
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

  const auto commit = [&]() -> Status { return journal.Append(ops).status(); };
  const auto counters = [&] { return SyncCounters{fs.syncs(), fs.sync_ns()}; };
  Result<RunResult> run = RunThreads(threads, commit, 1, counters, timing);
  // Close is not timed: it is the final sync of Relaxed mode, not a commit.
  const Status closed = journal.Close();
  if (run.ok() && !closed.ok()) return closed;
  return run;
}

}  // namespace powercut::bench
