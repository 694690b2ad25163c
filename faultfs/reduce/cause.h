// FindCause: what a minimal violating state says about the program, as facts an explanation can
// state and a group key can compare: its class, the events that persisted or tore, the lost
// event they needed, the promise or barrier that broke it, what must be synced.
//
// Where the trace cannot tell which of several lost events matters, a few more oracle calls can
// (bounded by `max_probes`, and by the session's budget):
//   - with deviations, each lost pending event, most related first, is added to the minimal
//     state (with what the model makes it require); the first whose addition makes the state
//     consistent is the culprit: "X persisted while Y did not, and with Y it is consistent";
//   - with none, the files and directories holding pending events are each left out in turn
//     from the state where all of them persisted; those that cannot be left out are the ones a
//     fix must sync.
// Without a confirming call, the most related candidate is named, and the facts say so.
// REDUCE.md says how each class is decided.
#ifndef POWERCUT_FAULTFS_REDUCE_CAUSE_H_
#define POWERCUT_FAULTFS_REDUCE_CAUSE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "faultfs/reduce/minimizer.h"
#include "faultfs/reduce/oracle_session.h"

namespace powercut::reduce {

enum class ViolationClass : uint8_t {
  kAcknowledgedBeforeDurable,  // a promise printed while what it promised was not durable
  kNonAtomicUpdate,            // part of an update persisted without the rest it goes with
  kTornWrite,                  // a write persisted in part
  kReordering,                 // a later operation became durable while an earlier one did not
  kRecoveryFailed,             // the checker (recovery) crashed or hung
  kSyncedStateViolates,        // violates with nothing lost: the durable state itself is wrong
};

// "acknowledged before durable", "non-atomic update", "torn write", "reordering",
// "recovery crashed or hung", "violates with nothing lost".
std::string_view ClassName(ViolationClass kind);

struct Cause {
  ViolationClass kind = ViolationClass::kSyncedStateViolates;
  // What the state's deviations would be classed as were recovery not failing (== kind else).
  ViolationClass shape = ViolationClass::kSyncedStateViolates;
  size_t crash_point = 0;  // of the minimal state

  // ---- With deviations ----
  std::vector<crash::Persisted> persisted;  // the minimal state's
  std::vector<size_t> torn;                 // persisted events that persisted only in part
  std::vector<size_t> lost_before;  // pending events before the last persisted one, not persisted
  std::optional<size_t> culprit;    // the lost pending event the persisted ones needed
  bool culprit_confirmed = false;   // adding it made the state consistent (an oracle call)
  // Nothing pending was lost, and the program's complete state at the end of the trace violates
  // too (else the crash interrupted an update that the program completes later).
  bool final_state_violates = false;
  // The persisted event the culprit is paired with; without deviations, the event the breaking
  // barrier made durable that the unsynced events are paired with.
  std::optional<size_t> anchor;

  // ---- Without deviations ----
  std::optional<size_t> breaking_event;  // the output line or barrier (MinimalState)
  std::vector<size_t> unsynced;          // pending events whose files or directories need a sync
  bool unsynced_confirmed = false;       // with exactly those persisted, the state is consistent
  bool complete_state_violates = false;  // with every pending event persisted, it still violates

  // Output events before the crash point that the checker's reason names (by their text, or by
  // the numbers in them).
  std::vector<size_t> promises;
  size_t probes = 0;  // oracle calls spent here
};

struct CauseOptions {
  size_t max_probes = 8;
};

Result<Cause> FindCause(OracleSession& session, const MinimalState& minimal,
                        const CauseOptions& options = {});

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_CAUSE_H_
