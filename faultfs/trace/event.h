// The trace: what a workload did to the directory under test, one Event per operation that took
// effect, in the order they took effect. Both recorders (SimFileSystem in process, the LD_PRELOAD
// shim for unmodified programs) produce this vocabulary, and the crash-state generator consumes
// it, so there is one fault model for both.
//
// Files and directories are identified by inode (InodeId), not by path, so a rename or an unlink
// of an open file is exact. The directory under test is inode kRootInode. Every event that names
// a directory entry also carries the inode the entry refers to, so that applying it to a crash
// state (where earlier events may not have persisted) stays well defined.
//
// Not modelled: file attributes other than size, symlinks, hard-link counts beyond reachability,
// mmap writes, O_DIRECT. Recorders report what they cannot see instead of dropping it.
#ifndef POWERCUT_FAULTFS_TRACE_EVENT_H_
#define POWERCUT_FAULTFS_TRACE_EVENT_H_

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace powercut::trace {

using InodeId = uint64_t;
inline constexpr InodeId kNoInode = 0;
inline constexpr InodeId kRootInode = 1;  // the directory under test

// Numbers are the on-disk type codes of TRACE.md: never reuse or renumber one.
enum class EventType : uint8_t {
  kCreate = 1,      // new empty file `inode` as entry `name` of directory `dir`
  kMkdir = 2,       // new empty directory `inode` as entry `name` of `dir`
  kWrite = 3,       // `data` written at `offset` of file `inode`
  kTruncate = 4,    // file `inode` set to `length` bytes (an open with O_TRUNC records this)
  kFallocate = 5,   // fallocate(`mode`, `offset`, `length`) on file `inode`
  kFsync = 6,       // fsync of `inode` (a file or a directory) returned 0
  kFdatasync = 7,   // fdatasync of `inode` returned 0
  kSync = 8,        // sync() or syncfs() returned
  kRename = 9,      // entry `name` of `dir` (inode `inode`) became entry `name2` of `dir2`,
                    // replacing whatever `name2` held
  kUnlink = 10,     // entry `name` of `dir` (file `inode`) removed
  kLink = 11,       // entry `name2` of `dir2` added for existing file `inode`
  kRmdir = 12,      // entry `name` of `dir` (empty directory `inode`) removed
  kOutput = 13,     // the workload printed the line `data` (without its newline) to stdout
  kSyncFailed = 14, // an fsync/fdatasync of `inode` failed: its dirty data may be lost for good
};

// fallocate mode bits (Linux values).
inline constexpr uint32_t kFallocKeepSize = 0x01;
inline constexpr uint32_t kFallocPunchHole = 0x02;
inline constexpr uint32_t kFallocZeroRange = 0x10;

struct Event {
  EventType type = EventType::kOutput;
  InodeId inode = kNoInode;  // the file or directory acted on, or created
  InodeId dir = kNoInode;    // parent of `name`
  InodeId dir2 = kNoInode;   // parent of `name2` (rename target, link)
  uint64_t offset = 0;       // kWrite, kFallocate
  uint64_t length = 0;       // kTruncate: the new size; kFallocate: the range length
  uint32_t mode = 0;         // kFallocate: kFalloc* bits
  std::string name;
  std::string name2;
  std::string data;  // kWrite: the bytes; kOutput: the line
  // Barriers (kFsync, kFdatasync, kSync, kSyncFailed): how many of the events just before this
  // one took effect while the call was in progress, from other threads or processes. The call
  // cannot have forced them: it forces only events[0, index - overlap). A recorder whose calls
  // are instantaneous (SimFileSystem) leaves it 0.
  uint64_t overlap = 0;

  bool operator==(const Event&) const = default;
};

std::string_view EventTypeName(EventType type);  // "write", "fsync", ...
std::ostream& operator<<(std::ostream& out, EventType type);
std::optional<EventType> EventTypeFromCode(uint8_t code);

// True for fsync, fdatasync and sync: the events that can force others (crash points "syncs").
bool IsBarrier(EventType type);

struct Trace {
  // events[0, first_crash_point) build the initial state: durable before the workload starts.
  std::vector<Event> events;
  size_t first_crash_point = 0;
  // What the recorder could not see (mmap writes, io_uring, ...): reported, never dropped.
  std::vector<std::string> warnings;

  bool operator==(const Trace&) const = default;
};

}  // namespace powercut::trace

#endif  // POWERCUT_FAULTFS_TRACE_EVENT_H_
