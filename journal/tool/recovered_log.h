// RecoveredLog: checks the transactions a replay returns against what the workload wrote.
// Used by the checker (checker.h); separate so the rules can be tested on hand-made input.
#ifndef POWERCUT_JOURNAL_TOOL_RECOVERED_LOG_H_
#define POWERCUT_JOURNAL_TOOL_RECOVERED_LOG_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "journal/ops.h"
#include "journal/tool/expected_txns.h"
#include "journal/tool/txn_content.h"

namespace powercut::journal::tool {

class RecoveredLog {
 public:
  // Expects ids from checkpoint_txn + 1 on, with the content `expected` gives (which must
  // outlive this). With checkpoint_txn == 0 nothing was dropped from the log, so each thread's
  // run must start at seq 0.
  RecoveredLog(const ExpectedTxns& expected, uint64_t checkpoint_txn);

  // Checks the next replayed transaction. Returns the violation (one line), or "" when the
  // transaction is the expected next id, carries a valid tag, has exactly the regenerated
  // content, and continues its thread's run.
  std::string Visit(const Transaction& txn);

  // The id the next transaction must carry (last_txn + 1 once the replay is complete).
  uint64_t next_id() const { return next_id_; }
  // The seq the next transaction of `thread` would carry (0 for a thread not seen).
  uint64_t NextSeq(uint32_t thread) const;

 private:
  struct Run {
    uint64_t last_seq = 0;
    uint64_t last_id = 0;
  };
  std::string CheckThreadRun(uint64_t id, TxnTag tag);

  const ExpectedTxns& expected_;
  const bool from_start_;
  uint64_t next_id_;
  std::map<uint32_t, Run> runs_;  // by thread
  std::vector<Op> scratch_;       // content generated for a tag the table does not hold
};

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_RECOVERED_LOG_H_
