// BufferedWriter: Rust's std::io::BufWriter over a File opened without O_APPEND, as the seed
// journal uses it. Bytes written go to a user-space buffer (8 KiB) and reach the file, at the
// writer's own position, only when the buffer overflows, on Flush, or on SeekToStart. Until then
// a process crash loses them: the point of legacy defect 6. Not thread-safe (the journal locks).
#ifndef POWERCUT_LEGACY_SEED_JOURNAL_BUFFERED_WRITER_H_
#define POWERCUT_LEGACY_SEED_JOURNAL_BUFFERED_WRITER_H_

#include <cstddef>
#include <cstdint>

#include "faultfs/fs/file_system.h"
#include "journal/coding.h"

namespace powercut::legacy {

class BufferedWriter {
 public:
  static constexpr size_t kCapacity = size_t{8} * 1024;  // BufWriter's default

  // `file` must outlive the writer (or Detach be called). The position starts at 0.
  explicit BufferedWriter(File* file) : file_(file) {}

  // Buffers `data`, first flushing the buffer if it would overflow; data of kCapacity or more
  // bypasses the buffer and is written at once.
  Status WriteAll(journal::ByteView data);
  // Writes the buffer at the position and advances it.
  Status Flush();
  // Flushes, then moves the position to 0 (the seed seeks *after* truncating).
  Status SeekToStart();
  size_t buffered() const { return buffer_.size(); }
  uint64_t position() const { return position_; }

 private:
  File* file_;
  uint64_t position_ = 0;
  journal::Bytes buffer_;
};

}  // namespace powercut::legacy

#endif  // POWERCUT_LEGACY_SEED_JOURNAL_BUFFERED_WRITER_H_
