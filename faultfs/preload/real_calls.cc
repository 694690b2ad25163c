#include "faultfs/preload/real_calls.h"

namespace powercut::preload::real {

const char* ResolveRealCalls() {
  const char* missing = nullptr;
#define POWERCUT_RESOLVE_REAL_CALL(name) \
  if (Lookup(name##_slot, #name) == nullptr) missing = #name;
  POWERCUT_REAL_CALLS(POWERCUT_RESOLVE_REAL_CALL)
#undef POWERCUT_RESOLVE_REAL_CALL
  return missing;
}

}  // namespace powercut::preload::real
