// The initial state (RECORDING.md, "The recorder", step 1): what DIR holds when recording
// starts, written to a new capture file as mkdir/create/link/write events in raw ids, then the
// initial-state record. What DIR holds then is durable by definition. Afterwards the shim in
// every process of the workload appends to the same file.
#ifndef POWERCUT_FAULTFS_RECORD_INITIAL_STATE_H_
#define POWERCUT_FAULTFS_RECORD_INITIAL_STATE_H_

#include <string>
#include <vector>

#include "faultfs/fs/result.h"
#include "faultfs/trace/event.h"

namespace powercut::record {

struct InitialState {
  trace::InodeId dir_raw = trace::kNoInode;  // DIR's raw id
  std::vector<std::string> warnings;         // what DIR holds that is not modelled
};

// Creates `capture_path` (which must not exist) holding the trace header and DIR's initial state.
Result<InitialState> WriteInitialState(const std::string& dir, const std::string& capture_path);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_INITIAL_STATE_H_
