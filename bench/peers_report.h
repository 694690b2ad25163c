// Turns the runs of one peers_bench invocation into a markdown report (machine, a comparison
// table and a detail table per transaction size, the targets) and a CSV of the same
// figures, one row per measurement, for plotting.
#ifndef POWERCUT_BENCH_PEERS_REPORT_H_
#define POWERCUT_BENCH_PEERS_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "bench/machine.h"
#include "bench/peer_store.h"
#include "bench/stats.h"

namespace powercut::bench {

enum class System { kRaw, kImmediate, kGroupCommit, kRelaxed, kPeer };

struct PeersMeasurement {
  System system = System::kRaw;
  const Peer* peer = nullptr;  // kPeer only
  size_t txn_bytes = 0;
  int threads = 1;
  std::vector<RunResult> runs;  // one per round, in round order
};

struct PeersReport {
  MachineInfo machine;
  FileSystemInfo file_system;
  std::string dir;
  int rounds = 0;
  double run_seconds = 0;
  double warmup_seconds = 0;
  bool smoke = false;
  bool sqlite_connection_per_thread = false;
  std::string load_average_end;
  std::vector<Peer> peers;             // measured
  std::vector<std::string> missing;    // not built: library missing at configure time
  std::vector<size_t> txn_sizes;
  std::vector<int> threads;
  std::vector<PeersMeasurement> measurements;
};

// "raw", "Immediate", "GroupCommit", "Relaxed" or the peer's name.
std::string SystemName(const PeersMeasurement& m);
// "GroupCommit@16/1024": system, threads, transaction bytes; file-name safe.
std::string ShortName(const PeersMeasurement& m);

std::string RenderPeersMarkdown(const PeersReport& report);
// Header: txn_bytes,system,threads,commits_per_s,min,max,p50_us,p99_us,commits_per_sync,
// cpu_cores,ceiling,vs_raw,vs_ceiling. commits_per_sync is empty where syncs are not counted;
// ceiling is threads x raw at the same size.
std::string RenderPeersCsv(const PeersReport& report);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_PEERS_REPORT_H_
