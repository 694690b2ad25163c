// Numbers as the renderers print them (terminal, JUnit, HTML): locale-independent.
#ifndef POWERCUT_REPORTS_TEXT_FORMAT_H_
#define POWERCUT_REPORTS_TEXT_FORMAT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace powercut::reports {

// 1234567 -> "1,234,567".
std::string Thousands(size_t n);

// `value` with exactly `decimals` digits after the point: Fixed(0.0625, 2) == "0.06".
std::string Fixed(double value, int decimals);

// Columns a valid UTF-8 string takes on a terminal: one per code point (wide characters are
// rare in the names shown).
size_t DisplayColumns(std::string_view utf8);

// The first `columns` code points of a valid UTF-8 string.
std::string FirstColumns(std::string_view utf8, size_t columns);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_TEXT_FORMAT_H_
