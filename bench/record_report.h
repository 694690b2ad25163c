// record_bench's markdown report: the machine, the conditions, one table per workload, the
// targets of issue 4 (shim <= 1.3x native; at least 5x less added time than strace).
#ifndef POWERCUT_BENCH_RECORD_REPORT_H_
#define POWERCUT_BENCH_RECORD_REPORT_H_

#include <string>
#include <vector>

#include "bench/machine.h"
#include "bench/record_measure.h"

namespace powercut::bench {

struct RecordReport {
  MachineInfo machine;
  FileSystemInfo file_system;
  std::string dir;
  int rounds = 0;
  bool smoke = false;
  std::string load_before;  // /proc/loadavg when measuring began and ended
  std::string load_after;
  bool load_waited_out = false;  // the load never fell below the limit: measured anyway
  double max_load = 0;
  std::vector<RecordMeasurement> measurements;
};

std::string RenderRecordMarkdown(const RecordReport& report);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_RECORD_REPORT_H_
