#include "reports/text_format.h"

#include <array>
#include <charconv>

namespace powercut::reports {

std::string Thousands(size_t n) {
  // Appending, not inserting: GCC 12 at -O2 reports a false -Wrestrict in string::insert.
  const std::string digits = std::to_string(n);
  std::string text;
  text.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

std::string Fixed(double value, int decimals) {
  std::array<char, 64> text{};
  const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), value,
                                          std::chars_format::fixed, decimals);
  return error == std::errc() ? std::string(text.data(), end) : "?";
}

namespace {
bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }
}  // namespace

size_t DisplayColumns(std::string_view utf8) {
  size_t n = 0;
  for (const char c : utf8) n += StartsCodePoint(c) ? 1 : 0;
  return n;
}

std::string FirstColumns(std::string_view utf8, size_t columns) {
  size_t seen = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (StartsCodePoint(utf8[i]) && seen++ == columns) return std::string(utf8.substr(0, i));
  }
  return std::string(utf8);
}

}  // namespace powercut::reports
