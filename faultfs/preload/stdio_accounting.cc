#include "faultfs/preload/stdio_accounting.h"

#include <fcntl.h>
#include <unistd.h>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/write_recording.h"

// glibc's list of open streams (libio), exported since GLIBC_2.2.5: how fflush(NULL) and exit
// find every stream.
// NOLINTNEXTLINE(readability-identifier-naming,bugprone-reserved-identifier)
extern "C" FILE* _IO_list_all;  // the first stream; each links the next through _chain
// NOLINTNEXTLINE(readability-identifier-naming,bugprone-reserved-identifier)
extern "C" void _IO_list_lock(void);
// NOLINTNEXTLINE(readability-identifier-naming,bugprone-reserved-identifier)
extern "C" void _IO_list_unlock(void);

namespace powercut::preload {
namespace {

// glibc's FILE flags (libio.h; part of its ABI since the struct is public).
constexpr int kCurrentlyPutting = 0x0800;
constexpr int kIsAppending = 0x1000;

// The bytes `stream` holds that it has not written yet.
std::string_view Buffered(const FILE* stream) {
  if ((stream->_flags & kCurrentlyPutting) == 0 || stream->_IO_write_ptr <= stream->_IO_write_base) {
    return {};
  }
  return {stream->_IO_write_base,
          static_cast<size_t>(stream->_IO_write_ptr - stream->_IO_write_base)};
}

}  // namespace

StreamCall::StreamCall(FILE* stream) : stream_(stream) {
  if (stream == nullptr) return;
  fd_ = stream->_fileno;
  if (fd_ < 0) return;
  info_ = ClassifyFd(fd_);
  if (info_.kind == FdKind::kOther) return;
  tracked_ = true;
  flockfile(stream);
  LockRecord(*Shim().region);
  locked_ = true;
  buffered_before_ = Buffered(stream);
  if (info_.kind == FdKind::kInDir) {
    append_ = (stream->_flags & kIsAppending) != 0 || info_.append;
    struct stat st {};
    const off_t position = append_ ? (::fstat(fd_, &st) == 0 ? st.st_size : -1)
                                   : ::lseek(fd_, 0, SEEK_CUR);
    position_before_ = position < 0 ? 0 : static_cast<uint64_t>(position);
  }
}

StreamCall::~StreamCall() {
  if (!locked_) return;
  UnlockRecord(*Shim().region);
  funlockfile(stream_);
}

void StreamCall::Finish(std::string_view added, bool succeeded) {
  ErrnoKeeper keep;
  const std::string_view after = Buffered(stream_);
  std::string sequence = buffered_before_;
  sequence.append(added);
  const bool explained =
      succeeded && after.size() <= sequence.size() &&
      std::string_view(sequence).substr(sequence.size() - after.size()) == after;
  const size_t written = explained ? sequence.size() - after.size() : 0;

  if (info_.kind == FdKind::kOutput) {
    if (written > 0) AppendOutput(std::string_view(sequence).substr(0, written));
    if (!explained && succeeded) {
      Warn("a stdio stream on stdout changed in a way the shim could not account for: some "
           "output lines may be missing");
    }
    return;
  }
  struct stat st {};
  const off_t position = append_ ? (::fstat(fd_, &st) == 0 ? st.st_size : -1)
                                 : ::lseek(fd_, 0, SEEK_CUR);
  if (position < 0) return;
  const auto position_after = static_cast<uint64_t>(position);
  if (explained) {
    if (written == 0 || position_after < written) return;
    sequence.resize(written);
    AppendEvent(trace::Event{.type = trace::EventType::kWrite, .inode = info_.raw(),
                             .offset = position_after - written, .data = std::move(sequence)});
  } else if (position_after > position_before_) {
    AppendWrittenRange(fd_, info_.raw(), position_before_, position_after - position_before_);
  }
}

void AccountedFlush(FILE* stream) {
  AccountedCall(stream, {}, [&] { return real::fflush(stream); },
                [](int result) { return result == 0; });
}

void AccountedFlushAll() {
  _IO_list_lock();
  for (FILE* stream = _IO_list_all; stream != nullptr; stream = stream->_chain) {
    if (!Buffered(stream).empty()) AccountedFlush(stream);
  }
  _IO_list_unlock();
}

}  // namespace powercut::preload
