// peers_bench: the reference journal's commit rate against the stores a user would pick
// instead, and against the device's own limit, side by side in one run on one file system.
//
// For each transaction size and thread count it measures: the raw write+fdatasync loop (1
// thread; N x it is the ideal-batching ceiling for N threads), the journal in Immediate (1
// thread), GroupCommit (each thread count) and Relaxed (1 thread, informational) modes, and each
// peer built in (bench/peer_store.h: SQLite, LevelDB, RocksDB, all syncing every commit) at each
// thread count. Every measurement gets a fresh file, journal or database per run; runs are
// interleaved round by round; medians, pooled p50/p99 and ratios are reported with the machine.
//
//   peers_bench [--dir DIR] [--sizes 64,1024,16384] [--threads 1,4,16,64] [--seconds S]
//               [--runs R] [--peers LIST] [--sqlite-per-thread] [--only LIST]
//               [--markdown FILE] [--csv FILE] [--smoke]
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/flags.h"
#include "bench/machine.h"
#include "bench/peer_store.h"
#include "bench/peers_report.h"
#include "bench/scratch_dir.h"
#include "bench/workloads.h"
#include "journal/format.h"

namespace powercut::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: peers_bench [options]\n"
    "  --dir DIR           file system to measure: a scratch directory is made inside DIR and\n"
    "                      removed afterwards (default: the current directory; tmpfs refused)\n"
    "  --sizes LIST        transaction sizes in bytes (default 64,1024,16384)\n"
    "  --threads LIST      thread counts of GroupCommit and the peers (default 1,4,16,64)\n"
    "  --seconds S         measured seconds per measurement, split over the runs (default 1.5)\n"
    "  --runs R            runs per measurement, interleaved; the median is reported (default 3)\n"
    "  --peers LIST        only these peers, e.g. SQLite,RocksDB; 'none' for none (default: all\n"
    "                      built in)\n"
    "  --sqlite-per-thread one SQLite connection per thread instead of one shared\n"
    "  --only LIST         only these measurements: names (GroupCommit, SQLite, raw, ...) or\n"
    "                      short names (GroupCommit@16/64); ratios to a baseline left out are\n"
    "                      not printed\n"
    "  --markdown FILE     also write the report to FILE\n"
    "  --csv FILE          write one CSV row per measurement to FILE\n"
    "  --smoke             64-byte transactions, 1 and 4 threads, one short run: proves the\n"
    "                      benchmark works, measures nothing (tmpfs is then allowed)\n";

struct Flags {
  std::string dir = ".";
  std::vector<size_t> sizes = {64, 1024, 16384};
  std::vector<int> threads = {1, 4, 16, 64};
  double seconds = 1.5;
  int runs = 3;
  std::optional<std::vector<std::string>> peers;  // nullopt: all
  bool sqlite_per_thread = false;
  std::vector<std::string> only;
  std::string markdown;
  std::string csv;
  bool smoke = false;
};

// Takes one flag (see WalkFlags): true when taken, false for a bad value, nullopt when unknown.
std::optional<bool> TakeFlag(Flags& flags, std::string_view arg, std::string_view value) {
  if (arg == "--smoke") return flags.smoke = true;
  if (arg == "--sqlite-per-thread") return flags.sqlite_per_thread = true;
  if (arg == "--dir") return !(flags.dir = value).empty();
  // MakeTransaction checks the sizes against the journal's limits.
  if (arg == "--sizes") return ParseSizeList(value, 1, SIZE_MAX, flags.sizes);
  if (arg == "--threads") return ParseIntList(value, 1, 1024, flags.threads);
  if (arg == "--seconds") return ParseNumber(value, flags.seconds) && flags.seconds > 0;
  if (arg == "--runs") return ParseNumber(value, flags.runs) && flags.runs >= 1;
  if (arg == "--markdown") return !(flags.markdown = value).empty();
  if (arg == "--csv") return !(flags.csv = value).empty();
  if (arg == "--only") {
    AppendNames(value, flags.only);
    return true;
  }
  if (arg == "--peers") {
    flags.peers.emplace();
    if (value != "none") AppendNames(value, *flags.peers);
    return true;
  }
  return std::nullopt;
}

// Every measurement of the run, in the order of the report; rounds repeat this order.
std::vector<PeersMeasurement> PlanMeasurements(const Flags& flags, const std::vector<Peer>& peers) {
  std::vector<PeersMeasurement> plan;
  for (const size_t size : flags.sizes) {
    plan.push_back({System::kRaw, nullptr, size, 1, {}});
    plan.push_back({System::kImmediate, nullptr, size, 1, {}});
    for (const int threads : flags.threads) {
      plan.push_back({System::kGroupCommit, nullptr, size, threads, {}});
    }
    plan.push_back({System::kRelaxed, nullptr, size, 1, {}});
    for (const Peer& peer : peers) {
      for (const int threads : flags.threads) {
        plan.push_back({System::kPeer, &peer, size, threads, {}});
      }
    }
  }
  if (!flags.only.empty()) {
    std::erase_if(plan, [&](const PeersMeasurement& m) {
      return std::none_of(flags.only.begin(), flags.only.end(), [&](const std::string& name) {
        return name == SystemName(m) || name == ShortName(m);
      });
    });
  }
  return plan;
}

Result<RunResult> RunOne(const PeersMeasurement& m, const std::string& path,
                         const std::vector<journal::Op>& ops, const Flags& flags,
                         const Timing& timing) {
  switch (m.system) {
    case System::kRaw:
      return RunRaw(path, journal::kRecordPrefixBytes + m.txn_bytes, 1, timing);
    case System::kImmediate:
      return RunJournal(path, journal::Durability::kImmediate, m.threads, ops, timing);
    case System::kGroupCommit:
      return RunJournal(path, journal::Durability::kGroupCommit, m.threads, ops, timing);
    case System::kRelaxed:
      return RunJournal(path, journal::Durability::kRelaxed, m.threads, ops, timing);
    case System::kPeer: {
      PeerOptions options;
      options.dir = path;
      options.threads = m.threads;
      options.value_bytes = m.txn_bytes;
      options.sqlite_connection_per_thread = flags.sqlite_per_thread;
      return RunPeer(*m.peer, options, timing);
    }
  }
  return Status::InvalidArgument("unknown measurement");
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path);
  file << text;
  if (file.flush()) return true;
  std::cerr << "peers_bench: cannot write " << path << "\n";
  return false;
}

int Main(int argc, char** argv) {
  Flags flags;
  const std::optional<int> exit_status = ParseCommandLine(
      argc, argv, "peers_bench", kUsage, {"--smoke", "--sqlite-per-thread"},
      [&](std::string_view arg, std::string_view value) { return TakeFlag(flags, arg, value); });
  if (exit_status) return *exit_status;
  if (flags.smoke) {
    flags.sizes = {64};
    flags.threads = {1, 4};
    flags.seconds = 0.1;
    flags.runs = 1;
  }

  PeersReport report;
  report.missing = MissingPeers();
  for (Peer& peer : AvailablePeers()) {
    if (!flags.peers ||
        std::find(flags.peers->begin(), flags.peers->end(), peer.name) != flags.peers->end()) {
      report.peers.push_back(std::move(peer));
    }
  }
  for (const std::string& missing : report.missing) {
    std::cerr << "peers_bench: not measuring " << missing << ": not found at build time\n";
  }
  std::map<size_t, std::vector<journal::Op>> ops;  // per transaction size
  for (const size_t size : flags.sizes) {
    Result<std::vector<journal::Op>> txn = MakeTransaction(size);
    if (!txn.ok()) {
      std::cerr << "peers_bench: --sizes " << size << ": " << txn.status().ToString() << "\n";
      return 2;
    }
    ops.emplace(size, std::move(*txn));
  }
  report.measurements = PlanMeasurements(flags, report.peers);
  if (report.measurements.empty()) {
    std::cerr << "peers_bench: --only and --peers leave no measurement\n";
    return 2;
  }
  Result<std::unique_ptr<ScratchDir>> scratch =
      ScratchDir::Make(flags.dir, "peers_bench", flags.smoke, report.file_system);
  if (!scratch.ok()) {
    std::cerr << "peers_bench: " << scratch.status().ToString() << "\n";
    return 1;
  }

  report.machine = DescribeMachine();
  report.dir = (*scratch)->path();
  report.rounds = flags.runs;
  report.smoke = flags.smoke;
  report.sqlite_connection_per_thread = flags.sqlite_per_thread;
  report.txn_sizes = flags.sizes;
  report.threads = flags.threads;
  report.run_seconds = flags.seconds / flags.runs;
  report.warmup_seconds = std::clamp(report.run_seconds / 5, 0.02, 0.25);
  Timing timing;
  timing.warmup = std::chrono::duration<double>(report.warmup_seconds);
  timing.measure = std::chrono::duration<double>(report.run_seconds);

  for (int round = 1; round <= flags.runs; ++round) {
    int index = 0;
    for (PeersMeasurement& m : report.measurements) {
      const std::string path =
          JoinPath(report.dir, "run" + std::to_string(round) + "-" + std::to_string(index++));
      Result<RunResult> run = RunOne(m, path, ops.at(m.txn_bytes), flags, timing);
      std::error_code ec;
      std::filesystem::remove_all(path, ec);  // keep the file system's free space steady
      if (!run.ok()) {
        std::cerr << "peers_bench: " << ShortName(m) << ": " << run.status().ToString() << "\n";
        return 1;
      }
      std::cerr << "run " << round << "/" << flags.runs << " " << ShortName(m) << ": "
                << static_cast<uint64_t>(run->rate()) << " commits/s\n";
      m.runs.push_back(std::move(*run));
    }
  }
  report.load_average_end = LoadAverage();

  const std::string markdown = RenderPeersMarkdown(report);
  std::cout << markdown;
  if (!flags.markdown.empty() && !WriteFile(flags.markdown, markdown)) return 1;
  if (!flags.csv.empty() && !WriteFile(flags.csv, RenderPeersCsv(report))) return 1;
  return 0;
}

}  // namespace
}  // namespace powercut::bench

int main(int argc, char** argv) { return powercut::bench::Main(argc, argv); }
