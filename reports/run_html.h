// The HTML rendering of a RunReport (`powercut run --report-dir DIR` writes DIR/index.html): one
// self-contained page, its CSS and JavaScript inline, no network and no other file, that works
// from a CI artefact opened in any browser (and without JavaScript, less the copy buttons).
//
// For the run: its result, options and a table of the scenarios. For each scenario: its models
// with expectation and verdict; each violation group with its classification, summary, fix
// hint, the checker's reason, the explanation, the minimal state and how it differs from the
// expected state, and the replay command with a copy button; and the trace as a timeline: sync
// barriers and output lines (the workload's promises) marked, the crash point before each event
// coloured per model (consistent, violating, not explored), with an overview strip per model.
//
// Long traces stay usable: past `HtmlOptions::expand_all_below` events, only the neighbourhood
// of violating crash points is shown open; the events between are folded into <details>
// elements that say how many events, syncs and output lines they hold.
//
// Everything from the report is escaped (markup.h): file names and data may hold any byte. Ids
// in the page are made from positions, never from names. The page is a function of the report:
// the same report gives the same bytes.
#ifndef POWERCUT_REPORTS_RUN_HTML_H_
#define POWERCUT_REPORTS_RUN_HTML_H_

#include <cstddef>
#include <string>

#include "faultfs/fs/status.h"
#include "reports/run_report.h"

namespace powercut::reports {

struct HtmlOptions {
  size_t expand_all_below = 200;  // a trace with at most this many events is shown whole
  size_t context_events = 3;      // events shown open before and after a violating crash point
  size_t min_fold = 4;            // fewer hidden events than this are shown rather than folded
};

// The page, UTF-8.
std::string RunReportHtml(const RunReport& report, const HtmlOptions& options = {});

// Writes RunReportHtml(report) to DIR/index.html, creating DIR (not its parents) when missing.
// IoError names the path.
Status WriteRunHtml(const RunReport& report, const std::string& dir,
                    const HtmlOptions& options = {});

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_RUN_HTML_H_
