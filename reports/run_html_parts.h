// The pieces of the HTML page (run_html.h), internal to reports/: escaping and number shorthands,
// the ids that link groups to the timeline, the timeline itself, and the inline style and
// script.
#ifndef POWERCUT_REPORTS_RUN_HTML_PARTS_H_
#define POWERCUT_REPORTS_RUN_HTML_PARTS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "reports/run_html.h"
#include "reports/run_report.h"
#include "reports/text_format.h"

namespace powercut::reports::html {

// Element content and attribute values (markup.h).
std::string Text(std::string_view text);
std::string Attr(std::string_view text);

std::string Duration(double seconds);  // "0.06 s", "12.5 s", "3 min 05 s"
std::string Plural(size_t n, std::string_view one, std::string_view many);  // "1 state"

// Ids: scenario s (from 0), its model m, that model's group g, the row of event (or crash
// point) i in its timeline.
std::string ScenarioId(size_t s);
std::string GroupId(size_t s, size_t m, size_t g);
std::string EventId(size_t s, size_t i);

// The timeline of scenario number `s`: legend, one overview strip per model, the events.
std::string Timeline(const ScenarioReport& scenario, size_t s, const HtmlOptions& options);

extern const std::string_view kStyle;
extern const std::string_view kScript;

}  // namespace powercut::reports::html

#endif  // POWERCUT_REPORTS_RUN_HTML_PARTS_H_
