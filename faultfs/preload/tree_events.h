// The events that build an existing file or directory tree from nothing: the recorder's initial
// state (everything DIR holds when recording starts) and, in the shim, a file or directory moved
// into DIR from outside (its contents appear in DIR at once).
//
// Events use raw ids (st_ino + 1, RECORDING.md "Identity"). Directories come before what they
// hold; a file's further names (hard links inside the tree) become `link` events. What the trace
// cannot model (symlinks, FIFOs, sockets, devices) and other file systems mounted inside the
// tree are skipped and reported through `warn`.
#ifndef POWERCUT_FAULTFS_PRELOAD_TREE_EVENTS_H_
#define POWERCUT_FAULTFS_PRELOAD_TREE_EVENTS_H_

#include <sys/stat.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "faultfs/fs/result.h"
#include "faultfs/fs/status.h"
#include "faultfs/trace/event.h"

namespace powercut::preload {

inline trace::InodeId RawId(const struct stat& st) { return static_cast<trace::InodeId>(st.st_ino) + 1; }

struct TreeSink {
  std::function<Status(const trace::Event&)> emit;
  std::function<void(std::string_view)> warn;
  // Data of one write event at most (files are read in pieces of this size).
  size_t chunk_bytes = 4u << 20;
};

// Emits the entries inside directory `dir_path` (not the directory itself), whose raw id is
// `dir_raw`, recursively. Entries are visited in name order, so the events are deterministic.
// `shown_as` names the directory in warnings ("" for DIR itself).
Status EmitDirectoryContents(const std::string& dir_path, trace::InodeId dir_raw,
                             const std::string& shown_as, const TreeSink& sink);

// Emits entry `name` of directory `parent_raw`, found at `path`: create + writes for a file,
// mkdir + its contents for a directory; a warning for anything else.
Status EmitEntry(const std::string& path, trace::InodeId parent_raw, const std::string& name,
                 const std::string& shown_as, const TreeSink& sink);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_TREE_EVENTS_H_
