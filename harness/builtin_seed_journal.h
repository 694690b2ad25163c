// The builtin "seed-journal" workload and checker of scenario files: the seed's legacy journal
// design, or the reference journal, under one workload and one checker
// (legacy/seed_journal/tool), run in process on SimFileSystem. scenarios/seed-journal uses it to
// show each legacy defect found and the reference journal passing the same scenario.
#ifndef POWERCUT_HARNESS_BUILTIN_SEED_JOURNAL_H_
#define POWERCUT_HARNESS_BUILTIN_SEED_JOURNAL_H_

#include <string>
#include <vector>

#include "faultfs/explore/explorer.h"
#include "harness/toml_reader.h"
#include "legacy/seed_journal/tool/seed_workload_options.h"

namespace powercut::harness {

// Reads [workload.options] of builtin = "seed-journal" into `options`, reporting errors.
void ReadSeedJournalOptions(TableReader& table, legacy::tool::SeedWorkloadOptions& options);

explore::Workload SeedJournalWorkloadFunction(const legacy::tool::SeedWorkloadOptions& options);
// Thread-safe: the transactions' contents are generated once and shared.
explore::Checker SeedJournalCheckerFunction(const legacy::tool::SeedWorkloadOptions& options);
// The `powercut-seed-journal check` command line judging a state as the builtin does.
std::vector<std::string> SeedJournalCheckerCommand(const legacy::tool::SeedWorkloadOptions& options);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_BUILTIN_SEED_JOURNAL_H_
