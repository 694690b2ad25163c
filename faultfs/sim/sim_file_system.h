// SimFileSystem: the FileSystem interface in memory, recording a trace of what happens to it.
//
// Workloads written against FileSystem run on it unchanged; every operation that takes effect
// becomes one trace::Event (in the order operations take effect, across threads), and lines the
// workload prints through output() become output events in the same order. The trace then goes
// to the crash-state generator, exactly like a trace from the LD_PRELOAD recorder.
//
// What it models: a POSIX file system as a program sees it while running (all writes visible at
// once). Durability is not modelled here: that is the persistence models' job, on the trace.
// Not modelled: permissions, timestamps, symlinks, open directories as files, sparse files.
//
// Paths are relative to the simulated root ("wal/MANIFEST"; "." and a leading "/" mean the root).
// Thread-safe.
#ifndef POWERCUT_FAULTFS_SIM_SIM_FILE_SYSTEM_H_
#define POWERCUT_FAULTFS_SIM_SIM_FILE_SYSTEM_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "faultfs/fs/file_system.h"
#include "faultfs/image/fs_image.h"
#include "faultfs/trace/event.h"

namespace powercut {

// Where a workload prints what it promised ("ack 17"): one call per line, without the newline.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void Line(std::string_view line) = 0;
};

class SimFileSystem final : public FileSystem, public OutputSink {
 public:
  enum class Recording : uint8_t { kOn, kOff };

  // Starts from `initial` (default: an empty root). Its visible tree becomes the trace's initial
  // state (events before first_crash_point), durable before anything else happens. With
  // Recording::kOff nothing is recorded (a checker that is not itself crashed).
  explicit SimFileSystem(FsImage initial = FsImage(), Recording recording = Recording::kOn);

  // Records the line as an output event.
  void Line(std::string_view line) override;
  OutputSink& output() { return *this; }

  // Makes the next `count` fsync/fdatasync calls whose path satisfies `matches` fail with EIO,
  // recorded as sync-failed events (Linux: the dirty data may be lost for good).
  void FailSyncs(std::function<bool(const std::string& path)> matches, int count);

  trace::Trace TakeTrace();              // the trace so far; recording goes on with an empty one
  trace::Trace trace() const;            // a copy of the trace so far
  FsImage image() const;                 // a copy of the current (running) state

  Result<std::unique_ptr<File>> Open(const std::string& path, OpenMode mode) override;
  Status Rename(const std::string& source_path, const std::string& target_path) override;
  Status Unlink(const std::string& path) override;
  Status CreateDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> List(const std::string& path) override;

 private:
  friend class SimFile;
  struct Parent {
    InodeId dir;
    std::string_view name;  // within the path it was resolved from
  };
  Result<Parent> ResolveParent(std::string_view path) const;  // REQUIRES: mu_ held
  Result<InodeId> ResolveExisting(const std::string& path) const;
  void Record(trace::Event event);   // REQUIRES: mu_ held
  Status SyncFile(InodeId inode, const std::string& path, trace::EventType type);

  mutable std::mutex mu_;
  FsImage image_;
  trace::Trace trace_;
  InodeId next_inode_;
  const bool recording_;
  std::function<bool(const std::string&)> fail_sync_matches_;
  int fail_sync_count_ = 0;
};

}  // namespace powercut

#endif  // POWERCUT_FAULTFS_SIM_SIM_FILE_SYSTEM_H_
