// RecordWorkload: runs a scenario's workload once and returns its trace.
//
// The directory under test starts with the scenario's `files`, then its `setup` commands run in
// it (not traced); what they leave is the initial, durable state. Then:
//   - a builtin workload runs in process on a SimFileSystem holding that state;
//   - a command runs under the LD_PRELOAD shim (faultfs/record) with that directory as its
//     working directory, with the scenario's faults and environment.
// A workload that fails, is killed or times out is not an error: its trace up to then is explored
// and the recording says how it ended.
#ifndef POWERCUT_HARNESS_WORKLOAD_RECORDING_H_
#define POWERCUT_HARNESS_WORKLOAD_RECORDING_H_

#include <string>
#include <vector>

#include "faultfs/fs/result.h"
#include "faultfs/trace/event.h"
#include "harness/scenario.h"
#include "reports/run_report.h"

namespace powercut::harness {

struct RecordedWorkload {
  trace::Trace trace;
  reports::ScenarioReport::Recording info;  // trace_path is left to the caller
};

// `dir`: the directory under test, created; it must not exist or be empty. Errors: a setup
// command that cannot run or fails (FailedPrecondition naming it), a file that cannot be
// written, a command that cannot be recorded (the recorder's error).
Result<RecordedWorkload> RecordWorkload(const Scenario& scenario, const std::string& dir);

// True when this build can record command workloads (it has the LD_PRELOAD recorder).
bool CanRecordCommands();

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_WORKLOAD_RECORDING_H_
