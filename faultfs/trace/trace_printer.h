// The human-readable listing of a trace (`powercut show`, reports): one line per event, named by
// paths as they were just before the event, with the initial-state boundary and the warnings.
//
//   warning: mmap write to wal/x not recorded
//   #0 mkdir wal (ino 2)
//   --- initial state ends: crash points start at #1 ---
//   #1 create wal/0000000000000001.wal (ino 3)
//   #2 write wal/0000000000000001.wal @4096+104 45 4d 42 52 02 00 01 00 07 00 00 00 00 00 00 00 ...
//   #3 fdatasync wal/0000000000000001.wal
//   #4 rename wal/MANIFEST.tmp -> wal/MANIFEST
//   #5 output "ack 3"
//
// Bytes that are not printable ASCII are escaped (\n, \t, \\, \xNN, and \" inside quotes), so
// every event is exactly one line whatever its names and data hold.
#ifndef POWERCUT_FAULTFS_TRACE_TRACE_PRINTER_H_
#define POWERCUT_FAULTFS_TRACE_TRACE_PRINTER_H_

#include <cstddef>
#include <string>

#include "faultfs/trace/event.h"
#include "faultfs/trace/path_tracker.h"

namespace powercut::trace {

struct PrintOptions {
  size_t data_bytes = 16;     // leading bytes of a write shown in hex
  size_t output_chars = 200;  // leading bytes of an output line shown
};

// The whole listing, every line ending in '\n'.
std::string FormatTrace(const Trace& trace, const PrintOptions& options = {});

// One event without its index or newline ("rename wal/MANIFEST.tmp -> wal/MANIFEST"), its names
// taken from `names`, which must hold the state just before the event.
std::string FormatEvent(const Event& event, const PathTracker& names,
                        const PrintOptions& options = {});

}  // namespace powercut::trace

#endif  // POWERCUT_FAULTFS_TRACE_TRACE_PRINTER_H_
