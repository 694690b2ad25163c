// ExpectedTxns: the content of the transactions a workload writes (txn_content.h), generated
// once per workload instead of once per crash state checked.
//
// A crash tester runs the checker on thousands of states of one workload; each state's checker
// compares every recovered transaction with MakeTxnContent(seed, tag, ops_per_txn), which is the
// same for every state. The table holds those lists; a tag it does not hold is generated on the
// spot, so Get() always returns exactly MakeTxnContent's answer: the table changes how fast the
// checker runs, never what it decides. Nothing in it comes from a state under test.
//
// Immutable after construction: checkers on several threads may share one.
#ifndef POWERCUT_JOURNAL_TOOL_EXPECTED_TXNS_H_
#define POWERCUT_JOURNAL_TOOL_EXPECTED_TXNS_H_

#include <cstdint>
#include <vector>

#include "journal/ops.h"
#include "journal/tool/txn_content.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {

class ExpectedTxns {
 public:
  // An empty table: every Get() generates. REQUIRES: ops_per_txn >= 1.
  ExpectedTxns(uint64_t seed, uint32_t ops_per_txn);
  // Every transaction `workload` appends (thread i: seqs 0 .. TxnsForThread - 1) and the
  // checker's own first append after recovery (kCheckerThread, seq 0).
  static ExpectedTxns ForWorkload(const WorkloadOptions& workload);

  uint64_t seed() const { return seed_; }
  uint32_t ops_per_txn() const { return ops_per_txn_; }
  // How many transactions the table holds.
  size_t size() const;

  // MakeTxnContent(seed(), tag, ops_per_txn()): the table's copy, or one generated into
  // `scratch` (the reference is then to `scratch`).
  const std::vector<Op>& Get(TxnTag tag, std::vector<Op>& scratch) const;

 private:
  void Fill(uint32_t thread, uint64_t seqs);

  uint64_t seed_;
  uint32_t ops_per_txn_;
  std::vector<std::vector<std::vector<Op>>> by_thread_;  // [thread][seq]
  std::vector<std::vector<Op>> checker_thread_;           // [seq] of kCheckerThread
};

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_EXPECTED_TXNS_H_
