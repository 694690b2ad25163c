#include "journal/tool/inspect_format.h"

#include <cstdio>
#include <ctime>

namespace powercut::journal::tool {

std::string Hex64(uint64_t value) {
  char buf[19];
  std::snprintf(buf, sizeof(buf), "0x%016llx", static_cast<unsigned long long>(value));
  return buf;
}

std::string Hex32(uint32_t value) {
  char buf[11];
  std::snprintf(buf, sizeof(buf), "0x%08x", static_cast<unsigned>(value));
  return buf;
}

std::string FormatTimestamp(uint64_t ns) {
  const auto seconds = static_cast<std::time_t>(ns / 1000000000u);
  std::tm tm{};
  if (gmtime_r(&seconds, &tm) == nullptr) return std::to_string(ns) + "ns";
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
  char fraction[16];
  std::snprintf(fraction, sizeof(fraction), ".%09llu",
                static_cast<unsigned long long>(ns % 1000000000u));
  return std::string(date) + fraction + "Z";
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string DescribeRecovery(const JournalState& state) {
  const uint64_t checkpoint = state.manifest.checkpoint_txn;
  std::string text = state.last_txn > checkpoint
                         ? "txns " + std::to_string(checkpoint + 1) + ".." +
                               std::to_string(state.last_txn) + " recoverable"
                         : std::string("no txn after the checkpoint");
  text += ", checkpoint txn " + std::to_string(checkpoint);
  text += ", " + std::to_string(state.segments.size()) + " segment(s)";
  if (!state.segments.empty()) {
    const SegmentState& last = state.segments.back();
    if (last.end_offset < last.file_size) {
      text += "; open would cut a " + std::to_string(last.file_size - last.end_offset) +
              "-byte torn tail of " + BaseName(last.path) + " (" + last.tail + ")";
    }
  }
  if (!state.leftovers.empty()) {
    text += "; open would remove " + std::to_string(state.leftovers.size()) + " leftover file(s)";
  }
  return text;
}

}  // namespace powercut::journal::tool
