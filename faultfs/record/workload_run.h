// Running the workload to its end (RECORDING.md, "The recorder", step 3): its stdout pipe is
// forwarded while it runs; at the timeout its process group is killed; when it exits, processes
// it left in its group get a short grace and are then killed; then the pipe is drained.
#ifndef POWERCUT_FAULTFS_RECORD_WORKLOAD_RUN_H_
#define POWERCUT_FAULTFS_RECORD_WORKLOAD_RUN_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "faultfs/record/process.h"

namespace powercut::record {

struct WorkloadEnd {
  ExitStatus status;
  bool timed_out = false;
  bool cancelled = false;
  uint64_t stdout_bytes = 0;          // read from the pipe
  std::vector<std::string> warnings;  // timeout, leftovers killed, pipe held open
};

struct WorkloadWatch {
  std::optional<std::chrono::milliseconds> timeout;
  std::chrono::milliseconds grace{500};  // for processes left behind
  std::ostream* forward = nullptr;       // where stdout is copied; null: dropped
  int cancel_fd = -1;  // when it becomes readable, the group is killed as at the timeout; -1: none
};

// Takes ownership of `stdout_read` (the pipe's read end) and reaps `child`.
WorkloadEnd WatchWorkload(Child& child, int stdout_read, const WorkloadWatch& watch);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_WORKLOAD_RUN_H_
