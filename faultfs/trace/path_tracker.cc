#include "faultfs/trace/path_tracker.h"

#include <algorithm>

#include "faultfs/fs/status.h"

namespace powercut::trace {

PathTracker PathTracker::Before(const std::vector<Event>& events, size_t index) {
  POWERCUT_ASSERT(index <= events.size());
  PathTracker tracker;
  for (size_t i = 0; i < index; ++i) tracker.Apply(events[i]);
  return tracker;
}

void PathTracker::Apply(const Event& e) {
  // The root has no name of its own to change; inode 0 is nothing (a valid trace has neither).
  if (e.inode == kRootInode || e.inode == kNoInode) return;
  switch (e.type) {
    case EventType::kCreate:
    case EventType::kMkdir:
      AddLink(e.dir, e.name, e.inode, next_age_++);
      break;
    case EventType::kLink:
      AddLink(e.dir2, e.name2, e.inode, next_age_++);
      break;
    case EventType::kUnlink:
    case EventType::kRmdir:
      (void)RemoveEntry(e.dir, e.name);
      break;
    case EventType::kRename: {
      if (e.dir == e.dir2 && e.name == e.name2) break;
      // POSIX: renaming a name onto another name of the same file does nothing.
      if (Lookup(e.dir2, e.name2) == e.inode && Lookup(e.dir, e.name) == e.inode) break;
      std::optional<uint64_t> age;
      if (Lookup(e.dir, e.name) == e.inode) age = RemoveEntry(e.dir, e.name);
      AddLink(e.dir2, e.name2, e.inode, age.value_or(next_age_++));
      break;
    }
    default:
      break;
  }
}

void PathTracker::AddLink(InodeId dir, const std::string& name, InodeId inode, uint64_t age) {
  (void)RemoveEntry(dir, name);  // the new link replaces whatever the name held
  entries_[Key(dir, name)] = inode;
  std::vector<Link>& links = links_[inode];
  const auto at = std::upper_bound(links.begin(), links.end(), age,
                                   [](uint64_t a, const Link& link) { return a < link.age; });
  links.insert(at, Link{dir, name, age});
  ever_named_.insert(inode);
}

std::optional<uint64_t> PathTracker::RemoveEntry(InodeId dir, const std::string& name) {
  const auto entry = entries_.find(Key(dir, name));
  if (entry == entries_.end()) return std::nullopt;
  const InodeId inode = entry->second;
  entries_.erase(entry);
  std::vector<Link>& links = links_[inode];
  std::optional<uint64_t> age;
  for (auto it = links.begin(); it != links.end(); ++it) {
    if (it->dir == dir && it->name == name) {
      age = it->age;
      links.erase(it);
      break;
    }
  }
  if (links.empty()) links_.erase(inode);
  return age;
}

std::optional<InodeId> PathTracker::Lookup(InodeId dir, std::string_view name) const {
  const auto entry = entries_.find(Key(dir, std::string(name)));
  if (entry == entries_.end()) return std::nullopt;
  return entry->second;
}

bool PathTracker::IsLinked(InodeId inode) const {
  return inode == kRootInode || links_.contains(inode);
}

std::string PathTracker::Placeholder(InodeId inode) const {
  return std::string(ever_named_.contains(inode) ? "<deleted ino " : "<unknown ino ") +
         std::to_string(inode) + ">";
}

std::string PathTracker::PathOf(InodeId inode) const {
  std::vector<const std::string*> names;  // leaf first
  std::string head;                       // what the path starts with, if not the root
  InodeId at = inode;
  while (at != kRootInode) {
    // A chain longer than the number of named inodes has gone round a cycle.
    if (names.size() > links_.size()) {
      head = "<loop>";
      break;
    }
    const auto links = links_.find(at);
    if (links == links_.end()) {
      head = Placeholder(at);
      break;
    }
    const Link& oldest = links->second.front();
    names.push_back(&oldest.name);
    at = oldest.dir;
  }
  if (names.empty()) return head.empty() ? "." : head;
  std::string path = head;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (!path.empty()) path += '/';
    path += **it;
  }
  return path;
}

std::vector<std::string> PathTracker::PathsOf(InodeId inode) const {
  if (inode == kRootInode) return {"."};
  std::vector<std::string> paths;
  const auto links = links_.find(inode);
  if (links == links_.end()) return paths;
  for (const Link& link : links->second) paths.push_back(EntryPath(link.dir, link.name));
  return paths;
}

std::string PathTracker::EntryPath(InodeId dir, std::string_view name) const {
  const std::string parent = PathOf(dir);
  if (parent == ".") return std::string(name);
  return parent + "/" + std::string(name);
}

}  // namespace powercut::trace
