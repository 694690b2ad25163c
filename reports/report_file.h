// Whole report files: written in one go by every renderer (JSON, JUnit, HTML) and read back by
// `powercut merge`. Plain POSIX calls; nothing is synced (a report is rewritten by the next run).
#ifndef POWERCUT_REPORTS_REPORT_FILE_H_
#define POWERCUT_REPORTS_REPORT_FILE_H_

#include <string>
#include <string_view>

#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"

namespace powercut::reports {

// Writes `text` to `path`, replacing it whole: written to `path`.tmp, then renamed over `path`,
// so `path` holds the old report or the new one, never part of one. IoError "PATH: cannot write
// the WHAT: OPERATION PATH.tmp".
Status WriteReportFile(const std::string& path, std::string_view text, std::string_view what);

// The bytes of the file at `path`. NotFound or IoError "PATH: cannot read the WHAT".
Result<std::string> ReadReportFile(const std::string& path, std::string_view what);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_REPORT_FILE_H_
