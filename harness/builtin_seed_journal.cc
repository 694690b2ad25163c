#include "harness/builtin_seed_journal.h"

#include <memory>

#include "harness/builtin_workloads.h"
#include "journal/tool/expected_txns.h"
#include "legacy/seed_journal/tool/seed_checker.h"
#include "legacy/seed_journal/tool/seed_workload.h"

namespace powercut::harness {
namespace {

constexpr int64_t kMany = int64_t{1} << 40;

template <typename T>
void ReadInteger(TableReader& table, std::string_view key, int64_t low, int64_t high, T& out) {
  if (const auto v = table.Integer(key, low, high)) out = static_cast<T>(*v);
}

}  // namespace

void ReadSeedJournalOptions(TableReader& table, legacy::tool::SeedWorkloadOptions& o) {
  if (const auto design = table.String("design")) {
    if (const auto parsed = legacy::tool::ParseDesign(*design)) {
      o.design = *parsed;
    } else {
      table.Error("design", "unknown design \"" + *design + "\"", "\"legacy\" or \"reference\"");
    }
  } else if (!table.Has("design")) {
    table.Error("design", "missing", "add design = \"legacy\" (the seed's) or \"reference\"");
  }
  if (const auto mode = table.String("mode")) {
    if (const auto durability = journal::ParseDurability(*mode)) {
      o.mode = *durability;
    } else {
      table.Error("mode", "unknown mode \"" + *mode + "\"", "immediate, group or relaxed");
    }
  } else if (!table.Has("mode")) {
    table.Error("mode", "missing", "add mode = \"immediate\", \"group\" or \"relaxed\"");
  }
  if (const auto path = table.String("path")) o.path = *path;
  ReadInteger(table, "txns", 1, kMany, o.txns);
  ReadInteger(table, "threads", 1, journal::tool::kMaxWorkloadThreads, o.threads);
  ReadInteger(table, "ops_per_txn", 1, 4096, o.ops_per_txn);
  ReadInteger(table, "checkpoint_every", 0, kMany, o.checkpoint_every);
  ReadInteger(table, "reopen_every", 0, kMany, o.reopen_every);
  ReadInteger(table, "seed", 0, INT64_MAX, o.seed);
  ReadInteger(table, "max_delay_ms", 1, 60'000, o.max_delay_ms);
  ReadInteger(table, "max_pending_ops", 1, kMany, o.max_pending_ops);
  if (const auto race = table.Bool("flush_race")) o.flush_race = *race;
  ReadInteger(table, "fail_sync", 0, kMany, o.fail_sync);
  ReadInteger(table, "process_crash_after", 0, kMany, o.process_crash_after);
  ReadInteger(table, "hang_timeout_ms", 1, 600'000, o.hang_timeout_ms);
  if (const Status valid = legacy::tool::ValidateSeedWorkloadOptions(o); !valid.ok()) {
    table.Error("", valid.message(), "see legacy/seed_journal/README.md");
  }
  table.RejectUnknown();
}

explore::Workload SeedJournalWorkloadFunction(const legacy::tool::SeedWorkloadOptions& options) {
  return [options](FileSystem& fs, OutputSink& out) {
    OutputLineSink sink(out);
    return legacy::tool::RunSeedWorkload(fs, options, sink);
  };
}

explore::Checker SeedJournalCheckerFunction(const legacy::tool::SeedWorkloadOptions& options) {
  auto expected = std::make_shared<const journal::tool::ExpectedTxns>(
      journal::tool::ExpectedTxns::ForWorkload(legacy::tool::ContentOptions(options)));
  return [options, expected](FileSystem& fs, const std::vector<std::string>& output) {
    const Result<journal::tool::CheckVerdict> verdict =
        legacy::tool::RunSeedCheck(fs, options, output, *expected);
    if (!verdict.ok()) {
      return explore::Verdict::Violation("the checker could not run: " +
                                         verdict.status().ToString());
    }
    return verdict->consistent ? explore::Verdict::Consistent()
                               : explore::Verdict::Violation(verdict->reason);
  };
}

std::vector<std::string> SeedJournalCheckerCommand(const legacy::tool::SeedWorkloadOptions& o) {
  std::vector<std::string> argv = {
      "powercut-seed-journal", "check", "--acked", "{output}",
      "--design", std::string(legacy::tool::DesignName(o.design)),
      "--path", o.path,
      "--mode", std::string(journal::DurabilityName(o.mode)),
      "--txns", std::to_string(o.txns),
      "--threads", std::to_string(o.threads),
      "--ops-per-txn", std::to_string(o.ops_per_txn),
      "--seed", std::to_string(o.seed)};
  return argv;
}

}  // namespace powercut::harness
