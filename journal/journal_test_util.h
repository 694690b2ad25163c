// Shared helpers for the journal's unit tests: deterministic transactions, replay into a vector,
// and byte-level damage of files (LevelDB log_test's IncrementByte/ShrinkSize, for segments).
#ifndef POWERCUT_JOURNAL_JOURNAL_TEST_UTIL_H_
#define POWERCUT_JOURNAL_JOURNAL_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"
#include "journal/journal.h"

namespace powercut::journal::testing {

// A transaction whose content is a function of `n`, with 1 + n % 4 operations of varied kinds.
std::vector<Op> SampleOps(uint64_t n);
// Options with fixed clock and entropy, so runs are reproducible.
JournalOptions TestOptions(Durability durability);

// Opens `dir` with TestOptions(durability) and the given segment size; fails the test on error.
std::unique_ptr<Journal> OpenJournal(FileSystem& fs, const std::string& dir, Durability durability,
                                     uint64_t max_segment_bytes = 64ull << 20);
// Every transaction Replay(0) returns.
std::vector<Transaction> ReplayAll(Journal& journal);
// Opens `dir` with `options`, replays everything, closes. Fails the test on error.
std::vector<Transaction> ReopenAndReplay(FileSystem& fs, const std::string& dir,
                                         const JournalOptions& options);
// Appends txns SampleOps(first..last) and checks the ids returned are first..last.
void AppendSamples(Journal& journal, uint64_t first, uint64_t last);
// True when `txns` are exactly ids first..last with SampleOps content.
bool HoldsSamples(const std::vector<Transaction>& txns, uint64_t first, uint64_t last);

// Path of segment `seq` in `dir`.
std::string SegmentPath(const std::string& dir, uint64_t seq);
uint64_t FileSize(const std::string& path);
void FlipByte(const std::string& path, uint64_t offset);
void TruncateFile(const std::string& path, uint64_t size);
void AppendToFile(const std::string& path, const std::string& bytes);
std::string ReadFile(const std::string& path);
void WriteWholeFile(const std::string& path, const std::string& bytes);
// Offset of the record of txn `txn` in the segment file at `path` (asserts it exists).
uint64_t RecordOffset(const std::string& path, uint64_t txn);

}  // namespace powercut::journal::testing

#endif  // POWERCUT_JOURNAL_JOURNAL_TEST_UTIL_H_
