// PathTracker: the names of inodes, as the namespace events of a trace make and change them.
//
// Replays create, mkdir, rename, unlink, link and rmdir (other events change no name) and answers
// "what is the path of inode X now", relative to the directory under test: "." for the root,
// "wal/MANIFEST" for a file in it. For "just before event i", replay events [0, i) (Before).
//
// Determinism: a file with several hard links is named by its oldest surviving link, where a
// rename keeps the age of the link it moves; the answer depends only on the events.
// Total: any event sequence is accepted, including inconsistent ones from a partial or damaged
// trace. A name that does not exist is simply not there to remove, a second name for an entry
// replaces the first, and a directory cycle is cut ("<loop>/...").
#ifndef POWERCUT_FAULTFS_TRACE_PATH_TRACKER_H_
#define POWERCUT_FAULTFS_TRACE_PATH_TRACKER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faultfs/trace/event.h"

namespace powercut::trace {

class PathTracker {
 public:
  PathTracker() = default;  // only the root exists

  // The tracker after events[0, index): the names just before event `index`.
  // REQUIRES: index <= events.size().
  static PathTracker Before(const std::vector<Event>& events, size_t index);

  // Applies one event; events that change no name are ignored.
  void Apply(const Event& event);

  // The path of `inode`: "." for the root, "wal/x" for a linked inode, "<deleted ino 7>" for one
  // whose last name was removed, "<unknown ino 9>" for one no event has named. When a parent
  // has no name (only in inconsistent traces), its placeholder starts the path.
  std::string PathOf(InodeId inode) const;
  // Every path of `inode`, oldest link first; {"."} for the root, empty when it has no name.
  std::vector<std::string> PathsOf(InodeId inode) const;
  // The path entry `name` of directory `dir` has or would have ("wal" and "x" -> "wal/x").
  std::string EntryPath(InodeId dir, std::string_view name) const;
  // The inode entry `name` of `dir` refers to, if it exists.
  std::optional<InodeId> Lookup(InodeId dir, std::string_view name) const;
  // True for the root and for any inode that has a name.
  bool IsLinked(InodeId inode) const;

 private:
  struct Link {
    InodeId dir;
    std::string name;
    uint64_t age;  // order of creation: the oldest link names the inode
  };
  using Key = std::pair<InodeId, std::string>;  // (directory, name)

  void AddLink(InodeId dir, const std::string& name, InodeId inode, uint64_t age);
  // Removes the entry (dir, name), whatever it refers to. Returns the removed link's age.
  std::optional<uint64_t> RemoveEntry(InodeId dir, const std::string& name);
  std::string Placeholder(InodeId inode) const;

  std::map<Key, InodeId> entries_;
  std::map<InodeId, std::vector<Link>> links_;  // each sorted by age; no empty vectors
  std::set<InodeId> ever_named_;
  uint64_t next_age_ = 0;
};

}  // namespace powercut::trace

#endif  // POWERCUT_FAULTFS_TRACE_PATH_TRACKER_H_
