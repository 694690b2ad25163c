// The tables of a scenario file, each read by its own function (scenario_loader.cc and
// scenario_sections.cc); LoadScenario calls them in order. Internal to the loader.
#ifndef POWERCUT_HARNESS_SCENARIO_SECTIONS_H_
#define POWERCUT_HARNESS_SCENARIO_SECTIONS_H_

#include "harness/scenario.h"
#include "harness/toml_reader.h"

namespace powercut::harness {

// [explore]: models, bounds, strategy, jobs, crash_recovery.
void ReadExplore(TableReader& table, Scenario& scenario);
// [faults]: one libfiu point per key.
void ReadFaults(TableReader& table, Scenario& scenario);
// [expect] and its [expect.<model>] sub-tables. Needs scenario.explore.models read first.
void ReadExpect(TableReader& table, Scenario& scenario);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_SCENARIO_SECTIONS_H_
