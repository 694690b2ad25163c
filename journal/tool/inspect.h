// The `powercut-journal dump` and `verify` subcommands as a library. Both are read-only: they
// open files only with OpenMode::kReadOnly and never repair, so they can be pointed at a crash
// state or a production journal without changing what the next Open will decide.
#ifndef POWERCUT_JOURNAL_TOOL_INSPECT_H_
#define POWERCUT_JOURNAL_TOOL_INSPECT_H_

#include <ostream>
#include <string>

#include "faultfs/fs/file_system.h"

namespace powercut::journal::tool {

enum class InspectVerdict {
  kHealthy,      // Open would succeed (possibly cutting a torn tail)
  kCorrupt,      // Open would fail with kCorruption, or a recovered record's ops do not decode
  kUnreadable,   // an I/O error stopped the inspection
  kNotAJournal,  // the directory is missing, or holds neither MANIFEST nor segment
};

// Prints the MANIFEST, every segment file's header and records (id, offset, length, timestamp,
// watermark, ops) and what ends each segment, as far as the bytes allow even when the journal
// is corrupt; then one `verdict:` line from AnalyzeJournal.
InspectVerdict DumpJournal(FileSystem& fs, const std::string& dir, std::ostream& out);

// Prints a one-line verdict first (e.g. "ok: txns 1..15 recoverable ..." or the corruption
// message), then the segments, the recovered range, the checkpoint and what Open would repair.
// Decodes the ops of every recovered record.
InspectVerdict VerifyJournal(FileSystem& fs, const std::string& dir, std::ostream& out);

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_INSPECT_H_
