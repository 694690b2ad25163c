// Formatting shared by `dump` and `verify` (inspect.h). Internal to the tool.
#ifndef POWERCUT_JOURNAL_TOOL_INSPECT_FORMAT_H_
#define POWERCUT_JOURNAL_TOOL_INSPECT_FORMAT_H_

#include <cstdint>
#include <string>

#include "journal/recovery.h"

namespace powercut::journal::tool {

// "0x00000000deadbeef".
std::string Hex64(uint64_t value);
// "0xdeadbeef".
std::string Hex32(uint32_t value);
// Nanoseconds since the epoch as UTC, "2026-11-24T09:28:30.123456789Z".
std::string FormatTimestamp(uint64_t ns);
// The last path component: "wal/0000000000000001.wal" -> "0000000000000001.wal".
std::string BaseName(const std::string& path);
// What Open would make of an analysed journal, in one line: the recoverable range, the
// checkpoint, and the repairs (torn tail cut, leftovers removed).
std::string DescribeRecovery(const JournalState& state);

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_INSPECT_FORMAT_H_
