// Events for entries in DIR, shared by the namespace interposers (interpose_namespace.cc,
// interpose_rename.cc). Every Append* REQUIRES the record lock.
#ifndef POWERCUT_FAULTFS_PRELOAD_NAMESPACE_EVENTS_H_
#define POWERCUT_FAULTFS_PRELOAD_NAMESPACE_EVENTS_H_

#include <sys/stat.h>

#include <string_view>

#include "faultfs/preload/path_resolve.h"

namespace powercut::preload {

// A regular file or a directory: what the trace models.
bool Modelled(const struct stat& st);
bool IsDir(const struct stat& st);
// DIR itself.
bool IsRoot(const struct stat& st);

// The entry (just moved or linked into DIR from outside) and everything below it, as create,
// mkdir and write events: its contents appear in DIR at once.
void AppendMovedIn(const EntryRef& entry);
// An unlink (file) or rmdir (directory) of the entry, whose inode `st` describes.
void AppendRemoved(const EntryRef& entry, const struct stat& st);
void AppendRenamed(const EntryRef& from, const EntryRef& to, const struct stat& st);
// "<what> <entry> in DIR: not modelled, not recorded".
void WarnNotModelled(const EntryRef& entry, std::string_view what);

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_NAMESPACE_EVENTS_H_
