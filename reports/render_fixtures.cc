// reports_render_fixtures OUTDIR: writes every rendering of the fixture RunReports into OUTDIR,
// for the tests that check them with outside tools (xmllint against the JUnit schema, headless
// Chromium on the HTML page) and for a person to look at.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "reports/run_html.h"
#include "reports/run_json.h"
#include "reports/run_junit.h"
#include "reports/run_report_fixtures.h"

namespace {

using powercut::Status;
using powercut::reports::RunReport;
namespace fixtures = powercut::reports::fixtures;

bool Check(const Status& status) {
  if (status.ok()) return true;
  (void)std::fprintf(stderr, "reports_render_fixtures: %s\n", status.ToString().c_str());
  return false;
}

bool Render(const std::string& dir, const std::string& name, const RunReport& report) {
  return Check(WriteRunJson(report, dir + "/" + name + ".json")) &&
         Check(WriteRunJunit(report, dir + "/" + name + ".junit.xml")) &&
         Check(WriteRunHtml(report, dir + "/" + name));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    (void)std::fprintf(stderr, "usage: reports_render_fixtures OUTDIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::perror(dir.c_str());
    return 2;
  }
  const RunReport long_run{.powercut_version = "0.1.0",
                           .started = "2024-06-01T13:00:00Z",
                           .jobs = 2,
                           .scenarios = {fixtures::LongTraceScenario(5000)},
                           .exit_code = 1};
  const RunReport failed_run{.powercut_version = "0.1.0",
                             .started = "2024-06-01T12:00:00Z",
                             .jobs = 2,
                             .scenarios = {fixtures::FailedScenario()},
                             .exit_code = 1};
  const bool ok = Render(dir, "mixed", fixtures::MixedRun()) && Render(dir, "failed", failed_run) &&
                  Render(dir, "interrupted", fixtures::InterruptedRun()) &&
                  Render(dir, "long", long_run) && Render(dir, "empty", RunReport{});
  return ok ? 0 : 1;
}
