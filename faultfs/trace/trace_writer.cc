#include "faultfs/trace/trace_writer.h"

#include <string>

namespace powercut::trace {

Result<TraceWriter> TraceWriter::Create(File& file) {
  POWERCUT_ASSIGN_OR_RETURN(const uint64_t size, file.Size());
  if (size != 0) {
    return Status::FailedPrecondition(file.path() + ": a new trace needs an empty file, not " +
                                      std::to_string(size) + " bytes");
  }
  TraceWriter writer(file);
  POWERCUT_RETURN_IF_ERROR(writer.WriteRecord(EncodeHeader()));
  return writer;
}

Status TraceWriter::WriteRecord(const Bytes& record) {
  if (!failed_.ok()) {
    return Status::FailedPrecondition(file_->path() +
                                      ": trace writer failed earlier: " + failed_.ToString());
  }
  Status written = file_->WriteAt(end_, record);
  if (!written.ok()) {
    failed_ = written;
    return written;
  }
  end_ += record.size();
  return Status::Ok();
}

Status TraceWriter::Append(const Event& event) {
  POWERCUT_RETURN_IF_ERROR(ValidateEvent(event));
  if (event.overlap > appended_) {
    return Status::InvalidArgument(std::string(EventTypeName(event.type)) + " event: overlap " +
                                   std::to_string(event.overlap) + " exceeds the " +
                                   std::to_string(appended_) + " events before it");
  }
  if (event.overlap != 0) {
    Event stored = event;
    stored.overlap = splits_.StoredOverlap(appended_, event.overlap);
    POWERCUT_RETURN_IF_ERROR(WriteRecord(EncodeRecord(stored)));
  } else if (event.type != EventType::kWrite || event.data.size() <= kMaxDataBytes) {
    POWERCUT_RETURN_IF_ERROR(WriteRecord(EncodeRecord(event)));
  } else {
    POWERCUT_RETURN_IF_ERROR(AppendSplit(event));
  }
  const uint64_t stored_events =
      event.type == EventType::kWrite && event.data.size() > kMaxDataBytes
          ? (event.data.size() + kMaxDataBytes - 1) / kMaxDataBytes
          : 1;
  splits_.Add(appended_++, stored_events);
  events_written_ += stored_events;
  return Status::Ok();
}

Status TraceWriter::AppendSplit(const Event& event) {
  // One piece at a time (not SplitWrite), so at most one piece is copied at once.
  for (size_t at = 0; at < event.data.size(); at += kMaxDataBytes) {
    Event piece{.type = EventType::kWrite, .inode = event.inode, .offset = event.offset + at};
    piece.data = event.data.substr(at, kMaxDataBytes);
    POWERCUT_RETURN_IF_ERROR(WriteRecord(EncodeRecord(piece)));
  }
  return Status::Ok();
}

Status TraceWriter::EndInitialState() {
  if (initial_state_ended_) {
    return Status::FailedPrecondition(file_->path() + ": the initial state already ended");
  }
  POWERCUT_RETURN_IF_ERROR(WriteRecord(EncodeInitialStateEndsRecord()));
  initial_state_ended_ = true;
  return Status::Ok();
}

Status TraceWriter::AddWarning(std::string_view text) {
  if (text.size() > kMaxDataBytes) {
    return Status::InvalidArgument("trace warning of " + std::to_string(text.size()) +
                                   " bytes, more than 16 MiB");
  }
  return WriteRecord(EncodeWarningRecord(text));
}

Status TraceWriter::Write(const Trace& trace) {
  if (appended_ != 0 || initial_state_ended_) {
    return Status::FailedPrecondition(file_->path() + ": a whole trace goes into a new file");
  }
  if (trace.first_crash_point > trace.events.size()) {
    return Status::InvalidArgument("trace's first crash point is past its last event");
  }
  for (size_t i = 0; i < trace.events.size(); ++i) {  // all or nothing, as far as we can tell
    const Status valid = ValidateEvent(trace.events[i]);
    if (!valid.ok()) return valid.WithContext("event " + std::to_string(i));
    if (trace.events[i].overlap > i) {
      return Status::InvalidArgument("event " + std::to_string(i) + ": overlap " +
                                     std::to_string(trace.events[i].overlap) +
                                     " reaches before the first event");
    }
  }
  for (const std::string& warning : trace.warnings) {
    if (warning.size() > kMaxDataBytes) return Status::InvalidArgument("warning over 16 MiB");
  }
  for (size_t i = 0; i <= trace.events.size(); ++i) {
    if (i == trace.first_crash_point) POWERCUT_RETURN_IF_ERROR(EndInitialState());
    if (i == trace.events.size()) break;
    POWERCUT_RETURN_IF_ERROR(Append(trace.events[i]));
  }
  for (const std::string& warning : trace.warnings) POWERCUT_RETURN_IF_ERROR(AddWarning(warning));
  return Status::Ok();
}

Status WriteTraceFile(FileSystem& fs, const std::string& path, const Trace& trace) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kCreateTruncate));
  POWERCUT_ASSIGN_OR_RETURN(TraceWriter writer, TraceWriter::Create(*file));
  POWERCUT_RETURN_IF_ERROR(writer.Write(trace));
  return file->Close();
}

}  // namespace powercut::trace
