// The JSON rendering of an ExploreReport: schema "powercut-explore/1", specified field by field
// in docs/cli.md ("JSON report"). A field is only ever added within a schema version; renaming,
// removing or changing the meaning of one makes "powercut-explore/2".
#ifndef POWERCUT_REPORTS_EXPLORE_JSON_H_
#define POWERCUT_REPORTS_EXPLORE_JSON_H_

#include <string>
#include <string_view>

#include "faultfs/fs/status.h"
#include "reports/explore_report.h"

namespace powercut::reports {

inline constexpr std::string_view kExploreSchema = "powercut-explore/1";

// The document, indented, ending in a newline. Bytes that are not valid UTF-8 (a checker may
// print anything) become U+FFFD.
std::string ExploreReportJson(const ExploreReport& report);

// Writes ExploreReportJson(report) to `path` (replacing it). IoError names the path.
Status WriteExploreJson(const ExploreReport& report, const std::string& path);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_EXPLORE_JSON_H_
