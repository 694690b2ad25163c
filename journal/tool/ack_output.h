// The workload's promises on stdout, written and read back.
//
// The workload prints `ack <id>` once Append(id) returned OK and `checkpoint <id>` once
// Checkpoint(id) did; a crash tester records stdout in order with the file operations, so the
// checker of a crash state sees exactly the lines printed before the crash (DESIGN.md 4-5).
// That only holds if a line reaches the kernel the instant it is printed: FdLineSink issues one
// write(2) per line and never buffers.
#ifndef POWERCUT_JOURNAL_TOOL_ACK_OUTPUT_H_
#define POWERCUT_JOURNAL_TOOL_ACK_OUTPUT_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/file_system.h"

namespace powercut::journal::tool {

// Where the workload's lines go. Thread-safe: lines of concurrent callers never interleave.
class LineSink {
 public:
  virtual ~LineSink() = default;
  // Emits `line` followed by '\n'.
  virtual Status WriteLine(std::string_view line) = 0;
};

// Writes each line to a file descriptor (stdout in the tool) with a single write(2) call,
// continued only after a partial write or EINTR. A mutex keeps those continuations of one line
// from interleaving with another thread's line. Does not own the descriptor.
class FdLineSink final : public LineSink {
 public:
  explicit FdLineSink(int fd) : fd_(fd) {}
  Status WriteLine(std::string_view line) override;

 private:
  const int fd_;
  std::mutex mu_;
};

// What a workload's output promised. Empty optionals: no such line was printed.
struct AckOutput {
  std::vector<uint64_t> acked;  // in the order printed
  std::optional<uint64_t> max_acked;
  std::optional<uint64_t> max_checkpoint;

  // The smallest acknowledged id above `txn`, if any: the first promise a log ending at `txn`
  // breaks.
  std::optional<uint64_t> FirstAckedAbove(uint64_t txn) const;
};

// Parses the output up to a crash point. Only complete lines count: a last line without its
// '\n' was cut by the crash. Lines other than `ack <n>` and `checkpoint <n>` (decimal, single
// spaces, nothing else) are ignored: the workload may share stdout with other output.
AckOutput ParseAckOutput(std::string_view text);
// The same for lines already split and complete (an in-process recorder's output events, each
// printed whole): equal to ParseAckOutput of the lines each followed by '\n', without joining.
AckOutput ParseAckLines(const std::vector<std::string>& lines);

// Reads `path` whole and parses it. Errors are the file's (not found, unreadable).
Result<AckOutput> ReadAckOutput(FileSystem& fs, const std::string& path);

}  // namespace powercut::journal::tool

#endif  // POWERCUT_JOURNAL_TOOL_ACK_OUTPUT_H_
