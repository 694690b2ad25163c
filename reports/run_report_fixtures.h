// RunReports made by hand, for testing every renderer without running anything: a scenario that
// passed, one that failed with two violation groups (and names holding arbitrary bytes), one
// skipped, one that could not run, a run interrupted by Ctrl-C, and a long trace. Deterministic
// (no clock, no randomness), so renderings can be compared with golden files.
#ifndef POWERCUT_REPORTS_RUN_REPORT_FIXTURES_H_
#define POWERCUT_REPORTS_RUN_REPORT_FIXTURES_H_

#include <cstddef>

#include "reports/run_report.h"

namespace powercut::reports::fixtures {

// journal-immediate: two models, both consistent as expected.
ScenarioReport PassedScenario();
// sqlite-style-commit: posix finds two groups (acknowledged before durable, torn write) where
// consistency was expected; ext4-ordered is consistent. File names hold `<&>"'`, a control byte
// and a byte that is not UTF-8.
ScenarioReport FailedScenario();
// leveldb-example: its program is not installed.
ScenarioReport SkippedScenario();
// broken: the scenario file is invalid.
ScenarioReport ErrorScenario();
// A scenario whose trace has `events` events, violations at a few crash points far apart: for
// the HTML page's collapsing and for size.
ScenarioReport LongTraceScenario(size_t events);

// The four scenarios above in one run: exit 1.
RunReport MixedRun();
// Ctrl-C during the second scenario: the first passed, the second was cut short; exit 130.
RunReport InterruptedRun();

}  // namespace powercut::reports::fixtures

#endif  // POWERCUT_REPORTS_RUN_REPORT_FIXTURES_H_
