#include "faultfs/preload/capture.h"

#include <errno.h>

#include <cstring>

#include "faultfs/preload/output_lines.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/trace/trace_format.h"

namespace powercut::preload {
namespace {

SharedRegion& Region() { return *Shim().region; }

// Appends one record to the capture (through the shared buffer). False, and the error
// remembered, when the file could not take it.
bool WriteRecord(const trace::Bytes& record) {
  SharedRegion& region = Region();
  for (int attempt = 0; attempt < 2; ++attempt) {
    int fd = Shim().capture_fd.load(std::memory_order_relaxed);
    // The file is needed only when the record does not fit in the buffer.
    if (fd < 0 && record.size() > kCaptureBufferBytes - region.capture_buffered && OpenCapture()) {
      fd = Shim().capture_fd.load(std::memory_order_relaxed);
    }
    if (AppendCaptureRecord(region, fd, record.data(), record.size())) return true;
    // The workload closed our descriptor with a raw syscall: reopen the capture once.
    if (errno == EBADF && attempt == 0 && OpenCapture()) continue;
    int32_t expected = 0;
    region.capture_error.compare_exchange_strong(expected, errno != 0 ? errno : EIO);
    return false;
  }
  return false;
}

}  // namespace

RecordLock::RecordLock() : locked_(LockRecord(Region())) {}
RecordLock::~RecordLock() {
  if (locked_) UnlockRecord(Region());
}

void AppendEvent(const trace::Event& event) {
  SharedRegion& region = Region();
  if (region.capture_error.load(std::memory_order_relaxed) != 0) return;
  if (event.type == trace::EventType::kWrite && event.data.size() > trace::kMaxDataBytes) {
    for (const trace::Event& piece : trace::SplitWrite(event)) {
      if (!WriteRecord(trace::EncodeRecord(piece))) return;
      ++region.records_appended;
    }
    return;
  }
  if (WriteRecord(trace::EncodeRecord(event))) ++region.records_appended;
}

uint64_t RecordsAppended() { return Region().records_appended; }

void AppendOutput(std::string_view bytes) {
  FeedOutput(Region(), bytes, [](std::string_view line) {
    AppendEvent(trace::Event{.type = trace::EventType::kOutput, .data = std::string(line)});
  });
}

void Warn(std::string_view text) { AddWarning(Region(), text); }

WarningText& WarningText::operator<<(std::string_view text) {
  const size_t take = std::min(text.size(), sizeof(buffer_) - length_);
  std::memcpy(buffer_ + length_, text.data(), take);
  length_ += take;
  return *this;
}

WarningText& WarningText::operator<<(uint64_t number) {
  char digits[20];
  size_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + number % 10);
    number /= 10;
  } while (number != 0);
  while (count > 0 && length_ < sizeof(buffer_)) buffer_[length_++] = digits[--count];
  return *this;
}

}  // namespace powercut::preload
