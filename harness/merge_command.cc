// `powercut merge RESULT.json... -o RESULT.json [--junit FILE] [--report-dir DIR]`: the
// shards' reports read (each problem naming its file), joined (shard_merge.h), the summary
// printed and the reports written. Exit: the whole run's exit code, or 2 for bad input.
#include <ostream>

#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/run_reports.h"
#include "harness/shard_merge.h"
#include "reports/run_json.h"
#include "reports/run_text.h"

namespace powercut::harness {

int RunMerge(const MergeSettings& settings, std::ostream& out, std::ostream& err) {
  if (const Status writable = CheckReportPaths(settings.reports, "-o"); !writable.ok()) {
    err << "powercut merge: " << writable.message() << "\n";
    return kExitUsage;
  }
  std::vector<ShardReport> shards;
  for (const std::string& path : settings.inputs) {
    Result<reports::RunReport> report = reports::ReadRunJson(path);
    if (!report.ok()) {
      err << "powercut merge: " << report.status().message() << "\n";
      return kExitUsage;
    }
    shards.push_back({.file = path, .report = std::move(report).value()});
  }
  Result<reports::RunReport> merged = MergeShards(shards);
  if (!merged.ok()) {
    err << "powercut merge: " << merged.status().message() << "\n";
    return kExitUsage;
  }
  out << reports::RenderRunText(*merged, 100);
  out.flush();
  if (!WriteReports(*merged, settings.reports, "merge", err)) return kExitUsage;
  return merged->exit_code;
}

}  // namespace powercut::harness
