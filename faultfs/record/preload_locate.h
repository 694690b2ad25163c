// Where the shim (libpowercut-preload.so) is: the path given, else $POWERCUT_PRELOAD, else next
// to the running executable or in ../lib beside it (an installed tree), else where this build
// put it.
#ifndef POWERCUT_FAULTFS_RECORD_PRELOAD_LOCATE_H_
#define POWERCUT_FAULTFS_RECORD_PRELOAD_LOCATE_H_

#include <string>

#include "faultfs/fs/result.h"

namespace powercut::record {

inline constexpr const char* kPreloadFileName = "libpowercut-preload.so";

// The shim's absolute path. NotFound names every place looked at.
Result<std::string> LocatePreload(const std::string& given);

}  // namespace powercut::record

#endif  // POWERCUT_FAULTFS_RECORD_PRELOAD_LOCATE_H_
