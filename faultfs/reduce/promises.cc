#include "faultfs/reduce/promises.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace powercut::reduce {
namespace {

// The runs of digits in `text`, in order.
std::vector<std::string> Numbers(std::string_view text) {
  std::vector<std::string> numbers;
  for (size_t i = 0; i < text.size();) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) ++i;
    numbers.emplace_back(text.substr(begin, i - begin));
  }
  return numbers;
}

}  // namespace

std::vector<size_t> TiedPromises(const trace::Trace& trace, size_t crash_point,
                                 std::string_view reason) {
  constexpr size_t kMost = 3;
  std::vector<size_t> verbatim;
  std::vector<size_t> by_number;
  const std::vector<std::string> reason_numbers = Numbers(reason);
  const std::set<std::string> in_reason(reason_numbers.begin(), reason_numbers.end());
  for (size_t e = std::min(crash_point, trace.events.size()); e-- > 0;) {
    const trace::Event& event = trace.events[e];
    if (event.type != trace::EventType::kOutput || event.data.empty()) continue;
    if (reason.find(event.data) != std::string_view::npos) {
      if (verbatim.size() < kMost) verbatim.push_back(e);
      continue;
    }
    const std::vector<std::string> numbers = Numbers(event.data);
    const bool all_named = !numbers.empty() &&
        std::all_of(numbers.begin(), numbers.end(),
                    [&](const std::string& n) { return in_reason.count(n) > 0; });
    if (all_named && by_number.size() < kMost) by_number.push_back(e);
  }
  std::vector<size_t>& tied = verbatim.empty() ? by_number : verbatim;
  std::sort(tied.begin(), tied.end());
  return tied;
}

}  // namespace powercut::reduce
