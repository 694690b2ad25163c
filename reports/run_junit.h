// The JUnit XML rendering of a RunReport (`powercut run --junit FILE`), for CI systems' test
// views (GitLab, Jenkins and others read this de-facto format; docs/reports.md):
//
//   <testsuites>  one <testsuite name="powercut run"> with the run's options as <properties>
//     <testcase>  one per scenario: name = the scenario's name, classname = its file's path
//                 with dots ("scenarios/journal/immediate.toml" -> "scenarios.journal.immediate"),
//                 file = the file as given, time = seconds
//       <failure> the scenario failed: message = the first unmet model's verdict, type = the
//                 classification of its first violation group, text = every unmet model's
//                 verdict and each group's minimal reproducer (group_text.h)
//       <skipped> the scenario was skipped: message = why
//       <error>   the scenario could not run (or was cut short): message = why, text as failure
//       <system-out> the recording and every model's verdict, met or not
//
// Models are not testcases of their own: one testcase per scenario keeps the counts CI shows
// equal to the scenarios (and to CTest's, which runs a scenario as one test), and nested
// testcases are not part of the format those systems read. Everything comes out escaped
// (markup.h): file names and checker output may hold any byte. A fixed layout, so golden files
// can compare it.
#ifndef POWERCUT_REPORTS_RUN_JUNIT_H_
#define POWERCUT_REPORTS_RUN_JUNIT_H_

#include <string>

#include "faultfs/fs/status.h"
#include "reports/run_report.h"

namespace powercut::reports {

// The document, UTF-8, ending in a newline.
std::string RunReportJunit(const RunReport& report);

// Writes RunReportJunit(report) to `path` (replacing it). IoError names the path.
Status WriteRunJunit(const RunReport& report, const std::string& path);

// "scenarios/journal/immediate.toml" -> "scenarios.journal.immediate" (the testcase classname).
std::string JunitClassName(const std::string& scenario_file);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_JUNIT_H_
