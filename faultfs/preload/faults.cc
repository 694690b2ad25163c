#include "faultfs/preload/faults.h"

#include <dlfcn.h>
#include <errno.h>
#include <fiu-control.h>
#include <fiu.h>
#include <stdlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "faultfs/preload/fault_spec.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

constexpr const char* kPointNames[] = {
    "powercut/io/oc/open",        "powercut/io/rw/write",    "powercut/io/rw/write/short",
    "powercut/io/rw/truncate",    "powercut/io/rw/fallocate", "powercut/io/sync/fsync",
    "powercut/io/sync/fdatasync", "powercut/io/sync/sync",   "powercut/io/dir/rename",
    "powercut/io/dir/unlink",     "powercut/io/dir/mkdir",   "powercut/io/dir/rmdir",
    "powercut/io/dir/link",
};

// libfiu, loaded when fault injection is configured: most processes of a workload never need
// it, and every shared library an exec'd program must load costs it time (RECORDING.md). When
// libfiu is already loaded (fiu_run_preload.so after the shim), dlopen returns that instance, so
// the process has one table of points, which FIU_ENABLE and fiu-ctrl both reach.
struct Fiu {
  decltype(&fiu_init) init = nullptr;
  decltype(&fiu_fail) fail = nullptr;
  decltype(&fiu_failinfo) failinfo = nullptr;
  decltype(&fiu_enable_external) enable_external = nullptr;
  decltype(&fiu_rc_fifo) rc_fifo = nullptr;
  decltype(&fiu_rc_string) rc_string = nullptr;
};
constinit Fiu g_fiu;

bool LoadFiu() {
  void* library = dlopen("libfiu.so.0", RTLD_NOW | RTLD_GLOBAL);
  if (library == nullptr) return false;
  g_fiu.init = reinterpret_cast<decltype(&fiu_init)>(dlsym(library, "fiu_init"));
  g_fiu.fail = reinterpret_cast<decltype(&fiu_fail)>(dlsym(library, "fiu_fail"));
  g_fiu.failinfo = reinterpret_cast<decltype(&fiu_failinfo)>(dlsym(library, "fiu_failinfo"));
  g_fiu.enable_external =
      reinterpret_cast<decltype(&fiu_enable_external)>(dlsym(library, "fiu_enable_external"));
  g_fiu.rc_fifo = reinterpret_cast<decltype(&fiu_rc_fifo)>(dlsym(library, "fiu_rc_fifo"));
  g_fiu.rc_string = reinterpret_cast<decltype(&fiu_rc_string)>(dlsym(library, "fiu_rc_string"));
  return g_fiu.init != nullptr && g_fiu.fail != nullptr && g_fiu.failinfo != nullptr &&
         g_fiu.enable_external != nullptr && g_fiu.rc_fifo != nullptr && g_fiu.rc_string != nullptr;
}

// The POWERCUT_FAULTS specs of this process, parsed at initialisation (same order in every
// process, so spec i counts in SharedRegion::fault_calls[i]).
constinit std::vector<FaultSpec>* g_specs = nullptr;
constinit SharedRegion* g_region = nullptr;

// libfiu's external callback: counts the call and decides. Runs under libfiu's read lock, on any
// thread; it must not call fiu_enable/fiu_disable (libfiu would deadlock).
int CountedDecision(const char* name, int* failnum, void** failinfo, unsigned* flags) {
  (void)failnum;
  (void)flags;
  for (size_t i = 0; i < g_specs->size(); ++i) {
    const FaultSpec& spec = (*g_specs)[i];
    if (!FaultPointMatches(spec.point, name)) continue;
    // A wildcard for errors never shortens writes: the short-write point takes bytes.
    if (name == kShortWritePoint && spec.point != kShortWritePoint) return 0;
    const uint64_t call = g_region->fault_calls[i].fetch_add(1, std::memory_order_relaxed) + 1;
    if (!FaultFires(spec, call)) return 0;
    // libfiu carries the errno (or byte count) as a pointer-sized failinfo.
    *failinfo = reinterpret_cast<void*>(static_cast<uintptr_t>(spec.value));  // NOLINT(performance-no-int-to-ptr)
    return 1;
  }
  return 0;
}

// Applies FIU_ENABLE's lines, as libfiu's fiu_run_preload does.
bool ApplyFiuEnable() {
  const char* commands = getenv("FIU_ENABLE");  // NOLINT(concurrency-mt-unsafe): at init
  if (commands == nullptr || *commands == '\0') return false;
  std::string all(commands);
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(start, end - start);
    if (!line.empty()) {
      char* error = nullptr;
      g_fiu.rc_string(line.c_str(), &error);
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

bool InitialiseFaults(SharedRegion& region) {
  const char* faults = getenv("POWERCUT_FAULTS");   // NOLINT(concurrency-mt-unsafe)
  const char* fifo = getenv("FIU_CTRL_FIFO");       // NOLINT(concurrency-mt-unsafe)
  const char* enable = getenv("FIU_ENABLE");        // NOLINT(concurrency-mt-unsafe)
  const bool any = (faults != nullptr && *faults != '\0') || (fifo != nullptr && *fifo != '\0') ||
                   (enable != nullptr && *enable != '\0');
  if (!any) return false;
  if (!LoadFiu()) {
    AddWarning(region, "fault injection was asked for, but libfiu.so.0 could not be loaded: no "
                       "fault was injected");
    return false;
  }
  g_fiu.init(0);
  if (fifo != nullptr && *fifo != '\0') g_fiu.rc_fifo(fifo);
  ApplyFiuEnable();
  if (faults != nullptr && *faults != '\0') {
    Result<std::vector<FaultSpec>> specs = ParseFaultSpecs(faults);
    if (!specs.ok()) {
      AddWarning(region, "POWERCUT_FAULTS ignored: it does not parse");
      return true;
    }
    g_region = &region;
    g_specs = new std::vector<FaultSpec>(std::move(specs).value());  // lives as long as the process
    for (const FaultSpec& spec : *g_specs) {
      g_fiu.enable_external(spec.point.c_str(), 1, nullptr, 0, &CountedDecision);
    }
  }
  return true;
}

int InjectedError(FaultPoint point) {
  if (!Shim().faults) return 0;
  if (g_fiu.fail(kPointNames[static_cast<int>(point)]) == 0) return 0;
  const auto info = reinterpret_cast<uintptr_t>(g_fiu.failinfo());
  return info != 0 ? static_cast<int>(info) : EIO;
}

size_t ShortWriteLimit() {
  if (!Shim().faults) return 0;
  if (g_fiu.fail(kPointNames[static_cast<int>(FaultPoint::kWriteShort)]) == 0) return 0;
  const auto info = reinterpret_cast<uintptr_t>(g_fiu.failinfo());
  return info != 0 ? static_cast<size_t>(info) : 1;
}

}  // namespace powercut::preload
