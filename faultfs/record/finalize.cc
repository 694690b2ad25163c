#include "faultfs/record/finalize.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "faultfs/trace/trace_format.h"

namespace powercut::record {
namespace {

using trace::Event;
using trace::EventType;
using trace::InodeId;

bool MakesInode(EventType type) { return type == EventType::kCreate || type == EventType::kMkdir; }

class IdMapper {
 public:
  explicit IdMapper(InodeId dir_raw) { live_[dir_raw] = trace::kRootInode; }

  // The event in trace ids, or nullopt when it names a raw id no create made.
  std::optional<Event> Map(Event event) {
    if (!MapField(event.dir) || !MapField(event.dir2)) return std::nullopt;
    if (MakesInode(event.type)) {
      live_[event.inode] = next_++;  // a new file, even if the number was used before
      event.inode = live_[event.inode];
      return event;
    }
    if (!MapField(event.inode)) return std::nullopt;
    return event;
  }

 private:
  bool MapField(InodeId& id) const {
    if (id == trace::kNoInode) return true;
    const auto it = live_.find(id);
    if (it == live_.end()) return false;
    id = it->second;
    return true;
  }

  std::map<InodeId, InodeId> live_;
  InodeId next_ = trace::kRootInode + 1;
};

std::string Plural(size_t count, const std::string& one) {
  return std::to_string(count) + " " + one + (count == 1 ? "" : "s");
}

}  // namespace

trace::Trace FinalizeCapture(const Capture& capture) {
  trace::Trace result;
  IdMapper ids(capture.dir_raw);
  // kept_before[i]: events kept among the capture's first i.
  std::vector<size_t> kept_before(capture.raw.events.size() + 1, 0);
  size_t unplaced = 0;
  std::string first_unplaced;
  size_t invalid = 0;
  std::string first_invalid;
  for (size_t i = 0; i < capture.raw.events.size(); ++i) {
    kept_before[i + 1] = kept_before[i];
    const Event& raw = capture.raw.events[i];
    std::optional<Event> mapped = ids.Map(raw);
    if (!mapped) {
      if (unplaced++ == 0) {
        first_unplaced = std::string(trace::EventTypeName(raw.type)) + " of raw inode " +
                         std::to_string(raw.inode);
      }
      continue;
    }
    if (trace::IsBarrier(mapped->type) || mapped->type == EventType::kSyncFailed) {
      const size_t first_overlapped = i - std::min<size_t>(raw.overlap, i);
      mapped->overlap = kept_before[i] - kept_before[first_overlapped];
    }
    if (Status valid = trace::ValidateEvent(*mapped); !valid.ok()) {
      if (invalid++ == 0) first_invalid = valid.message();
      continue;
    }
    result.events.push_back(std::move(*mapped));
    kept_before[i + 1] = kept_before[i] + 1;
  }
  result.first_crash_point =
      kept_before[std::min(capture.raw.first_crash_point, capture.raw.events.size())];
  if (!capture.partial_line.empty()) {
    result.events.push_back(Event{.type = EventType::kOutput, .data = capture.partial_line});
  }

  result.warnings = capture.raw.warnings;
  for (const std::string& warning : capture.warnings) result.warnings.push_back(warning);
  if (unplaced > 0) {
    result.warnings.push_back(
        Plural(unplaced, "event") + " on files the recorder never saw created (made by a "
        "program the shim was not in?) " + (unplaced == 1 ? "was" : "were") +
        " dropped; the first: " + first_unplaced);
  }
  if (invalid > 0) {
    result.warnings.push_back(Plural(invalid, "invalid event") + " dropped; the first: " +
                              first_invalid);
  }
  return result;
}

}  // namespace powercut::record
