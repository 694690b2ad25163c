// The report files of `powercut run` and `powercut merge` (docs/reports.md): checked before any
// work starts, so that a typo costs nothing, and written at the end, each on its own, so that one
// that cannot be written (a bad path, a full disk) loses neither the others nor the summary.
#ifndef POWERCUT_HARNESS_RUN_REPORTS_H_
#define POWERCUT_HARNESS_RUN_REPORTS_H_

#include <ostream>
#include <string>

#include "faultfs/fs/status.h"
#include "harness/options.h"
#include "reports/run_report.h"

namespace powercut::harness {

// Whether a file can be created or replaced at `path`: InvalidArgument "OPTION PATH: PROBLEM;
// choose a OPTION path in a writable directory" otherwise.
Status CheckWritableFile(const std::string& option, const std::string& path);

// Each path given can be written: for --report-dir, DIR is a writable directory or can be made
// in an existing writable one. The first problem, naming the option.
Status CheckReportPaths(const ReportPaths& paths, const std::string& json_option = "--json");

// Writes every report asked for (JSON, JUnit, HTML), also after the others failed. Each failure
// is one line on `err`, "powercut COMMAND: PATH: cannot write the ...". True when all were written.
bool WriteReports(const reports::RunReport& report, const ReportPaths& paths,
                  const std::string& command, std::ostream& err);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_RUN_REPORTS_H_
