// Bytes a stdio call moves to the kernel (RECORDING.md, "stdio"). glibc's streams write through
// internal calls the shim cannot see, so the shim interposes the stdio functions instead and
// accounts for the stream's buffer around each call:
//
//   bytes that reached the kernel = (buffered before ‖ bytes the call added) minus what is
//   buffered after, from the front (a stream writes its oldest bytes first);
//
// checked by comparing the bytes still buffered with the tail of that sequence. They are output
// on the output pipe, or a `write` at the offset they ended at (the descriptor's offset after
// the call, or the file's end for an append stream) on a file in DIR. A call that failed, or a
// buffer the accounting cannot explain, falls back to reading back the range the descriptor's
// offset moved over (files) or to a warning (output).
//
// A call holds the stream's lock, then the record lock, so nothing else writes the stream or the
// file meanwhile. Bytes enter the trace when they reach the kernel: a line printed into a buffer
// is no promise until the buffer is flushed.
#ifndef POWERCUT_FAULTFS_PRELOAD_STDIO_ACCOUNTING_H_
#define POWERCUT_FAULTFS_PRELOAD_STDIO_ACCOUNTING_H_

#include <stdio.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "faultfs/preload/fd_class.h"

namespace powercut::preload {

// What is known about a stream before a call.
class StreamCall {
 public:
  // Classifies `stream`; when it is tracked, takes its lock and the record lock and notes its
  // buffer. REQUIRES: inside a ShimScope.
  explicit StreamCall(FILE* stream);
  // Releases the locks.
  ~StreamCall();
  StreamCall(const StreamCall&) = delete;
  StreamCall& operator=(const StreamCall&) = delete;

  // The stream is on the output pipe or a file in DIR: the call must be accounted.
  bool tracked() const { return tracked_; }
  // Records what the call moved to the kernel; `added` is what it handed to the stream,
  // `succeeded` whether it reported success.
  void Finish(std::string_view added, bool succeeded);

 private:
  FILE* stream_;
  bool tracked_ = false;
  bool locked_ = false;
  int fd_ = -1;
  FdInfo info_;
  bool append_ = false;
  uint64_t position_before_ = 0;  // descriptor offset (file end when appending)
  std::string buffered_before_;
};

// `call()` on `stream`, accounting for the bytes it moves: `added` (what it gives the stream),
// `succeeded(result)` (whether its result means success). REQUIRES: inside a ShimScope.
template <typename Call, typename Succeeded>
auto AccountedCall(FILE* stream, std::string_view added, Call&& call, Succeeded&& succeeded) {
  StreamCall accounting(stream);
  auto result = call();
  if (accounting.tracked()) accounting.Finish(added, succeeded(result));
  return result;
}

// Flushes `stream`, recording what it writes (before fclose, fseek, freopen, which flush inside
// libc). REQUIRES: inside a ShimScope.
void AccountedFlush(FILE* stream);
// Flushes every tracked stream (fflush(NULL), and at exit before libc's own flush).
void AccountedFlushAll();

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_STDIO_ACCOUNTING_H_
