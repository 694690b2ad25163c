// The builtin workloads and checkers of scenario files, by name (scenario.h): "journal"
// (builtin_journal.h) and "seed-journal" (builtin_seed_journal.h). The one place the harness
// chooses between them.
#ifndef POWERCUT_HARNESS_BUILTIN_WORKLOADS_H_
#define POWERCUT_HARNESS_BUILTIN_WORKLOADS_H_

#include <string>
#include <vector>

#include "faultfs/explore/explorer.h"
#include "harness/scenario.h"
#include "journal/tool/ack_output.h"

namespace powercut::harness {

// A builtin workload's lines (`ack N`...), as output events of the simulated file system.
class OutputLineSink final : public journal::tool::LineSink {
 public:
  explicit OutputLineSink(OutputSink& out) : out_(out) {}
  Status WriteLine(std::string_view line) override {
    out_.Line(line);
    return Status::Ok();
  }

 private:
  OutputSink& out_;
};

// REQUIRES: workload.builtin names a builtin (the loader checked it).
explore::Workload BuiltinWorkloadFunction(const ScenarioWorkload& workload);
explore::Checker BuiltinCheckerFunction(const ScenarioWorkload& workload);
// The command line that judges a state as the builtin checker does, for replay commands.
std::vector<std::string> BuiltinCheckerCommand(const ScenarioWorkload& workload);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_BUILTIN_WORKLOADS_H_
