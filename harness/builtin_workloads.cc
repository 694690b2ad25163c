#include "harness/builtin_workloads.h"

#include "harness/builtin_journal.h"
#include "harness/builtin_seed_journal.h"

namespace powercut::harness {

explore::Workload BuiltinWorkloadFunction(const ScenarioWorkload& workload) {
  if (workload.builtin == kBuiltinSeedJournal) {
    return SeedJournalWorkloadFunction(workload.seed_journal);
  }
  return JournalWorkloadFunction(workload.journal);
}

explore::Checker BuiltinCheckerFunction(const ScenarioWorkload& workload) {
  if (workload.builtin == kBuiltinSeedJournal) {
    return SeedJournalCheckerFunction(workload.seed_journal);
  }
  return JournalCheckerFunction(workload.journal);
}

std::vector<std::string> BuiltinCheckerCommand(const ScenarioWorkload& workload) {
  if (workload.builtin == kBuiltinSeedJournal) {
    return SeedJournalCheckerCommand(workload.seed_journal);
  }
  return JournalCheckerCommand(workload.journal);
}

}  // namespace powercut::harness
