#include "journal/tool/expected_txns.h"

namespace powercut::journal::tool {

ExpectedTxns::ExpectedTxns(uint64_t seed, uint32_t ops_per_txn)
    : seed_(seed), ops_per_txn_(ops_per_txn) {
  POWERCUT_ASSERT(ops_per_txn >= 1);
}

ExpectedTxns ExpectedTxns::ForWorkload(const WorkloadOptions& workload) {
  ExpectedTxns table(workload.seed, workload.ops_per_txn);
  for (uint32_t thread = 0; thread < workload.threads; ++thread) {
    table.Fill(thread, TxnsForThread(workload.txns, workload.threads, thread));
  }
  table.Fill(kCheckerThread, 1);
  return table;
}

void ExpectedTxns::Fill(uint32_t thread, uint64_t seqs) {
  if (thread != kCheckerThread && by_thread_.size() <= thread) by_thread_.resize(thread + 1);
  std::vector<std::vector<Op>>& list =
      thread == kCheckerThread ? checker_thread_ : by_thread_[thread];
  list.reserve(seqs);
  for (uint64_t seq = 0; seq < seqs; ++seq) {
    list.push_back(MakeTxnContent(seed_, TxnTag{thread, seq}, ops_per_txn_));
  }
}

size_t ExpectedTxns::size() const {
  size_t n = checker_thread_.size();
  for (const auto& list : by_thread_) n += list.size();
  return n;
}

const std::vector<Op>& ExpectedTxns::Get(TxnTag tag, std::vector<Op>& scratch) const {
  const std::vector<std::vector<Op>>* list = nullptr;
  if (tag.thread == kCheckerThread) {
    list = &checker_thread_;
  } else if (tag.thread < by_thread_.size()) {
    list = &by_thread_[tag.thread];
  }
  if (list != nullptr && tag.seq < list->size()) return (*list)[tag.seq];
  scratch = MakeTxnContent(seed_, tag, ops_per_txn_);
  return scratch;
}

}  // namespace powercut::journal::tool
