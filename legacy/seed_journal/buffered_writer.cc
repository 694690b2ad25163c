#include "legacy/seed_journal/buffered_writer.h"

namespace powercut::legacy {

Status BufferedWriter::WriteAll(journal::ByteView data) {
  if (buffer_.size() + data.size() > kCapacity) POWERCUT_RETURN_IF_ERROR(Flush());
  if (data.size() >= kCapacity) {
    POWERCUT_RETURN_IF_ERROR(file_->WriteAt(position_, data));
    position_ += data.size();
    return Status::Ok();
  }
  journal::PutBytes(buffer_, data);
  return Status::Ok();
}

Status BufferedWriter::Flush() {
  if (buffer_.empty()) return Status::Ok();
  // On an error the buffer is kept, as BufWriter keeps what it could not write.
  POWERCUT_RETURN_IF_ERROR(file_->WriteAt(position_, buffer_));
  position_ += buffer_.size();
  buffer_.clear();
  return Status::Ok();
}

Status BufferedWriter::SeekToStart() {
  POWERCUT_RETURN_IF_ERROR(Flush());
  position_ = 0;
  return Status::Ok();
}

}  // namespace powercut::legacy
