#include "harness/run_reports.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "faultfs/fs/file_system.h"
#include "reports/run_html.h"
#include "reports/run_json.h"
#include "reports/run_junit.h"

namespace powercut::harness {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// `path` does not exist yet: its directory must exist and be writable.
Status CheckCanCreate(const std::string& option, const std::string& path, const std::string& fix) {
  const std::string parent = ParentDir(path);
  if (!IsDirectory(parent)) {
    return Status::InvalidArgument(option + " " + path + ": the directory " + parent +
                                   " does not exist" + fix);
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0) {
    return Status::InvalidArgument(option + " " + path + ": the directory " + parent +
                                   " is not writable" + fix);
  }
  return Status::Ok();
}

Status CheckWritableDir(const std::string& option, const std::string& dir) {
  const std::string fix = "; choose a " + option + " in a writable directory";
  if (IsDirectory(dir)) {
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
      return Status::InvalidArgument(option + " " + dir + ": the directory is not writable" + fix);
    }
    return Status::Ok();
  }
  if (::access(dir.c_str(), F_OK) == 0) {
    return Status::InvalidArgument(option + " " + dir + " exists and is not a directory" + fix);
  }
  return CheckCanCreate(option, dir, fix);
}

}  // namespace

Status CheckWritableFile(const std::string& option, const std::string& path) {
  const std::string fix = "; choose a " + option + " path in a writable directory";
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return Status::InvalidArgument(option + " " + path + " is a directory" + fix);
    }
    if (::access(path.c_str(), W_OK) != 0) {
      return Status::InvalidArgument(Status::IoError(option + " " + path, errno).message() + fix);
    }
    return Status::Ok();
  }
  return CheckCanCreate(option, path, fix);
}

Status CheckReportPaths(const ReportPaths& paths, const std::string& json_option) {
  if (!paths.json.empty()) POWERCUT_RETURN_IF_ERROR(CheckWritableFile(json_option, paths.json));
  if (!paths.junit.empty()) POWERCUT_RETURN_IF_ERROR(CheckWritableFile("--junit", paths.junit));
  if (!paths.report_dir.empty()) {
    POWERCUT_RETURN_IF_ERROR(CheckWritableDir("--report-dir", paths.report_dir));
  }
  return Status::Ok();
}

bool WriteReports(const reports::RunReport& report, const ReportPaths& paths,
                  const std::string& command, std::ostream& err) {
  bool all = true;
  const auto written = [&](const Status& status) {
    if (status.ok()) return;
    err << "powercut " << command << ": " << status.message() << "\n";
    all = false;
  };
  if (!paths.json.empty()) written(reports::WriteRunJson(report, paths.json));
  if (!paths.junit.empty()) written(reports::WriteRunJunit(report, paths.junit));
  if (!paths.report_dir.empty()) written(reports::WriteRunHtml(report, paths.report_dir));
  return all;
}

}  // namespace powercut::harness
