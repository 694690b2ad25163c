// `powercut models` and `powercut show`.
#include <iomanip>

#include "faultfs/crash/model.h"
#include "faultfs/trace/trace_printer.h"
#include "harness/commands.h"
#include "harness/exit_codes.h"
#include "harness/trace_input.h"

namespace powercut::harness {

int RunModels(std::ostream& out) {
  for (const crash::Model model : crash::AllModels()) {
    out << std::left << std::setw(15) << crash::ModelName(model) << crash::ModelSummary(model)
        << "\n";
  }
  return kExitOk;
}

int RunShow(const std::string& trace_path, std::ostream& out, std::ostream& err) {
  const Result<trace::TraceReadResult> read = ReadTraceArgument(trace_path);
  if (!read.ok()) {
    err << "powercut show: " << read.status().message() << "\n";
    return kExitUsage;
  }
  if (read->valid_bytes > 0) out << trace::FormatTrace(read->trace);
  out.flush();
  if (!read->status.ok()) {
    err << "powercut show: " << DamageMessage(trace_path, *read) << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace powercut::harness
