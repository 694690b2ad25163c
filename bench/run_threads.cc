#include "bench/run_threads.h"

#include <sys/resource.h>

namespace powercut::bench {

double ProcessCpuSeconds() {
  struct rusage usage {};
  (void)::getrusage(RUSAGE_SELF, &usage);  // cannot fail with RUSAGE_SELF and a valid pointer
  const auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace powercut::bench
