// CrashState: one disk state a power cut may leave (MODELS.md "Identity"), and its ID.
#ifndef POWERCUT_FAULTFS_CRASH_CRASH_STATE_H_
#define POWERCUT_FAULTFS_CRASH_CRASH_STATE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/crash/timeline.h"
#include "faultfs/fs/result.h"

namespace powercut::crash {

// A pending event that persisted, wholly or in part.
struct Persisted {
  size_t event = 0;
  bool whole = true;
  PieceRuns runs;  // the pieces that persisted (all of them when `whole`)
  bool operator==(const Persisted&) const = default;
};

struct CrashState {
  size_t crash_point = 0;
  std::vector<size_t> pending;       // events with pieces pending at the crash point, in order
  std::vector<Persisted> persisted;  // the pending events that (partly) persisted, in order
  int deviations = 0;                // MODELS.md "Deviations"
  size_t output_lines = 0;           // output events before the crash point
  uint64_t content_hash = 0;         // FsImage::ContentHash of the state
  std::string id;                    // "c42+e37+e40:0-1,3"
};

// Builds the ID of `crash_point` with `persisted`.
std::string FormatStateId(size_t crash_point, const std::vector<Persisted>& persisted);

// The crash point and persisted events an ID names; kInvalidArgument naming the problem for
// anything else. Whether the events are pending, and the pieces exist, is checked by the
// generator (it knows the trace).
struct ParsedStateId {
  size_t crash_point = 0;
  std::vector<Persisted> persisted;  // `whole` runs are left empty: the generator fills them
};
Result<ParsedStateId> ParseStateId(std::string_view id);

// "0-1,3" for runs {[0,2), [3,4)}.
std::string FormatRuns(const PieceRuns& runs);

}  // namespace powercut::crash

#endif  // POWERCUT_FAULTFS_CRASH_CRASH_STATE_H_
