#include "legacy/seed_journal/tool/seed_checker.h"

#include <algorithm>
#include <cerrno>
#include <set>

#include "journal/tool/ack_output.h"
#include "journal/tool/recovered_log.h"
#include "legacy/seed_journal/tool/journal_under_test.h"

namespace powercut::legacy::tool {
namespace {

using journal::tool::CheckVerdict;

CheckVerdict Violation(std::string reason) { return CheckVerdict{false, std::move(reason)}; }

// Errors of the machine the checker runs on: no verdict.
bool IsEnvironmentError(const Status& status) {
  if (!status.IsIoError()) return false;
  const int e = status.error_number();
  return e == EACCES || e == EPERM || e == EROFS || e == ENOSPC || e == EMFILE || e == ENOMEM;
}

std::string Recovered(const RecoveredJournal& journal, uint64_t last) {
  std::string text = last == 0 ? "recovered nothing" : "recovered 1.." + std::to_string(last);
  if (journal.checkpoint_txn > 0) text += " (checkpoint " + std::to_string(journal.checkpoint_txn) + ")";
  if (!journal.existed) text += " (the journal did not exist)";
  return text;
}

std::optional<std::string> PrintedLine(const std::vector<std::string>& lines,
                                       std::string_view prefix) {
  for (const std::string& line : lines) {
    if (line.starts_with(prefix)) return line;
  }
  return std::nullopt;
}

std::optional<uint64_t> AcknowledgedTwice(const journal::tool::AckOutput& acked) {
  std::set<uint64_t> seen;
  for (const uint64_t id : acked.acked) {
    if (!seen.insert(id).second) return id;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> CompleteLines(std::string_view text) {
  std::vector<std::string> lines;
  for (size_t end = text.find('\n'); end != std::string_view::npos; end = text.find('\n')) {
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return lines;
}

Result<CheckVerdict> RunSeedCheck(FileSystem& fs, const SeedWorkloadOptions& options,
                                  const std::vector<std::string>& lines,
                                  const journal::tool::ExpectedTxns& expected) {
  if (const auto hung = PrintedLine(lines, kHungPrefix)) {
    return Violation("the journal hung: " + hung->substr(kHungPrefix.size()));
  }
  const journal::tool::AckOutput acked = journal::tool::ParseAckLines(lines);
  const Result<RecoveredJournal> recovered = RecoverJournal(fs, options);
  if (!recovered.ok()) {
    if (IsEnvironmentError(recovered.status())) return recovered.status();
    return Violation("recovery failed: " + recovered.status().ToString());
  }
  const RecoveredJournal& journal = *recovered;
  if (const auto twice = AcknowledgedTwice(acked)) {
    return Violation("txn id " + std::to_string(*twice) +
                     " acknowledged twice: ids are not unique (restarted after reopen?)");
  }
  if (acked.max_checkpoint && *acked.max_checkpoint > journal.checkpoint_txn) {
    return Violation("acknowledged checkpoint " + std::to_string(*acked.max_checkpoint) +
                     " lost: the journal recovered checkpoint " +
                     std::to_string(journal.checkpoint_txn) + " and txns " +
                     (journal.txns.empty() ? std::string("none")
                                           : std::to_string(journal.txns.front().txn_id) + ".." +
                                                 std::to_string(journal.txns.back().txn_id)));
  }
  journal::tool::RecoveredLog log(expected, journal.checkpoint_txn);
  for (const journal::Transaction& txn : journal.txns) {
    std::string violation = log.Visit(txn);
    if (!violation.empty()) return Violation(std::move(violation));
  }
  const uint64_t last = log.next_id() - 1;
  const std::optional<uint64_t> missing = acked.FirstAckedAbove(last);
  if (missing && options.mode != journal::Durability::kRelaxed) {
    return Violation("acknowledged txn " + std::to_string(*missing) +
                     " missing: " + Recovered(journal, last));
  }
  if (missing && std::find(lines.begin(), lines.end(), kWrittenBackLine) != lines.end()) {
    return Violation("acknowledged txn " + std::to_string(*missing) +
                     " missing after a process crash, though the OS wrote back every file: " +
                     Recovered(journal, last));
  }
  return CheckVerdict{true, "consistent: " + Recovered(journal, last) + ", design " +
                                std::string(DesignName(options.design))};
}

}  // namespace powercut::legacy::tool
