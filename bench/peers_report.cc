#include "bench/peers_report.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "bench/format.h"

namespace powercut::bench {
namespace {

// The issue's targets.
constexpr double kImmediateVsRawTarget = 0.9;
constexpr double kCeilingShareTarget = 0.3;
constexpr int kCeilingTargetThreads = 64;
// Runs of one measurement whose fastest and slowest differ by more than this are flagged.
constexpr double kUnsteadySpread = 3.0;

const PeersMeasurement* Find(const PeersReport& r, System system, const Peer* peer,
                             size_t txn_bytes, int threads) {
  for (const PeersMeasurement& m : r.measurements) {
    if (m.system == system && m.peer == peer && m.txn_bytes == txn_bytes && m.threads == threads) {
      return &m;
    }
  }
  return nullptr;
}

std::optional<double> MedianRate(const PeersMeasurement* m) {
  if (m == nullptr || m->runs.empty()) return std::nullopt;
  return Summarize(m->runs).median_rate;
}

// The device limit at this size: the single-thread raw loop's median.
std::optional<double> RawRate(const PeersReport& r, size_t txn_bytes) {
  return MedianRate(Find(r, System::kRaw, nullptr, txn_bytes, 1));
}

std::string OrDash(std::optional<double> value, int decimals) {
  return value ? Fixed(*value, decimals) : "—";
}
std::string RatioOrDash(std::optional<double> numerator, std::optional<double> denominator) {
  if (!numerator || !denominator || *denominator <= 0) return "—";
  return FormatRatio(*numerator / *denominator);
}

void RenderSetup(const PeersReport& r, std::ostream& out) {
  out << "## peers_bench" << (r.smoke ? " (smoke run: figures are not measurements)" : "") << "\n\n"
      << "- Each measurement: median of " << r.rounds << " runs of " << Fixed(r.run_seconds, 2)
      << " s (after " << Fixed(r.warmup_seconds, 2)
      << " s warm-up each), a fresh file, journal or database per run; all measurements "
         "interleaved round by round\n"
      << "- Transaction: the journal's is one op of that many encoded bytes (record +40 bytes); "
         "the raw loop appends a buffer of the journal's record size; a peer's is one "
         "16-byte key and a value of that many incompressible bytes\n"
      << "- Ceiling for N threads: N x the raw loop at the same size (every sync carrying one "
         "commit per thread, at no extra cost)\n";
  for (const Peer& peer : r.peers) {
    out << "- " << peer.settings;
    if (peer.name == "SQLite") {
      out << (r.sqlite_connection_per_thread ? "; one connection per thread"
                                             : "; one connection shared by the threads");
    }
    out << "\n";
  }
  for (const std::string& missing : r.missing) {
    out << "- Not measured: " << missing << " was not found when the bench was built\n";
  }
  RenderMachineLines(r.machine, r.file_system, r.dir, r.load_average_end, out);
  out << "\n";
}

// Threads down, systems across: the figure the issue asks about, at one transaction size.
void RenderComparison(const PeersReport& r, size_t txn_bytes, std::ostream& out) {
  const std::optional<double> raw = RawRate(r, txn_bytes);
  out << "### " << txn_bytes << "-byte transactions: commits/s (median)\n\n"
      << "Raw write+fdatasync loop, 1 thread: " << OrDash(raw, 0) << "/s. Journal Immediate, 1 "
      << "thread: " << OrDash(MedianRate(Find(r, System::kImmediate, nullptr, txn_bytes, 1)), 0)
      << "/s. Journal Relaxed, 1 thread (no sync per commit; informational): "
      << OrDash(MedianRate(Find(r, System::kRelaxed, nullptr, txn_bytes, 1)), 0) << "/s.\n\n"
      << "| threads | ceiling (N x raw) | Journal GroupCommit | vs ceiling |";
  for (const Peer& peer : r.peers) out << " " << peer.name << " |";
  out << " GroupCommit / best peer |\n|---:|---:|---:|---:|";
  for (size_t i = 0; i < r.peers.size(); ++i) out << "---:|";
  out << "---:|\n";
  for (const int threads : r.threads) {
    const std::optional<double> ceiling =
        raw ? std::optional<double>(*raw * threads) : std::nullopt;
    const std::optional<double> group =
        MedianRate(Find(r, System::kGroupCommit, nullptr, txn_bytes, threads));
    out << "| " << threads << " | " << OrDash(ceiling, 0) << " | " << OrDash(group, 0) << " | "
        << RatioOrDash(group, ceiling) << " |";
    std::optional<double> best;
    for (const Peer& peer : r.peers) {
      const std::optional<double> rate =
          MedianRate(Find(r, System::kPeer, &peer, txn_bytes, threads));
      out << " " << OrDash(rate, 0) << " |";
      if (rate && (!best || *rate > *best)) best = rate;
    }
    out << " " << RatioOrDash(group, best) << " |\n";
  }
  out << "\n";
}

void RenderDetail(const PeersReport& r, size_t txn_bytes, std::ostream& out) {
  const std::optional<double> raw = RawRate(r, txn_bytes);
  out << "| " << txn_bytes
      << " B | threads | commits/s | runs min–max | p50 | p99 | "
         "commits/sync | CPU (cores) | vs raw@1 | vs ceiling |\n"
      << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const PeersMeasurement& m : r.measurements) {
    if (m.txn_bytes != txn_bytes || m.runs.empty()) continue;
    const Summary s = Summarize(m.runs);
    const std::optional<double> ceiling =
        raw ? std::optional<double>(*raw * m.threads) : std::nullopt;
    const bool counted = m.system != System::kPeer && m.system != System::kRelaxed;
    out << "| " << SystemName(m) << " | " << m.threads << " | " << Fixed(s.median_rate, 0) << " | "
        << Fixed(s.min_rate, 0) << "–" << Fixed(s.max_rate, 0) << " | " << FormatLatency(s.p50_ns)
        << " | " << FormatLatency(s.p99_ns) << " | "
        << (counted && s.commits_per_sync > 0 ? Fixed(s.commits_per_sync, 2) : "—") << " | "
        << Fixed(s.cpu_cores, 2) << " | "
        << (m.system == System::kRaw ? "—" : RatioOrDash(s.median_rate, raw)) << " | "
        << (m.system == System::kRaw || m.system == System::kRelaxed
                ? "—"
                : RatioOrDash(s.median_rate, ceiling))
        << " |\n";
  }
  out << "\n";
}

void RenderTargets(const PeersReport& r, std::ostream& out) {
  out << "### Targets (ratios of medians of this run)\n\n";
  for (const size_t size : r.txn_sizes) {
    const std::optional<double> raw = RawRate(r, size);
    const std::optional<double> immediate =
        MedianRate(Find(r, System::kImmediate, nullptr, size, 1));
    out << "- " << size << " B: Immediate@1 / raw >= " << Fixed(kImmediateVsRawTarget, 1)
        << "x: " << RatioOrDash(immediate, raw);
    if (immediate && raw && *raw > 0) {
      out << (*immediate / *raw >= kImmediateVsRawTarget ? " — met" : " — missed");
    }
    out << "\n";
    std::string behind;
    for (const int threads : r.threads) {
      const std::optional<double> group =
          MedianRate(Find(r, System::kGroupCommit, nullptr, size, threads));
      for (const Peer& peer : r.peers) {
        const std::optional<double> rate = MedianRate(Find(r, System::kPeer, &peer, size, threads));
        if (group && rate && *group <= *rate) {
          behind += (behind.empty() ? "" : ", ") + peer.name + "@" + std::to_string(threads) +
                    " (" + FormatRatio(*group / *rate) + ")";
        }
      }
    }
    out << "- " << size << " B: GroupCommit ahead of every peer at every thread count: "
        << (r.peers.empty()  ? "no peer measured"
            : behind.empty() ? "met"
                             : "missed, behind " + behind)
        << "\n";
    if (std::find(r.threads.begin(), r.threads.end(), kCeilingTargetThreads) != r.threads.end()) {
      const std::optional<double> group =
          MedianRate(Find(r, System::kGroupCommit, nullptr, size, kCeilingTargetThreads));
      const std::optional<double> ceiling =
          raw ? std::optional<double>(*raw * kCeilingTargetThreads) : std::nullopt;
      out << "- " << size << " B: GroupCommit@64 >= " << Fixed(100 * kCeilingShareTarget, 0)
          << "% of the ceiling: " << RatioOrDash(group, ceiling);
      if (group && ceiling && *ceiling > 0) {
        out << (*group / *ceiling >= kCeilingShareTarget ? " — met" : " — missed");
      }
      out << "\n";
    }
  }
  std::string unsteady;
  for (const PeersMeasurement& m : r.measurements) {
    const Summary s = Summarize(m.runs);
    if (s.min_rate > 0 && s.max_rate / s.min_rate > kUnsteadySpread) {
      unsteady += (unsteady.empty() ? "" : ", ") + ShortName(m);
    }
  }
  if (!unsteady.empty()) {
    out << "\n**Unsteady:** runs of " << unsteady << " differ by more than "
        << Fixed(kUnsteadySpread, 0)
        << "x: the machine or the device changed behaviour during the run; do not read targets "
           "off it.\n";
  }
}

}  // namespace

std::string SystemName(const PeersMeasurement& m) {
  switch (m.system) {
    case System::kRaw:
      return "raw";
    case System::kImmediate:
      return "Immediate";
    case System::kGroupCommit:
      return "GroupCommit";
    case System::kRelaxed:
      return "Relaxed";
    case System::kPeer:
      return m.peer != nullptr ? m.peer->name : "?";
  }
  return "?";
}

std::string ShortName(const PeersMeasurement& m) {
  return SystemName(m) + "@" + std::to_string(m.threads) + "/" + std::to_string(m.txn_bytes);
}

std::string RenderPeersMarkdown(const PeersReport& report) {
  std::ostringstream out;
  RenderSetup(report, out);
  for (const size_t size : report.txn_sizes) {
    RenderComparison(report, size, out);
    RenderDetail(report, size, out);
  }
  RenderTargets(report, out);
  return out.str();
}

std::string RenderPeersCsv(const PeersReport& report) {
  std::ostringstream out;
  out << "txn_bytes,system,threads,commits_per_s,min,max,p50_us,p99_us,commits_per_sync,"
         "cpu_cores,ceiling,vs_raw,vs_ceiling\n";
  for (const PeersMeasurement& m : report.measurements) {
    if (m.runs.empty()) continue;
    const Summary s = Summarize(m.runs);
    const std::optional<double> raw = RawRate(report, m.txn_bytes);
    const bool counted = m.system != System::kPeer && m.system != System::kRelaxed;
    out << m.txn_bytes << "," << SystemName(m) << "," << m.threads << "," << Fixed(s.median_rate, 1)
        << "," << Fixed(s.min_rate, 1) << "," << Fixed(s.max_rate, 1) << ","
        << Fixed(s.p50_ns / 1e3, 1) << "," << Fixed(s.p99_ns / 1e3, 1) << ","
        << (counted && s.commits_per_sync > 0 ? Fixed(s.commits_per_sync, 2) : "") << ","
        << Fixed(s.cpu_cores, 2) << ",";
    if (raw && *raw > 0) {
      out << Fixed(*raw * m.threads, 1) << "," << Fixed(s.median_rate / *raw, 3) << ","
          << Fixed(s.median_rate / (*raw * m.threads), 3);
    } else {
      out << ",,";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace powercut::bench
