#include "journal/tool/checker.h"

#include <cerrno>
#include <memory>
#include <optional>
#include <vector>

#include "journal/tool/ack_output.h"
#include "journal/tool/recovered_log.h"
#include "journal/tool/txn_content.h"
#include "journal/tool/workload.h"

namespace powercut::journal::tool {
namespace {

// Errors that say something about the machine the checker runs on, not about the journal it
// was given: the checker could not run, which is not a verdict.
bool IsEnvironmentError(const Status& status) {
  if (!status.IsIoError()) return false;
  switch (status.error_number()) {
    case EACCES:
    case EPERM:
    case EROFS:
    case ENOSPC:
    case EDQUOT:
    case EMFILE:
    case ENFILE:
    case ENOMEM: return true;
    default: return false;
  }
}

CheckVerdict Violation(std::string reason) { return CheckVerdict{false, std::move(reason)}; }

std::string RangeText(uint64_t checkpoint_txn, uint64_t last_txn) {
  if (last_txn == 0) return "recovered nothing";
  std::string text = "recovered 1.." + std::to_string(last_txn);
  if (checkpoint_txn == last_txn) return text + " (all checkpointed)";
  if (checkpoint_txn > 0) {
    text += " (checkpoint " + std::to_string(checkpoint_txn) + ", log " +
            std::to_string(checkpoint_txn + 1) + ".." + std::to_string(last_txn) + ")";
  }
  return text;
}

class Checker {
 public:
  Checker(FileSystem& fs, const CheckOptions& options)
      : fs_(fs),
        options_(options),
        expected_(options.expected ? options.expected
                                   : std::make_shared<const ExpectedTxns>(options.seed,
                                                                          options.ops_per_txn)) {}

  Result<CheckVerdict> Run(const AckOutput& acked);

 private:
  // Each step returns a violation, nullopt to go on, or a Status when the checker cannot run.
  using Step = Result<std::optional<CheckVerdict>>;
  Result<std::unique_ptr<Journal>> Open();
  Result<CheckVerdict> FailedCall(const std::string& what, const Status& status);
  Step Fail(const std::string& what, const Status& status);
  Step CheckReplay(Journal& journal, RecoveredLog& log);
  Step CheckPromises(const Journal& journal, const AckOutput& acked);
  Step CheckAppendAfterRecovery(std::unique_ptr<Journal> journal, const RecoveredLog& log);

  FileSystem& fs_;
  const CheckOptions& options_;
  const std::shared_ptr<const ExpectedTxns> expected_;
};

Result<std::unique_ptr<Journal>> Checker::Open() {
  return Journal::Open(fs_, options_.dir,
                       MakeJournalOptions(options_.durability, options_.max_segment_bytes));
}

// A failed journal call is a violation unless the environment caused it.
Result<CheckVerdict> Checker::FailedCall(const std::string& what, const Status& status) {
  if (IsEnvironmentError(status)) return status.WithContext(what);
  return Violation(what + ": " + status.ToString());
}

Checker::Step Checker::Fail(const std::string& what, const Status& status) {
  POWERCUT_ASSIGN_OR_RETURN(CheckVerdict verdict, FailedCall(what, status));
  return std::optional<CheckVerdict>(std::move(verdict));
}

Checker::Step Checker::CheckReplay(Journal& journal, RecoveredLog& log) {
  std::string violation;
  const Status replayed = journal.Replay(0, [&](const Transaction& txn) {
    violation = log.Visit(txn);
    // Stops the replay; told apart from the journal's own errors by `violation`.
    return violation.empty() ? Status::Ok() : Status::Corruption(violation);
  });
  if (!violation.empty()) return std::optional<CheckVerdict>(Violation(violation));
  if (!replayed.ok()) return Fail("replay after recovery failed", replayed);
  if (log.next_id() != journal.last_txn() + 1) {
    return std::optional<CheckVerdict>(
        Violation("replay ended at txn " + std::to_string(log.next_id() - 1) +
                  " but the journal reports last txn " + std::to_string(journal.last_txn())));
  }
  return std::optional<CheckVerdict>();
}

Checker::Step Checker::CheckPromises(const Journal& journal, const AckOutput& acked) {
  const uint64_t last = journal.last_txn();
  const uint64_t checkpoint = journal.checkpoint_txn();
  const std::optional<uint64_t> missing = acked.FirstAckedAbove(last);
  if (options_.durability != Durability::kRelaxed && missing) {
    std::string reason =
        "acknowledged txn " + std::to_string(*missing) + " missing: " + RangeText(checkpoint, last);
    if (*acked.max_acked > *missing) {
      reason += ", acknowledged up to " + std::to_string(*acked.max_acked);
    }
    return std::optional<CheckVerdict>(Violation(reason));
  }
  if (acked.max_checkpoint && *acked.max_checkpoint > checkpoint) {
    return std::optional<CheckVerdict>(
        Violation("acknowledged checkpoint " + std::to_string(*acked.max_checkpoint) +
                  " lost: the journal's checkpoint is txn " + std::to_string(checkpoint) + ", " +
                  RangeText(checkpoint, last)));
  }
  return std::optional<CheckVerdict>();
}

// Recovery must leave a journal that works: a torn tail that was not really cut, or a segment
// chain resumed wrongly, shows up as an append that does not come back.
Checker::Step Checker::CheckAppendAfterRecovery(std::unique_ptr<Journal> journal,
                                                const RecoveredLog& log) {
  const uint64_t expected_id = journal->last_txn() + 1;
  const TxnTag tag{kCheckerThread, log.NextSeq(kCheckerThread)};
  std::vector<Op> scratch;
  const std::vector<Op>& ops = expected_->Get(tag, scratch);
  const std::string what = "append of " + TagPath(tag) + " after recovery";
  const Result<uint64_t> id = journal->Append(ops);
  if (!id.ok()) return Fail(what + " failed", id.status());
  if (*id != expected_id) {
    return std::optional<CheckVerdict>(Violation(what + " got txn " + std::to_string(*id) +
                                                 ", expected " + std::to_string(expected_id)));
  }
  const Status closed = journal->Close();
  if (!closed.ok()) return Fail(what + ": close failed", closed);
  journal.reset();

  Result<std::unique_ptr<Journal>> reopened = Open();
  if (!reopened.ok()) return Fail(what + ": reopen failed", reopened.status());
  // What the replay returned, judged as it goes (no copy of the transactions).
  size_t found = 0;
  uint64_t first_id = 0;
  bool first_matches = false;
  const Status replayed = (*reopened)->Replay(expected_id - 1, [&](const Transaction& txn) {
    if (found++ == 0) {
      first_id = txn.txn_id;
      first_matches = txn.txn_id == expected_id && txn.ops == ops;
    }
    return Status::Ok();
  });
  if (!replayed.ok()) return Fail(what + ": replay after reopen failed", replayed);
  if (found != 1 || !first_matches) {
    return std::optional<CheckVerdict>(Violation(
        what + " (txn " + std::to_string(expected_id) + ") not recovered after reopen: " +
        std::to_string(found) + " txns after txn " + std::to_string(expected_id - 1) +
        (found == 0 ? std::string() : ", first " + std::to_string(first_id))));
  }
  const Status closed_again = (*reopened)->Close();
  if (!closed_again.ok()) return Fail(what + ": close after reopen failed", closed_again);
  return std::optional<CheckVerdict>();
}

Result<CheckVerdict> Checker::Run(const AckOutput& acked) {

  Result<std::unique_ptr<Journal>> journal = Open();
  if (!journal.ok()) return FailedCall("recovery failed", journal.status());
  const uint64_t checkpoint = (*journal)->checkpoint_txn();
  const uint64_t last = (*journal)->last_txn();
  RecoveredLog log(*expected_, checkpoint);
  POWERCUT_ASSIGN_OR_RETURN(std::optional<CheckVerdict> verdict, CheckReplay(**journal, log));
  if (verdict) return *verdict;
  POWERCUT_ASSIGN_OR_RETURN(verdict, CheckPromises(**journal, acked));
  if (verdict) return *verdict;
  POWERCUT_ASSIGN_OR_RETURN(verdict, CheckAppendAfterRecovery(std::move(journal).value(), log));
  if (verdict) return *verdict;

  std::string summary = "consistent: " + RangeText(checkpoint, last) + ", mode " +
                        std::string(DurabilityName(options_.durability));
  if (acked.max_acked) summary += ", acknowledged up to " + std::to_string(*acked.max_acked);
  return CheckVerdict{true, summary};
}

// Everything but the acked file, which in-process callers do not have.
Status ValidateCheckOptionsInProcess(const CheckOptions& options) {
  if (options.dir.empty()) return Status::InvalidArgument("the journal directory is empty");
  if (options.ops_per_txn < 1) return Status::InvalidArgument("--ops-per-txn must be at least 1");
  if (options.expected && (options.expected->seed() != options.seed ||
                           options.expected->ops_per_txn() != options.ops_per_txn)) {
    return Status::InvalidArgument("the precomputed transactions are of seed " +
                                   std::to_string(options.expected->seed()) + " and " +
                                   std::to_string(options.expected->ops_per_txn()) +
                                   " ops per txn, not those of the check");
  }
  if (options.max_segment_bytes != 0 && options.max_segment_bytes < kMinSegmentBytes) {
    return Status::InvalidArgument("--max-segment-bytes must be at least " +
                                   std::to_string(kMinSegmentBytes));
  }
  return Status::Ok();
}

}  // namespace

Status ValidateCheckOptions(const CheckOptions& options) {
  if (options.dir.empty()) return Status::InvalidArgument("the journal directory is empty");
  if (options.acked_path.empty()) return Status::InvalidArgument("--acked is empty");
  return ValidateCheckOptionsInProcess(options);
}

Result<CheckVerdict> RunCheck(FileSystem& fs, const CheckOptions& options) {
  POWERCUT_RETURN_IF_ERROR(ValidateCheckOptions(options));
  Result<AckOutput> acked = ReadAckOutput(fs, options.acked_path);
  if (!acked.ok()) return acked.status().WithContext("--acked " + options.acked_path);
  return Checker(fs, options).Run(*acked);
}

Result<CheckVerdict> RunCheckWithOutput(FileSystem& fs, const CheckOptions& options,
                                        const AckOutput& acked) {
  POWERCUT_RETURN_IF_ERROR(ValidateCheckOptionsInProcess(options));
  return Checker(fs, options).Run(acked);
}

}  // namespace powercut::journal::tool
