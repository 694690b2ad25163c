#include "note_log.h"

#include <span>
#include <utility>
#include <string>

namespace note_log {
namespace {

constexpr const char* kLogName = "notes";

std::string Line(uint64_t number) { return "note " + std::to_string(number) + "\n"; }

}  // namespace

powercut::Result<NoteLog> NoteLog::Open(powercut::FileSystem& fs, Durability durability) {
  POWERCUT_ASSIGN_OR_RETURN(auto file, fs.Open(kLogName, powercut::OpenMode::kCreate));
  POWERCUT_RETURN_IF_ERROR(fs.SyncDir("."));  // the name of a new log must survive too
  POWERCUT_ASSIGN_OR_RETURN(uint64_t end, file->Size());
  return NoteLog(std::move(file), end, durability);
}

powercut::Status NoteLog::Append(uint64_t number) {
  const std::string line = Line(number);
  POWERCUT_RETURN_IF_ERROR(file_->WriteAt(end_, std::as_bytes(std::span(line.data(), line.size()))));
  end_ += line.size();
  if (durability_ == Durability::kSync) POWERCUT_RETURN_IF_ERROR(file_->Sync());
  return powercut::Status::Ok();
}

uint64_t RecoverNotes(powercut::FileSystem& fs) {
  auto file = fs.Open(kLogName, powercut::OpenMode::kReadOnly);
  if (!file.ok()) return 0;
  auto size = (*file)->Size();
  if (!size.ok()) return 0;
  std::string bytes(static_cast<size_t>(*size), '\0');
  auto read = (*file)->ReadAt(0, std::as_writable_bytes(std::span(bytes.data(), bytes.size())));
  if (!read.ok()) return 0;
  bytes.resize(*read);

  uint64_t notes = 0;
  size_t at = 0;
  for (std::string expected = Line(1); bytes.compare(at, expected.size(), expected) == 0;
       expected = Line(notes + 1)) {
    at += expected.size();
    ++notes;
  }
  return notes;
}

}  // namespace note_log
