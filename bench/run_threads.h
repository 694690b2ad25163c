// The shape of every timed run: `threads` threads commit in a closed loop over one window.
//
// Threads commit continuously from the start; commits that complete before the warm-up ends
// are discarded (they include first-touch costs: fresh extents, cold caches, threads not yet
// queued), and a commit counts only if it completes inside [warmup_end, end]. Commits still in
// flight at `end` are finished but not counted, so a slow final sync can neither be dropped nor
// inflate the window. Shared by the journal's loops (workloads.h) and the peers' (peer_store.h).
#ifndef POWERCUT_BENCH_RUN_THREADS_H_
#define POWERCUT_BENCH_RUN_THREADS_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <latch>
#include <limits>
#include <thread>
#include <vector>

#include "bench/stats.h"
#include "faultfs/fs/result.h"

namespace powercut::bench {

using Clock = std::chrono::steady_clock;

struct Timing {
  std::chrono::duration<double> warmup{0.1};
  std::chrono::duration<double> measure{1.0};
};

// Syncs so far and the nanoseconds spent in them, as a run's sync counter reports them.
struct SyncCounters {
  uint64_t syncs = 0;
  uint64_t ns = 0;
};

// For code whose syncs cannot be counted (a library's own): the run reports none.
inline SyncCounters NoSyncCounters() { return {}; }

// User + system CPU time of the whole process so far.
double ProcessCpuSeconds();

namespace detail {

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

// Calls `commit(thread)` until the window ends (or `stop` is set, or it fails), recording each
// call that completes inside the window as `weight` commits with one latency sample.
template <typename Commit>
void CommitLoop(const Commit& commit, int thread, uint64_t weight, const Window& window,
                std::atomic<bool>& stop, ThreadResult& out) {
  while (!stop.load(std::memory_order_relaxed)) {
    const Clock::time_point start = Clock::now();
    Status status = commit(thread);
    const Clock::time_point done = Clock::now();
    if (!status.ok()) {
      out.status = std::move(status);
      stop = true;  // the others stop too: a failed store fails every later commit anyway
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

}  // namespace detail

// Runs `threads` threads, thread i calling `commit(i)` (which returns a Status and must be safe
// to call from all of them at once) over one window; each successful call counts as `weight`
// commits. The calling thread only sleeps to the window's edges to sample `sync_counters()`
// (returning SyncCounters) and the process's CPU time there. The first failing commit's status
// is returned.
template <typename Commit, typename SyncCount>
Result<RunResult> RunThreads(int threads, const Commit& commit, uint64_t weight,
                             const SyncCount& sync_counters, const Timing& timing) {
  std::vector<detail::ThreadResult> results(static_cast<size_t>(threads));
  std::atomic<bool> stop{false};
  std::latch go(1);
  detail::Window window;
  std::vector<std::thread> workers;
  workers.reserve(results.size());
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      go.wait();  // `window` is written before the latch opens
      detail::CommitLoop(commit, i, weight, window, stop, results[static_cast<size_t>(i)]);
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
  for (detail::ThreadResult& r : results) {
    if (!r.status.ok()) return r.status;
    run.commits += r.commits;
    run.latency_ns.insert(run.latency_ns.end(), r.latency_ns.begin(), r.latency_ns.end());
  }
  return run;
}

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_RUN_THREADS_H_
