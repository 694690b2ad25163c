#include "promises.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "note_log.h"

namespace note_log {

std::string AckLine(uint64_t number) { return "ack " + std::to_string(number); }

uint64_t LastAcknowledged(const std::vector<std::string>& output) {
  constexpr std::string_view kPrefix = "ack ";
  uint64_t last = 0;
  for (const std::string& line : output) {
    if (line.rfind(kPrefix, 0) != 0) continue;
    uint64_t number = 0;
    const char* end = line.data() + line.size();
    const auto parsed = std::from_chars(line.data() + kPrefix.size(), end, number);
    if (parsed.ec == std::errc() && parsed.ptr == end) last = std::max(last, number);
  }
  return last;
}

std::optional<std::string> BrokenPromise(powercut::FileSystem& fs,
                                         const std::vector<std::string>& output) {
  const uint64_t recovered = RecoverNotes(fs);
  const uint64_t acknowledged = LastAcknowledged(output);
  if (recovered >= acknowledged) return std::nullopt;
  return AckLine(acknowledged) + " printed, but " + std::to_string(recovered) +
         " notes recovered";
}

}  // namespace note_log
