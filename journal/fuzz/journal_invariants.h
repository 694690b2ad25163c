// What every journal fuzz target checks of the read path (fuzzing only).
//
// A violation of one of these is a bug as real as a crash: it prints what was violated and
// aborts, so libFuzzer keeps the input as a reproducer.
#ifndef POWERCUT_JOURNAL_FUZZ_JOURNAL_INVARIANTS_H_
#define POWERCUT_JOURNAL_FUZZ_JOURNAL_INVARIANTS_H_

#include <string>

#include "faultfs/fs/file_system.h"
#include "faultfs/fs/result.h"
#include "journal/recovery.h"

namespace powercut::journal::fuzz {

// Prints "<target>: invariant violated: <what>" and aborts.
[[noreturn]] void Violation(const std::string& what);

// What Journal::Open, verify and dump do first: AnalyzeJournal of `dir`, then ReplaySegments of
// what the analysis accepted. Checks that a failure has a message, that every segment but the
// last ends exactly at its file's end, and that replay returns exactly the transactions
// (checkpoint, last_txn] in order. Returns the analysis.
Result<JournalState> AnalyzeAndReplay(FileSystem& fs, const std::string& dir);

}  // namespace powercut::journal::fuzz

#endif  // POWERCUT_JOURNAL_FUZZ_JOURNAL_INVARIANTS_H_
