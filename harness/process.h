// The harness runs every child (checkers, setup commands) through the one spawner of powercut,
// faultfs/record/process.h; these names keep the harness's code unqualified.
#ifndef POWERCUT_HARNESS_PROCESS_H_
#define POWERCUT_HARNESS_PROCESS_H_

#include "faultfs/record/process.h"

namespace powercut::harness {

using record::FindProgram;
using record::ProcessResult;
using record::ProcessSpec;
using record::RunProcess;
using record::SignalName;

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_PROCESS_H_
