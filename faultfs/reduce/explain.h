// Explain: a minimal violating state and its cause, in words, from the trace.
//
//   summary   one line: the class and what happened, e.g.
//             "reordering: `write wal/x @4096+512` (#23) persisted while the earlier
//              `write wal/x @3584+512` (#21) did not"
//   details   the facts, one per line: the checker's reason, what persisted or tore (with
//             paths and byte ranges), what did not, the barrier they were pending after and the
//             one that would have made them durable, the output lines the reason ties to, the
//             reproducer's state ID and how minimal it is
//   fix_hint  what to change in the program's terms, e.g.
//             "fsync `f.tmp` after `write f.tmp @0+9` (#2) and before `rename f.tmp -> f` (#3)"
//
// The text depends only on the trace, the model options and the cause: deterministic.
#ifndef POWERCUT_FAULTFS_REDUCE_EXPLAIN_H_
#define POWERCUT_FAULTFS_REDUCE_EXPLAIN_H_

#include <string>
#include <string_view>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/reduce/cause.h"
#include "faultfs/reduce/minimizer.h"

namespace powercut::reduce {

struct Explanation {
  ViolationClass kind = ViolationClass::kSyncedStateViolates;
  std::string summary;
  std::vector<std::string> details;
  std::string fix_hint;
};

Explanation Explain(const crash::CrashStateGenerator& generator, const MinimalState& minimal,
                    const Cause& cause);

// "powercut replay TRACE --state c5+e4 --model posix --sector-bytes 512 -o state-c5+e4": the
// command that materialises the state again (with the options its ID depends on).
std::string ReplayCommand(const crash::GeneratorOptions& options, std::string_view trace_path,
                          std::string_view state_id);

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_EXPLAIN_H_
