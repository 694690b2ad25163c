// Searching rendered text in the renderers' tests.
#ifndef POWERCUT_REPORTS_TEST_TEXT_H_
#define POWERCUT_REPORTS_TEST_TEXT_H_

#include <cstddef>
#include <string>

namespace powercut::reports::testing {

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// How many times `part` starts in `text` (overlaps count).
inline size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace powercut::reports::testing

#endif  // POWERCUT_REPORTS_TEST_TEXT_H_
