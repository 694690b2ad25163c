// cli_example_trace: writes the trace the examples of docs/cli.md explore, recorded in process
// on SimFileSystem (until `powercut record` records unmodified programs).
//
// The workload saves a settings file by writing "settings.tmp", renaming it over "settings" and
// printing "saved". Without --durable it syncs nothing (the classic bug: after a power cut
// "settings" can be empty); with --durable it fsyncs the new file before the rename and the
// directory after it.
//
//   cli_example_trace FILE [--durable]
#include <iostream>
#include <string>
#include <string_view>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/sim/sim_file_system.h"
#include "faultfs/trace/trace_writer.h"

namespace {

using powercut::FileSystem;
using powercut::OpenMode;
using powercut::Status;

std::span<const std::byte> Bytes(std::string_view text) {
  return std::as_bytes(std::span(text.data(), text.size()));
}

Status SaveSettings(FileSystem& fs, powercut::OutputSink& out, bool durable) {
  POWERCUT_ASSIGN_OR_RETURN(auto tmp, fs.Open("settings.tmp", OpenMode::kCreateTruncate));
  POWERCUT_RETURN_IF_ERROR(tmp->WriteAt(0, Bytes("theme=dark\n")));
  if (durable) POWERCUT_RETURN_IF_ERROR(tmp->Sync());
  POWERCUT_RETURN_IF_ERROR(tmp->Close());
  POWERCUT_RETURN_IF_ERROR(fs.Rename("settings.tmp", "settings"));
  if (durable) POWERCUT_RETURN_IF_ERROR(fs.SyncDir("."));
  out.Line("saved");
  return Status::Ok();
}

Status WriteTrace(const std::string& path, bool durable) {
  powercut::FsImage initial;  // the disk before the workload: the old settings, durable
  initial.CreateFile(powercut::trace::kRootInode, "settings", 2);
  initial.Write(2, 0, "theme=light\n");
  initial.ExtendSize(2, 12);
  powercut::SimFileSystem sim(initial);
  POWERCUT_RETURN_IF_ERROR(SaveSettings(sim, sim.output(), durable));
  powercut::PosixFileSystem disk;
  POWERCUT_ASSIGN_OR_RETURN(auto file, disk.Open(path, OpenMode::kCreateTruncate));
  POWERCUT_ASSIGN_OR_RETURN(auto writer, powercut::trace::TraceWriter::Create(*file));
  POWERCUT_RETURN_IF_ERROR(writer.Write(sim.TakeTrace()));
  return file->Close();
}

}  // namespace

int main(int argc, char** argv) {
  const bool durable = argc == 3 && std::string_view(argv[2]) == "--durable";
  if (argc < 2 || (argc == 3 && !durable) || argc > 3) {
    std::cerr << "usage: cli_example_trace FILE [--durable]\n";
    return 2;
  }
  if (const Status s = WriteTrace(argv[1], durable); !s.ok()) {
    std::cerr << "cli_example_trace: " << s.ToString() << "\n";
    return 1;
  }
  return 0;
}
