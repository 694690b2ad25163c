// EventNames: how explanations and group keys name the events of a trace.
//
//   Text(3)    "write wal/x @4096+512"        (the `powercut show` line, without data bytes)
//   Quoted(3)  "`write wal/x @4096+512` (#3)"
//   TargetOf   what an fsync must name to make an event durable: the file for data and size,
//              the directory holding the (new) name for an entry
//   Site(3)    "write wal/N append"           (digit runs as N: the same code at another
//              iteration, segment or txn has the same site; used by group keys)
//
// Names are the paths just before the event (PathTracker). Queries in increasing event order
// are cheapest (one walk of the trace); any order is correct.
#ifndef POWERCUT_FAULTFS_REDUCE_EVENT_NAMES_H_
#define POWERCUT_FAULTFS_REDUCE_EVENT_NAMES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "faultfs/crash/timeline.h"
#include "faultfs/trace/path_tracker.h"

namespace powercut::reduce {

struct SyncTarget {
  trace::InodeId inode = trace::kNoInode;
  bool directory = false;
  std::string path;  // when the event took effect

  // "`f.tmp`", "the directory `.`"
  std::string Phrase() const;
  bool operator==(const SyncTarget& other) const {
    return inode == other.inode && directory == other.directory;
  }
};

// `text` with every run of digits replaced by "N".
std::string NormalizeDigits(std::string_view text);

class EventNames {
 public:
  // `timeline` must outlive this.
  explicit EventNames(const crash::Timeline& timeline);

  std::string Text(size_t event);
  std::string Quoted(size_t event);
  SyncTarget TargetOf(size_t event);
  std::string Site(size_t event);
  // The path of `inode` just before `event`.
  std::string PathBefore(size_t event, trace::InodeId inode);

 private:
  const trace::PathTracker& Before(size_t event);
  const trace::Event& event(size_t index) const { return timeline_.trace().events[index]; }

  const crash::Timeline& timeline_;
  trace::PathTracker tracker_;
  size_t position_ = 0;  // tracker_ holds the names just before this event
};

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_EVENT_NAMES_H_
