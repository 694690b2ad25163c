// note-log: NoteLog as a program, for the example's scenario files (note-log.toml,
// note-log-no-sync.toml), where `powercut run` records it under the LD_PRELOAD shim and runs it
// again as the checker of every crash state. Both commands work on `notes` in the current
// directory (the directory under test, or a crash state's copy of it).
//
//   note-log append COUNT [--no-sync]   appends notes 1..COUNT, printing "ack N" after each
//   note-log check --acked FILE         exit 0 when every note acknowledged in FILE (the
//                                       workload's output up to the crash) was recovered,
//                                       else exit 1 with the broken promise on stdout
// Bad usage exits 125: for powercut a checker that cannot run is a harness error, not a verdict.
#include <charconv>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "faultfs/fs/posix_file_system.h"
#include "note_log.h"
#include "promises.h"

namespace {

constexpr int kUsage = 125;

int Usage() {
  std::cerr << "usage: note-log append COUNT [--no-sync] | note-log check --acked FILE\n";
  return kUsage;
}

int Append(uint64_t count, note_log::Durability durability) {
  powercut::PosixFileSystem fs;
  auto log = note_log::NoteLog::Open(fs, durability);
  if (!log.ok()) {
    std::cerr << "note-log: " << log.status().ToString() << "\n";
    return 1;
  }
  for (uint64_t n = 1; n <= count; ++n) {
    if (const powercut::Status appended = log->Append(n); !appended.ok()) {
      std::cerr << "note-log: " << appended.ToString() << "\n";
      return 1;
    }
    // Flushed at once: the promise must be in the output before the next note is written.
    std::cout << note_log::AckLine(n) << std::endl;
  }
  return 0;
}

int Check(const std::string& acked_file) {
  std::ifstream in(acked_file);
  if (!in) {
    std::cerr << "note-log: cannot read " << acked_file << "\n";
    return kUsage;
  }
  std::vector<std::string> output;
  for (std::string line; std::getline(in, line);) output.push_back(line);
  powercut::PosixFileSystem fs;
  if (const auto broken = note_log::BrokenPromise(fs, output)) {
    std::cout << *broken << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "append" && args.size() <= 3) {
    const bool no_sync = args.size() == 3 && args[2] == "--no-sync";
    if (args.size() == 3 && !no_sync) return Usage();
    uint64_t count = 0;
    const std::string& text = args[1];
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
    if (error != std::errc() || end != text.data() + text.size()) {
      std::cerr << "note-log: COUNT must be a whole number, not '" << text << "'\n";
      return kUsage;
    }
    return Append(count, no_sync ? note_log::Durability::kNoSync : note_log::Durability::kSync);
  }
  if (args.size() == 3 && args[0] == "check" && args[1] == "--acked") return Check(args[2]);
  return Usage();
}
