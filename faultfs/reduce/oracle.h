// Oracle: what the reducer asks about a crash state: does it violate, and why.
//
// The reducer calls it on states it builds (always states the model allows), so it must judge
// any state of the trace, not only the ones exploration produced. It is assumed deterministic:
// the same tree and output lines get the same judgement (the reducer caches by content).
//
// Adapting a checker: the in-process explorer's Verdict maps to kConsistent / kViolation; the
// `powercut` command's CheckerVerdict maps kCrashed and kHung to the two recovery kinds, and a
// checker that cannot run to an error (not a verdict: the reduction stops). FromReason() does
// the mapping for callers that only kept the reason text ("recovery crashed: killed by ...").
#ifndef POWERCUT_FAULTFS_REDUCE_ORACLE_H_
#define POWERCUT_FAULTFS_REDUCE_ORACLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faultfs/crash/crash_state.h"
#include "faultfs/fs/result.h"
#include "faultfs/image/fs_image.h"

namespace powercut::reduce {

struct Judgement {
  enum class Kind : uint8_t {
    kConsistent,
    kViolation,        // the checker rejected the state
    kRecoveryCrashed,  // the checker (recovery) was killed by a signal or threw
    kRecoveryHung,     // the checker (recovery) ran past its timeout
  };
  Kind kind = Kind::kConsistent;
  std::string reason;  // for a violation: what broke, in the program's terms

  bool violates() const { return kind != Kind::kConsistent; }
  bool recovery_failed() const {
    return kind == Kind::kRecoveryCrashed || kind == Kind::kRecoveryHung;
  }

  static Judgement Consistent() { return {}; }
  static Judgement Violation(std::string reason) { return {Kind::kViolation, std::move(reason)}; }
  // A violation whose kind is read from the reason: "recovery crashed..." and "recovery hung..."
  // (the `powercut` command's wording) are the recovery kinds, anything else a plain violation.
  static Judgement FromReason(std::string reason);
};

// Judges one crash state: its identity, its tree, and the output lines printed before its crash
// point. An error means no judgement could be made (a harness problem); the reduction stops.
using Oracle = std::function<Result<Judgement>(
    const crash::CrashState& state, const FsImage& image, const std::vector<std::string>& output)>;

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_ORACLE_H_
