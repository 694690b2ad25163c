// Splitting the workload's stdout into lines (RECORDING.md, "Output"). Bytes printed by any
// process accumulate in the shared region's partial line; each newline completes a line, which
// becomes one `output` event at the write that printed the newline. A line longer than
// kOutputLineBytes is emitted in pieces of that size, so no byte is lost and no buffer grows.
#ifndef POWERCUT_FAULTFS_PRELOAD_OUTPUT_LINES_H_
#define POWERCUT_FAULTFS_PRELOAD_OUTPUT_LINES_H_

#include <cstring>
#include <string_view>

#include "faultfs/preload/shared_region.h"

namespace powercut::preload {

// Appends `bytes` to the partial line and calls `emit(std::string_view line)` (no newline) for
// each line they complete, in order. The view is valid only during the call. Adds the bytes to
// region.output_bytes. REQUIRES: the record lock is held.
template <typename Emit>
void FeedOutput(SharedRegion& region, std::string_view bytes, Emit&& emit) {
  region.output_bytes.fetch_add(bytes.size(), std::memory_order_relaxed);
  while (!bytes.empty()) {
    const size_t room = kOutputLineBytes - region.partial_line_bytes;
    const size_t newline = bytes.find('\n');
    if (newline != std::string_view::npos && newline <= room) {
      std::memcpy(region.partial_line + region.partial_line_bytes, bytes.data(), newline);
      emit(std::string_view(region.partial_line, region.partial_line_bytes + newline));
      region.partial_line_bytes = 0;
      bytes.remove_prefix(newline + 1);
      continue;
    }
    const size_t take = bytes.size() < room ? bytes.size() : room;
    std::memcpy(region.partial_line + region.partial_line_bytes, bytes.data(), take);
    region.partial_line_bytes += static_cast<uint32_t>(take);
    bytes.remove_prefix(take);
    if (region.partial_line_bytes == kOutputLineBytes) {
      emit(std::string_view(region.partial_line, kOutputLineBytes));
      region.partial_line_bytes = 0;
    }
  }
}

// The bytes printed after the last newline (the last line when the workload ended).
inline std::string_view PartialLine(const SharedRegion& region) {
  return {region.partial_line, region.partial_line_bytes};
}

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_OUTPUT_LINES_H_
