// Printable: text made one line of printable characters, for messages that quote what a file or
// a program held (a checker's reason, a scenario file's value).
#ifndef POWERCUT_HARNESS_PRINTABLE_H_
#define POWERCUT_HARNESS_PRINTABLE_H_

#include <string>
#include <string_view>

namespace powercut::harness {

// `text` with control bytes (line breaks included) written as \xNN.
inline std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_PRINTABLE_H_
