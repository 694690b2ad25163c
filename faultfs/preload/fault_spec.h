// POWERCUT_FAULTS: which interposed calls on the directory under test fail, counted across every
// process of the workload (RECORDING.md, "Faults"). The recorder validates the specs before the
// workload starts; the shim in each process parses the same text and enables each spec's libfiu
// point with a callback that counts calls in the shared region.
//
//   sync/fsync=EIO@3        the 3rd fsync fails with EIO
//   rw/write=ENOSPC@5+      every write from the 5th on fails with ENOSPC
//   rw/write/short=100@2    the 2nd write moves at most 100 bytes
//   powercut/io/dir/*=EIO   every rename, unlink, mkdir, rmdir and link fails (no @: @1+)
#ifndef POWERCUT_FAULTFS_PRELOAD_FAULT_SPEC_H_
#define POWERCUT_FAULTFS_PRELOAD_FAULT_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/result.h"

namespace powercut::preload {

// The shim's fault points, libfiu names (RECORDING.md's table).
inline constexpr std::string_view kFaultPointPrefix = "powercut/io/";
inline constexpr std::string_view kShortWritePoint = "powercut/io/rw/write/short";
const std::vector<std::string_view>& FaultPointNames();

struct FaultSpec {
  std::string point;     // full libfiu name, may end in '*'
  uint64_t value = 0;    // the errno, or for write/short the most bytes a write moves
  uint64_t nth = 1;      // the first call (1-based) that fails
  bool and_after = true; // every call from nth on, not just the nth
  bool operator==(const FaultSpec&) const = default;
};

// One spec, "POINT=VALUE[@N[+]]". InvalidArgument names what is wrong.
Result<FaultSpec> ParseFaultSpec(std::string_view text);
// Specs joined by ';' (what POWERCUT_FAULTS holds). At most kMaxFaultSpecs; no two may name
// the same point, and a wildcard may not cover another spec's point (the counter a call
// increments would be ambiguous).
Result<std::vector<FaultSpec>> ParseFaultSpecs(std::string_view joined);
std::string JoinFaultSpecs(const std::vector<std::string>& specs);

// Whether call number `call` (1-based) of a spec fails.
inline bool FaultFires(const FaultSpec& spec, uint64_t call) {
  return spec.and_after ? call >= spec.nth : call == spec.nth;
}
// libfiu's matching: exact, or a prefix when the pattern ends in '*'.
bool FaultPointMatches(std::string_view pattern, std::string_view name);

// "EIO" -> 5; nullopt for an unknown name.
std::optional<int> ErrnoFromName(std::string_view name);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_FAULT_SPEC_H_
