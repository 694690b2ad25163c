// The JSON rendering of a RunReport, schema "powercut-run/1" (docs/reports.md, field by field),
// and its reader: `powercut merge` joins the results of sharded runs from these files.
//
// A field is only ever added within a schema version; renaming, removing or changing the meaning
// of one makes "powercut-run/2". The reader therefore ignores fields it does not know (a newer
// powercut-run/1 writer may add some) and requires every field it does know.
#ifndef POWERCUT_REPORTS_RUN_JSON_H_
#define POWERCUT_REPORTS_RUN_JSON_H_

#include <string>
#include <string_view>

#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"
#include "reports/run_report.h"

namespace powercut::reports {

inline constexpr std::string_view kRunSchema = "powercut-run/1";

// The document, indented, ending in a newline. Bytes that are not valid UTF-8 (file names, what
// a checker printed) become U+FFFD, so a report read back can differ from the RunReport written
// only there.
std::string RunReportJson(const RunReport& report);

// Writes RunReportJson(report) to `path` (replacing it). IoError names the path.
Status WriteRunJson(const RunReport& report, const std::string& path);

// The RunReport a powercut-run/1 document holds. InvalidArgument, naming the place in the
// document ("scenarios[1].models[0].groups[0].violations: expected a non-negative integer, found
// a string"), for text that is not JSON, another schema, a missing field or a wrong type. Never
// throws and never aborts, whatever the text.
Result<RunReport> ParseRunReportJson(std::string_view text);

// ParseRunReportJson of the file at `path`; errors name the path.
Result<RunReport> ReadRunJson(const std::string& path);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_JSON_H_
