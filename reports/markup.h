// Character data for XML and HTML documents (the JUnit file, the HTML page): arbitrary bytes, as
// file names, written data and what a checker printed may hold, made into well-formed UTF-8 text
// with the markup characters escaped.
//
// Bytes that are not valid UTF-8, control bytes other than tab and newline, and the characters
// XML 1.0 forbids (U+FFFE, U+FFFF) become the four visible characters `\xNN`, the convention of
// `powercut show` (faultfs/trace/trace_printer.h): a name holding byte 0x01 reads `\x01`. A
// literal backslash is left alone, so `\x01` in a report may also be those four characters.
#ifndef POWERCUT_REPORTS_MARKUP_H_
#define POWERCUT_REPORTS_MARKUP_H_

#include <string>
#include <string_view>

namespace powercut::reports {

enum class MarkupContext : bool {
  kText,       // element content: & < > escaped, newline and tab kept
  kAttribute,  // a double- or single-quoted attribute value: also " ' and newline/tab as &#N;
};

// `text` as character data, valid in both XML 1.0 and HTML5.
std::string EscapeMarkup(std::string_view text, MarkupContext context = MarkupContext::kText);

// `text` with every byte sequence that is not valid UTF-8, and every control byte other than
// tab and newline, as `\xNN`; what EscapeMarkup starts from.
std::string PrintableUtf8(std::string_view text);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_MARKUP_H_
