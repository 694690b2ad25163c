#include "harness/trace_input.h"

#include <sys/stat.h>

#include "faultfs/fs/posix_file_system.h"

namespace powercut::harness {

Result<trace::TraceReadResult> ReadTraceArgument(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument(path + " is a directory, not a trace file (record one with "
                                          "`powercut record -o FILE -- COMMAND`)");
  }
  PosixFileSystem fs;
  Result<trace::TraceReadResult> read = trace::ReadTraceFile(fs, path);
  if (!read.ok()) {
    const std::string hint = read.status().IsNotFound()
                                 ? " (record one with `powercut record -o " + path +
                                       " -- COMMAND`, or check the path)"
                                 : "";
    return Status::InvalidArgument("cannot read trace " + read.status().message() + hint);
  }
  return read;
}

std::string DamageMessage(const std::string& path, const trace::TraceReadResult& read) {
  if (read.valid_bytes == 0) {
    return path + " is not a readable powercut trace: " + read.status.message() +
           " (traces are written by `powercut record`; TRACE.md is the format)";
  }
  return path + " is damaged: " + read.status.message() + "; the " +
         std::to_string(read.trace.events.size()) +
         " events before it are intact (`powercut show " + path +
         "` lists them). Record the workload again for a whole trace.";
}

Result<trace::Trace> LoadWholeTrace(const std::string& path) {
  POWERCUT_ASSIGN_OR_RETURN(trace::TraceReadResult read, ReadTraceArgument(path));
  if (!read.status.ok()) return Status::InvalidArgument(DamageMessage(path, read));
  return std::move(read.trace);
}

}  // namespace powercut::harness
