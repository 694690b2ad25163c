#include "faultfs/preload/namespace_events.h"

#include <limits.h>

#include <string>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/fd_class.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/tree_events.h"

namespace powercut::preload {

using trace::Event;
using trace::EventType;

bool Modelled(const struct stat& st) { return S_ISREG(st.st_mode) || S_ISDIR(st.st_mode); }
bool IsDir(const struct stat& st) { return S_ISDIR(st.st_mode); }
bool IsRoot(const struct stat& st) {
  return st.st_dev == Shim().dir_dev && st.st_ino == Shim().dir_ino;
}

void AppendMovedIn(const EntryRef& entry) {
  char buffer[PATH_MAX];
  const std::string_view path = entry.FullPath(buffer, sizeof(buffer));
  if (path.empty()) return;
  TreeSink sink{.emit = [](const Event& event) {
                  AppendEvent(event);
                  return Status::Ok();
                },
                .warn = [](std::string_view text) { Warn(text); }};
  (void)EmitEntry(std::string(path), entry.parent_raw(), std::string(entry.name()),
                  std::string(PathInDirShown(path)), sink);
}

void AppendRemoved(const EntryRef& entry, const struct stat& st) {
  AppendEvent(Event{.type = IsDir(st) ? EventType::kRmdir : EventType::kUnlink,
                    .inode = RawId(st), .dir = entry.parent_raw(),
                    .name = std::string(entry.name())});
}

void AppendRenamed(const EntryRef& from, const EntryRef& to, const struct stat& st) {
  AppendEvent(Event{.type = EventType::kRename, .inode = RawId(st), .dir = from.parent_raw(),
                    .dir2 = to.parent_raw(), .name = std::string(from.name()),
                    .name2 = std::string(to.name())});
}

void WarnNotModelled(const EntryRef& entry, std::string_view what) {
  WarningText text;
  text << what << " ";
  entry.AppendShown(text);
  text << " in DIR: not modelled, not recorded";
  Warn(text.view());
}

}  // namespace powercut::preload
