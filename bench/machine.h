// What the figures were measured on: the machine, and the file system behind the bench directory.
#ifndef POWERCUT_BENCH_MACHINE_H_
#define POWERCUT_BENCH_MACHINE_H_

#include <string>

#include "faultfs/fs/result.h"

namespace powercut::bench {

struct FileSystemInfo {
  std::string mount_point;   // longest /proc/mounts entry containing the directory
  std::string type;          // e.g. "ext4"
  std::string device;        // e.g. "/dev/vda"
  std::string write_cache;   // /sys/class/block/<dev>/queue/write_cache, or "" if unknown
  bool in_memory = false;    // tmpfs or ramfs: fdatasync costs nothing there
};

// Describes the file system holding `dir` (which must exist).
Result<FileSystemInfo> DescribeFileSystem(const std::string& dir);

struct MachineInfo {
  std::string cpu_model;
  int cpus_online = 0;
  bool virtualized = false;  // the CPU reports the "hypervisor" flag
  std::string kernel;        // uname -srm
  std::string date_utc;      // ISO 8601
  std::string git_commit;    // the commit the binary was built from (see build_info.cmake)
  std::string load_average;  // /proc/loadavg's first three fields
};

MachineInfo DescribeMachine();
// /proc/loadavg's 1/5/15-minute averages, e.g. "0.12 0.30 0.25".
std::string LoadAverage();

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_MACHINE_H_
