#include "bench/explore_report.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "bench/format.h"
#include "journal/journal.h"

namespace powercut::bench {
namespace {

// The target: crash states checked per second on one core, in process.
constexpr double kChecksPerSecondTarget = 100000;
// Runs of one measurement whose fastest and slowest differ by more than this are flagged.
constexpr double kUnsteadySpread = 1.5;

// 3 significant figures for rates, no exponent.
std::string Rate(double value) {
  if (value >= 100) return Fixed(value, 0);
  if (value >= 10) return Fixed(value, 1);
  return Fixed(value, 2);
}

std::string Micros(double seconds) {
  const double us = seconds * 1e6;
  return us < 10 ? Fixed(us, 2) : us < 100 ? Fixed(us, 1) : Fixed(us, 0);
}

// Per exploration: each run normalised to one exploration (explorations = 1), then the median.
struct Summary {
  ExploreRun median;  // of wall time; counts are the same in every run
  double min_seconds = 0;
  double max_seconds = 0;
};

Summary Summarize(const Measurement& m) {
  Summary s;
  if (m.runs.empty()) return s;
  std::vector<ExploreRun> runs;
  for (ExploreRun run : m.runs) {
    const double n = static_cast<double>(std::max<size_t>(run.explorations, 1));
    run.seconds /= n;
    run.cpu_seconds /= n;
    run.explorations = 1;
    runs.push_back(std::move(run));
  }
  std::sort(runs.begin(), runs.end(),
            [](const ExploreRun& a, const ExploreRun& b) { return a.seconds < b.seconds; });
  const size_t mid = runs.size() / 2;
  s.median = runs[mid];
  if (runs.size() % 2 == 0) {  // the mean of the middle two, as Median() in stats.h does
    s.median.seconds = (runs[mid - 1].seconds + runs[mid].seconds) / 2;
    s.median.cpu_seconds = (runs[mid - 1].cpu_seconds + runs[mid].cpu_seconds) / 2;
  }
  s.min_seconds = runs.front().seconds;
  s.max_seconds = runs.back().seconds;
  return s;
}

// Milliseconds, 3 significant figures.
std::string Millis(double seconds) {
  const double ms = seconds * 1e3;
  return ms < 10 ? Fixed(ms, 3) : ms < 100 ? Fixed(ms, 2) : Fixed(ms, 1);
}

// The jobs=1 twin of `m` (same scenario, mode, bound, model, recovery), for the speed-up column.
const Measurement* SingleJob(const ExploreReport& r, const Measurement& m) {
  for (const Measurement& other : r.measurements) {
    if (other.scenario == m.scenario && other.mode == m.mode && other.model == m.model &&
        other.max_deviations == m.max_deviations && other.crash_recovery == m.crash_recovery &&
        other.jobs == 1) {
      return &other;
    }
  }
  return nullptr;
}

std::string What(const Measurement& m) {
  if (m.mode == Mode::kGenerate) return "generate only";
  return m.crash_recovery ? "generate + check + crash recovery" : "generate + check";
}

void RenderSetup(const ExploreReport& r, std::ostream& out) {
  const MachineInfo& m = r.machine;
  out << "## explore_bench" << (r.smoke ? " (smoke run: figures are not measurements)" : "")
      << "\n\n"
      << "- Each measurement: median of " << r.rounds
      << " runs (by wall time per exploration); a run repeats the exploration for at least "
      << Millis(r.run_seconds)
      << " ms, each time with a fresh generator (and explorer) on the same recorded trace; "
         "measurements interleaved round by round\n"
      << "- CPU: " << (m.cpu_model.empty() ? "unknown" : m.cpu_model) << ", " << m.cpus_online
      << " CPUs online" << (m.virtualized ? " (virtual machine)" : "") << "\n"
      << "- Kernel: " << m.kernel << "\n"
      << "- Date: " << m.date_utc
      << "; commit: " << (m.git_commit.empty() ? "unknown" : m.git_commit) << "\n"
      << "- Load average (1/5/15 min) at start: " << m.load_average
      << "; at end: " << r.load_average_end << "\n\n"
      << "Workloads (powercut-journal's workload on SimFileSystem, dir `wal`, 3 ops per txn, "
         "1 thread; crash points: all; model posix unless named):\n\n"
      << "| workload | durability | txns | events | writes | barriers | output lines |\n"
      << "|---|---|---:|---:|---:|---:|---:|\n";
  for (const Scenario* s : r.scenarios) {
    out << "| " << s->name << " | " << journal::DurabilityName(s->workload.durability) << " | "
        << s->workload.txns << " | " << s->trace.events.size() << " | " << s->writes << " | "
        << s->barriers << " | " << s->output_lines << " |\n";
  }
  out << "\n";
}

void RenderTable(const ExploreReport& r, std::ostream& out) {
  out << "| measurement | workload | max dev | jobs | states generated | unique | checked | "
         "nested checked | ms per exploration (median) | runs min–max ms | generated/s | "
         "unique/s | checks/s | nested checks/s | CPU µs per checker run | CPU (cores) | "
         "vs jobs=1 |\n"
      << "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const Measurement& m : r.measurements) {
    const Summary s = Summarize(m);
    const ExploreRun& run = s.median;
    const bool check = m.mode == Mode::kCheck;
    std::string speedup = "—";
    if (m.jobs > 1) {
      if (const Measurement* one = SingleJob(r, m); one != nullptr && !one->runs.empty()) {
        const double one_seconds = Summarize(*one).median.seconds;
        if (run.seconds > 0) speedup = Fixed(one_seconds / run.seconds, 2) + "x";
      }
    }
    out << "| " << What(m) << " | " << m.scenario->name;
    if (m.model != crash::Model::kPosix) out << " " << crash::ModelName(m.model);
    out << " | " << m.max_deviations << " | " << (check ? std::to_string(m.jobs) : "1") << " | "
        << run.generated << " | " << run.unique << (run.capped ? " (capped)" : "") << " | "
        << (check ? std::to_string(run.checked) : "—") << " | "
        << (check && m.crash_recovery ? std::to_string(run.recovery_checked) : "—") << " | "
        << Millis(run.seconds) << " | " << Millis(s.min_seconds) << "–" << Millis(s.max_seconds)
        << " | " << Rate(run.Rate(run.generated)) << " | " << Rate(run.Rate(run.unique)) << " | "
        << (check ? Rate(run.Rate(run.checked)) : "—") << " | "
        << (check && m.crash_recovery ? Rate(run.Rate(run.recovery_checked)) : "—") << " | "
        << (check && run.all_checks() > 0
                ? Micros(run.cpu_seconds / static_cast<double>(run.all_checks()))
                : "—")
        << " | " << Fixed(run.seconds > 0 ? run.cpu_seconds / run.seconds : 0, 2) << " | "
        << speedup << " |\n";
  }
}

void RenderTarget(const ExploreReport& r, std::ostream& out) {
  if (r.target == nullptr || r.target->runs.empty()) return;
  const ExploreRun run = Summarize(*r.target).median;
  const double rate = run.Rate(run.checked);
  out << "\nTarget: >= " << Fixed(kChecksPerSecondTarget, 0)
      << " crash states checked per second on one core (" << ShortName(*r.target)
      << "): " << Fixed(rate, 0) << "/s — ";
  if (rate >= kChecksPerSecondTarget) {
    out << "**met**\n";
  } else {
    out << "**missed** (" << Fixed(kChecksPerSecondTarget / std::max(rate, 1e-9), 1)
        << "x short)\n";
  }
  if (run.checked > 0) {
    const double per_check = run.seconds / static_cast<double>(run.checked);
    out << "\nPer unique state, one core: " << Micros(per_check) << " µs generate + check";
    if (r.target_generation != nullptr && !r.target_generation->runs.empty()) {
      const ExploreRun gen = Summarize(*r.target_generation).median;
      if (gen.unique > 0) {
        const double per_gen = gen.seconds / static_cast<double>(gen.unique);
        out << ", of which generation alone " << Micros(per_gen) << " µs ("
            << Fixed(100 * per_gen / per_check, 1) << "%); the checker path (SimFileSystem, "
            << "journal recovery, the checker's steps) the other " << Micros(per_check - per_gen)
            << " µs";
      }
    }
    out << ".\n";
  }
}

void RenderProblems(const ExploreReport& r, std::ostream& out) {
  for (const Measurement& m : r.measurements) {
    const Summary s = Summarize(m);
    if (s.median.violating > 0) {
      out << "\n**Violations** in " << ShortName(m) << " (" << s.median.violating
          << "): the journal or the bench is broken, the figures measure the wrong thing. First: "
          << s.median.first_violation << "\n";
    }
  }
  std::string unsteady;
  for (const Measurement& m : r.measurements) {
    const Summary s = Summarize(m);
    if (s.min_seconds > 0 && s.max_seconds / s.min_seconds > kUnsteadySpread) {
      unsteady += (unsteady.empty() ? "" : ", ") + ShortName(m);
    }
  }
  if (!unsteady.empty()) {
    out << "\n**Unsteady:** the runs of " << unsteady << " differ by more than "
        << Fixed(kUnsteadySpread, 1)
        << "x in wall time. Something else used the CPUs during the run; rerun on a quiet "
           "machine.\n";
  }
}

void RenderRuns(const ExploreReport& r, std::ostream& out) {
  out << "\nPer-run wall ms per exploration (explorations in the run), in run order:\n\n"
         "| measurement |";
  for (int round = 0; round < r.rounds; ++round) out << " " << round + 1 << " |";
  out << "\n|---|";
  for (int round = 0; round < r.rounds; ++round) out << "---:|";
  out << "\n";
  for (const Measurement& m : r.measurements) {
    out << "| " << ShortName(m) << " |";
    for (int round = 0; round < r.rounds; ++round) {
      const auto index = static_cast<size_t>(round);
      if (index >= m.runs.size()) {
        out << " — |";
        continue;
      }
      const ExploreRun& run = m.runs[index];
      out << " " << Millis(run.SecondsEach()) << " (" << run.explorations << ") |";
    }
    out << "\n";
  }
}

const Measurement* Find(const ExploreReport& r, const Scenario* s, Mode mode, int max_deviations,
                        int jobs) {
  for (const Measurement& m : r.measurements) {
    if (m.scenario == s && m.mode == mode && m.max_deviations == max_deviations &&
        m.jobs == jobs && !m.crash_recovery && m.model == crash::Model::kPosix && !m.runs.empty()) {
      return &m;
    }
  }
  return nullptr;
}

// The length series side by side: one row per (length, bound), with the check time's growth
// against the previous length at the same bound (10x the transactions).
void RenderScaling(const ExploreReport& r, std::ostream& out) {
  if (r.length_series.empty()) return;
  int jobs = 1;
  for (const Measurement& m : r.measurements) jobs = std::max(jobs, m.jobs);
  out << "\n### Growth with the workload's length and max_deviations\n\n"
         "Immediate workloads (a sync per commit); medians from the table above. \"x time\" is "
         "the check time (1 job) against the previous, shorter workload at the same bound.\n\n"
         "| max dev | txns | crash points | states generated | states checked | generate ms | "
         "check ms, 1 job | checks/s, 1 job |"
      << (jobs > 1 ? " check ms, " + std::to_string(jobs) + " jobs | checks/s, " +
                         std::to_string(jobs) + " jobs |"
                   : "")
      << " x states | x time |\n|---:|---:|---:|---:|---:|---:|---:|---:|"
      << (jobs > 1 ? "---:|---:|" : "") << "---:|---:|\n";
  for (const int d : {0, 1, 2}) {
    std::optional<ExploreRun> previous;
    for (const Scenario* s : r.length_series) {
      const Measurement* gen = Find(r, s, Mode::kGenerate, d, 1);
      const Measurement* one = Find(r, s, Mode::kCheck, d, 1);
      const Measurement* many = jobs > 1 ? Find(r, s, Mode::kCheck, d, jobs) : nullptr;
      if (one == nullptr) continue;
      const ExploreRun check = Summarize(*one).median;
      out << "| " << d << " | " << s->workload.txns << " | " << check.crash_points << " | "
          << check.generated << " | " << check.checked << (check.capped ? " (capped)" : "")
          << " | " << (gen != nullptr ? Millis(Summarize(*gen).median.seconds) : "—") << " | "
          << Millis(check.seconds) << " | " << Rate(check.Rate(check.checked)) << " |";
      if (jobs > 1) {
        if (many != nullptr) {
          const ExploreRun m = Summarize(*many).median;
          out << " " << Millis(m.seconds) << " | " << Rate(m.Rate(m.checked)) << " |";
        } else {
          out << " — | — |";
        }
      }
      if (previous && previous->checked > 0 && previous->seconds > 0) {
        out << " " << FormatRatio(static_cast<double>(check.checked) /
                                  static_cast<double>(previous->checked))
            << " | " << FormatRatio(check.seconds / previous->seconds) << " |\n";
      } else {
        out << " — | — |\n";
      }
      previous = check;
    }
  }
}

}  // namespace

std::string RenderExploreMarkdown(const ExploreReport& report) {
  std::ostringstream out;
  RenderSetup(report, out);
  RenderTable(report, out);
  RenderTarget(report, out);
  RenderScaling(report, out);
  if (!report.length_series.empty()) RenderMemoryTable(report.memory, *report.length_series.back(), out);
  RenderProblems(report, out);
  RenderRuns(report, out);
  return out.str();
}

}  // namespace powercut::bench
