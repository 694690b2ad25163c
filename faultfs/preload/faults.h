// Fault injection through libfiu (RECORDING.md, "Faults"): every interposed call on DIR asks
// libfiu whether to fail, under points named like libfiu's own POSIX points. POWERCUT_FAULTS
// specs are libfiu points with an external callback that counts calls in the shared region, so
// "the 3rd fsync" means the 3rd of the whole workload, whichever process makes it. FIU_ENABLE
// (libfiu's syntax) and FIU_CTRL_FIFO (for fiu-ctrl) are applied first; POWERCUT_FAULTS replaces
// a point they also name. libfiu is loaded (dlopen) only in a process where one of the three is
// set.
#ifndef POWERCUT_FAULTFS_PRELOAD_FAULTS_H_
#define POWERCUT_FAULTFS_PRELOAD_FAULTS_H_

#include <cstddef>

#include "faultfs/preload/shared_region.h"

namespace powercut::preload {

enum class FaultPoint {
  kOpen, kWrite, kWriteShort, kTruncate, kFallocate, kFsync, kFdatasync, kSync,
  kRename, kUnlink, kMkdir, kRmdir, kLink,
};

// Sets libfiu up from the environment; true when any fault is configured. At initialisation.
bool InitialiseFaults(SharedRegion& region);

// The errno the call should fail with, or 0 to let it run. REQUIRES: ShimActive().
int InjectedError(FaultPoint point);
// The most bytes this write may move, or 0 for no limit. REQUIRES: ShimActive().
size_t ShortWriteLimit();

}  // namespace powercut::preload

#endif  // POWERCUT_FAULTFS_PRELOAD_FAULTS_H_
