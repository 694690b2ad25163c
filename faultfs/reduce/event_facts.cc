#include "faultfs/reduce/event_facts.h"

#include <algorithm>
#include <map>

namespace powercut::reduce {
namespace {

using trace::EventType;

bool Covers(const trace::Event& barrier, const SyncTarget& target) {
  if (barrier.type == EventType::kSync) return true;
  return (barrier.type == EventType::kFsync || barrier.type == EventType::kFdatasync) &&
         barrier.inode == target.inode;
}

// "byte 7", "bytes 0-511", "bytes 0-511 and 1024-1535".
std::string Ranges(const std::vector<std::pair<uint64_t, uint64_t>>& ranges) {
  const bool one_byte = ranges.size() == 1 && ranges[0].second - ranges[0].first == 1;
  std::string out = one_byte ? "byte " : "bytes ";
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i > 0) out += i + 1 == ranges.size() ? " and " : ", ";
    out += std::to_string(ranges[i].first);
    if (ranges[i].second - ranges[i].first > 1) out += "-" + std::to_string(ranges[i].second - 1);
  }
  return out;
}

void AddRange(std::vector<std::pair<uint64_t, uint64_t>>& ranges, uint64_t begin, uint64_t end) {
  if (!ranges.empty() && ranges.back().second == begin) {
    ranges.back().second = end;
  } else {
    ranges.emplace_back(begin, end);
  }
}

// "a", "a and b", "a, b and c".
std::string JoinAnd(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

EventFacts::EventFacts(const crash::CrashStateGenerator& generator)
    : generator_(generator), trace_(generator.timeline().trace()), names_(generator.timeline()) {}

std::string EventFacts::Quoted(size_t index) {
  const std::string number = " (#" + std::to_string(index) + ")";
  if (event(index).type == EventType::kOutput) {
    std::string text = names_.Text(index);  // output "..." with the line escaped
    text = text.substr(std::string("output \"").size());
    if (!text.empty() && text.back() == '"') text.pop_back();
    return "`" + text + "`" + number;
  }
  return "`" + names_.Text(index) + "`" + number;
}

std::string EventFacts::WithBytes(size_t index) {
  const trace::Event& e = event(index);
  if (e.type != EventType::kWrite || e.data.empty()) return Quoted(index);
  const std::string quoted = Quoted(index);
  return quoted.substr(0, quoted.size() - 1) + ", " +
         Ranges({{e.offset, e.offset + e.data.size()}}) + ")";
}

std::string EventFacts::Printing(size_t index) {
  return (event(index).type == EventType::kOutput ? "printing " : "") + Quoted(index);
}

std::string EventFacts::Torn(const crash::Persisted& persisted) {
  const std::vector<crash::Piece>& pieces = generator_.timeline().at(persisted.event).pieces;
  std::vector<bool> kept(pieces.size(), false);
  for (const auto& [begin, end] : persisted.runs) {
    for (uint32_t p = begin; p < end && p < pieces.size(); ++p) kept[p] = true;
  }
  std::vector<std::pair<uint64_t, uint64_t>> ranges[2];  // lost, kept
  std::string size_change[2];
  for (size_t p = 0; p < pieces.size(); ++p) {
    const crash::Piece& piece = pieces[p];
    if (piece.kind == crash::PieceKind::kSize) {
      size_change[kept[p] ? 1 : 0] = "its size change to " + std::to_string(piece.size);
    } else {
      AddRange(ranges[kept[p] ? 1 : 0], piece.offset, piece.offset + piece.length);
    }
  }
  auto part = [&](int which) {
    std::vector<std::string> parts;
    if (!size_change[which].empty()) parts.push_back(size_change[which]);
    if (!ranges[which].empty()) parts.push_back(Ranges(ranges[which]));
    return JoinAnd(parts);
  };
  std::string out = Quoted(persisted.event) + " tore: " + part(1) + " persisted, " + part(0) +
                    " did not";
  if (!size_change[1].empty() && !ranges[0].empty()) out += " (they read as zeros)";
  return out;
}

std::string EventFacts::List(const std::vector<size_t>& events, size_t most) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < events.size() && i < most; ++i) parts.push_back(WithBytes(events[i]));
  if (events.size() > most) parts.push_back(std::to_string(events.size() - most) + " more");
  return JoinAnd(parts);
}

std::string EventFacts::PendingSince(const std::vector<size_t>& events) {
  std::map<size_t, std::vector<std::string>> by_barrier;  // barrier (SIZE_MAX: none) -> events
  for (const size_t e : events) {
    const SyncTarget target = names_.TargetOf(e);
    size_t barrier = SIZE_MAX;
    for (size_t b = e; b-- > 0;) {
      if (Covers(event(b), target)) {
        barrier = b;
        break;
      }
    }
    by_barrier[barrier].push_back("#" + std::to_string(e) + " (" + target.Phrase() + ")");
  }
  std::vector<std::string> clauses;
  clauses.reserve(by_barrier.size());
  for (const auto& [barrier, list] : by_barrier) {
    clauses.push_back(barrier == SIZE_MAX
                          ? "no earlier fsync covers " + JoinAnd(list)
                          : JoinAnd(list) + " " + WasOrWere(list.size()) +
                                " pending after " + Quoted(barrier));
  }
  return "pending since: " + JoinAnd(clauses);
}

std::string EventFacts::DurableOnlyAt(size_t index, size_t crash_point) {
  const size_t forced = generator_.timeline().ForcedBy(index, generator_.options().model);
  const std::string what = "#" + std::to_string(index);
  if (forced == crash::kNever) return "durable: nothing in the trace makes " + what + " durable";
  return "durable: only " + Quoted(forced) + (forced >= crash_point ? ", after the crash point," : "") +
         " makes " + what + " durable";
}

std::string EventFacts::SyncBefore(const std::vector<size_t>& events, size_t before,
                                   size_t crash_point) {
  std::vector<SyncTarget> targets;
  std::vector<size_t> first;  // per target, its first event in `events`
  for (const size_t e : events) {
    const SyncTarget target = names_.TargetOf(e);
    if (std::find(targets.begin(), targets.end(), target) != targets.end()) continue;
    targets.push_back(target);
    first.push_back(e);
  }
  const size_t end = std::min({before, crash_point, trace_.events.size()});
  std::vector<std::string> clauses;
  for (size_t t = 0; t < targets.size(); ++t) {
    size_t last = first[t];  // the last operation on the target before `before`
    for (size_t e = end; e-- > first[t];) {
      if (!generator_.timeline().at(e).pieces.empty() && names_.TargetOf(e) == targets[t]) {
        last = e;
        break;
      }
    }
    clauses.push_back("fsync " + targets[t].Phrase() + " after " + Quoted(last));
  }
  const std::string then = before < trace_.events.size() ? Printing(before) : "the crash point";
  if (clauses.size() == 1) return clauses.front() + " and before " + then;
  return JoinAnd(clauses) + (clauses.size() == 2 ? ", both" : ", all") + " before " + then;
}

}  // namespace powercut::reduce
