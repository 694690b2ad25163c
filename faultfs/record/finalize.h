// From capture to trace (RECORDING.md, "The recorder", step 4). The capture is a trace in raw
// ids (st_ino + 1) written by the recorder (the initial state) and by every process of the
// workload (the shim); the trace uses ids that name one file each:
//
//   - DIR is inode 1; every other id is given at the create or mkdir that makes it, so a create
//     of a raw id seen before is a new file that reused a freed inode number;
//   - an event on a raw id no create made (a file the recorder never saw created: made by a
//     program the shim was not in) cannot be placed, and is dropped with a warning;
//   - a barrier's overlap counts the kept events among those it overlapped;
//   - the bytes printed after the last newline become the last output event;
//   - every event is validated (ValidateEvent), and an invalid one is dropped with a warning.
//
// Pure: no I/O, so every rule is tested on hand-made captures.
#ifndef POWERCUT_FAULTFS_RECORD_FINALIZE_H_
#define POWERCUT_FAULTFS_RECORD_FINALIZE_H_

#include <string>
#include <string_view>
#include <vector>

#include "faultfs/trace/event.h"

namespace powercut::record {

struct Capture {
  trace::Trace raw;                   // as read from the capture file (raw ids)
  trace::InodeId dir_raw = trace::kNoInode;
  std::string partial_line;           // printed after the last newline
  std::vector<std::string> warnings;  // the shim's and the recorder's, in order
};

trace::Trace FinalizeCapture(const Capture& capture);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_FINALIZE_H_
