#include "journal/tool/recovered_log.h"

namespace powercut::journal::tool {

RecoveredLog::RecoveredLog(const ExpectedTxns& expected, uint64_t checkpoint_txn)
    : expected_(expected), from_start_(checkpoint_txn == 0), next_id_(checkpoint_txn + 1) {}

uint64_t RecoveredLog::NextSeq(uint32_t thread) const {
  const auto it = runs_.find(thread);
  return it == runs_.end() ? 0 : it->second.last_seq + 1;
}

// Messages are built only on a violation: a consistent replay formats nothing.
std::string RecoveredLog::Visit(const Transaction& txn) {
  if (txn.txn_id != next_id_) {
    return "recovered txn ids are not contiguous: txn " + std::to_string(txn.txn_id) +
           " where txn " + std::to_string(next_id_) + " was expected";
  }
  ++next_id_;
  const std::optional<TxnTag> tag = ParseTag(txn.ops);
  if (!tag) {
    return "txn " + std::to_string(txn.txn_id) + " has no valid tag: its first op is " +
           (txn.ops.empty() ? std::string("missing") : DescribeOp(txn.ops.front()));
  }
  const std::vector<Op>& expected = expected_.Get(*tag, scratch_);
  if (txn.ops != expected) {
    // A different first op or op count usually means the checker was not given the workload's
    // --seed / --ops-per-txn; anything else is damaged content.
    const bool shape = txn.ops.front() != expected.front() || txn.ops.size() != expected.size();
    return "txn " + std::to_string(txn.txn_id) + " (" + TagPath(*tag) +
           ") content differs: " + DescribeDifference(txn.ops, expected) +
           (shape ? " (same --seed and --ops-per-txn as the workload?)" : "");
  }
  return CheckThreadRun(txn.txn_id, *tag);
}

// A thread appends its transactions one after another, so the ids of one thread increase with
// its seqs, and a prefix of ids holds a gap-free run of each thread's seqs.
std::string RecoveredLog::CheckThreadRun(uint64_t id, TxnTag tag) {
  auto where = [&] { return "txn " + std::to_string(id) + " is " + TagPath(tag); };
  const auto it = runs_.find(tag.thread);
  if (it == runs_.end()) {
    if (from_start_ && tag.seq != 0) {
      return where() + " but " + TagPath({tag.thread, 0}) + " was not recovered before it";
    }
    runs_.emplace(tag.thread, Run{tag.seq, id});
    return "";
  }
  Run& run = it->second;
  if (tag.seq <= run.last_seq) {
    return where() + " but txn " + std::to_string(run.last_id) + " already was " +
           TagPath({tag.thread, run.last_seq}) + " (duplicate or out of order)";
  }
  if (tag.seq != run.last_seq + 1) {
    return where() + " but thread " + std::to_string(tag.thread) + "'s previous recovered txn " +
           std::to_string(run.last_id) + " is " + TagPath({tag.thread, run.last_seq}) + ": " +
           TagPath({tag.thread, run.last_seq + 1}) + " is missing";
  }
  run = Run{tag.seq, id};
  return "";
}

}  // namespace powercut::journal::tool
