#include "faultfs/record/initial_state.h"

#include <sys/stat.h>

#include <memory>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/preload/tree_events.h"
#include "faultfs/trace/trace_writer.h"

namespace powercut::record {

Result<InitialState> WriteInitialState(const std::string& dir, const std::string& capture_path) {
  InitialState state;
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return Status::IoError(dir + ": stat", errno);
  state.dir_raw = preload::RawId(st);

  PosixFileSystem fs;
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file,
                            fs.Open(capture_path, OpenMode::kCreateExclusive));
  POWERCUT_ASSIGN_OR_RETURN(trace::TraceWriter writer, trace::TraceWriter::Create(*file));
  const preload::TreeSink sink{
      .emit = [&writer](const trace::Event& event) { return writer.Append(event); },
      .warn = [&state](std::string_view text) {
        state.warnings.push_back("initial state: " + std::string(text));
      },
  };
  POWERCUT_RETURN_IF_ERROR(preload::EmitDirectoryContents(dir, state.dir_raw, "", sink));
  POWERCUT_RETURN_IF_ERROR(writer.EndInitialState());
  POWERCUT_RETURN_IF_ERROR(file->Close());
  return state;
}

}  // namespace powercut::record
