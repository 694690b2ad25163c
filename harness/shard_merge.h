// MergeShards: the powercut-run/1 reports of the shards of one `powercut run --shard K/N` joined
// into the report of the whole run, as an unsharded run would have written it (shard.h says why
// the parts add up): the same verdicts, counts, violation groups and crash-point summaries.
//
// Checked first, each problem naming the file: every shard of one N given exactly once; the same
// powercut version, overrides, scenarios (names, files, order), models and exploration options,
// and the same state space (crash points, states generated and unique) in every shard.
//
// What is not exactly the whole run's: times (the longest shard's), the first 100 raw violations
// (ordered by crash point, not generation order), the timeline's and recording's text (the
// first shard's; a workload that writes the time writes other bytes on each machine), and past
// 1000 violations in a model (each shard reduces its own first 1000).
#ifndef POWERCUT_HARNESS_SHARD_MERGE_H_
#define POWERCUT_HARNESS_SHARD_MERGE_H_

#include <string>
#include <vector>

#include "faultfs/fs/result.h"
#include "reports/run_report.h"

namespace powercut::harness {

struct ShardReport {
  std::string file;  // for messages
  reports::RunReport report;
};

// InvalidArgument naming the file(s) and the fix when the shards do not make one whole run.
Result<reports::RunReport> MergeShards(const std::vector<ShardReport>& shards);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SHARD_MERGE_H_
