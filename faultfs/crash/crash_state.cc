#include "faultfs/crash/crash_state.h"

#include <charconv>

namespace powercut::crash {
namespace {

// Reads a decimal number at the front of `text`; false if there is none.
bool TakeNumber(std::string_view& text, size_t& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return false;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return true;
}

bool TakeChar(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

// "0-1,3" up to the next '+' or the end.
bool TakeRuns(std::string_view& text, PieceRuns& runs) {
  do {
    size_t begin = 0;
    size_t last = 0;
    if (!TakeNumber(text, begin)) return false;
    last = begin;
    if (TakeChar(text, '-') && !TakeNumber(text, last)) return false;
    if (last < begin || (!runs.empty() && begin <= runs.back().second)) return false;
    runs.emplace_back(static_cast<uint32_t>(begin), static_cast<uint32_t>(last + 1));
  } while (TakeChar(text, ','));
  return true;
}

}  // namespace

std::string FormatRuns(const PieceRuns& runs) {
  std::string out;
  for (const auto& [begin, end] : runs) {
    if (!out.empty()) out += ",";
    out += std::to_string(begin);
    if (end - begin > 1) out += "-" + std::to_string(end - 1);
  }
  return out;
}

std::string FormatStateId(size_t crash_point, const std::vector<Persisted>& persisted) {
  std::string id = "c" + std::to_string(crash_point);
  for (const Persisted& p : persisted) {
    id += "+e" + std::to_string(p.event);
    if (!p.whole) id += ":" + FormatRuns(p.runs);
  }
  return id;
}

Result<ParsedStateId> ParseStateId(std::string_view id) {
  const std::string original(id);
  auto invalid = [&](const std::string& what) {
    return Status::InvalidArgument("crash state ID \"" + original + "\": " + what +
                                   " (expected e.g. c42+e37+e40:0-1,3)");
  };
  ParsedStateId parsed;
  if (!TakeChar(id, 'c') || !TakeNumber(id, parsed.crash_point)) {
    return invalid("must start with c<crash point>");
  }
  while (TakeChar(id, '+')) {
    Persisted p;
    if (!TakeChar(id, 'e') || !TakeNumber(id, p.event)) return invalid("expected +e<event>");
    if (!parsed.persisted.empty() && p.event <= parsed.persisted.back().event) {
      return invalid("events must be in increasing order");
    }
    if (TakeChar(id, ':')) {
      p.whole = false;
      if (!TakeRuns(id, p.runs)) return invalid("bad piece list after e" + std::to_string(p.event));
    }
    parsed.persisted.push_back(std::move(p));
  }
  if (!id.empty()) return invalid("unexpected \"" + std::string(id) + "\"");
  return parsed;
}

}  // namespace powercut::crash
