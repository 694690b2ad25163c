// NoteLog: the code under test of the out-of-tree example (docs/cmake.md). An append-only log
// of numbered notes, one per line: "note 1\n", "note 2\n", ... in the file `notes`.
//
// Durability contract: once Append(n) returns OK, note n and every note before it survive a power
// cut. Append makes the note durable with fsync before it returns; the deliberately broken build
// (Durability::kNoSync, the classic bug) skips the fsync and so breaks the contract.
//
// Written against powercut::FileSystem only, so the same code runs on the real disk
// (PosixFileSystem, note-log) and in memory under the crash tester (SimFileSystem).
#ifndef NOTE_LOG_EXAMPLE_NOTE_LOG_H_
#define NOTE_LOG_EXAMPLE_NOTE_LOG_H_

#include <cstdint>
#include <memory>
#include <utility>

#include "faultfs/fs/file_system.h"

namespace note_log {

enum class Durability : uint8_t { kSync, kNoSync };

class NoteLog {
 public:
  // Opens (creating if needed, its name made durable) the log `notes` in the current directory.
  static powercut::Result<NoteLog> Open(powercut::FileSystem& fs, Durability durability);

  // Appends "note <number>\n" at the end of the file.
  powercut::Status Append(uint64_t number);

 private:
  NoteLog(std::unique_ptr<powercut::File> file, uint64_t end, Durability durability)
      : file_(std::move(file)), end_(end), durability_(durability) {}

  std::unique_ptr<powercut::File> file_;
  uint64_t end_;
  Durability durability_;
};

// Recovery: how many notes the log holds, i.e. the longest run of whole lines "note 1",
// "note 2", ... from the start. What follows (an append cut short by the power cut: a partial
// line, zeros) is ignored. A missing file holds none.
uint64_t RecoverNotes(powercut::FileSystem& fs);

}  // namespace note_log

#endif  // NOTE_LOG_EXAMPLE_NOTE_LOG_H_
