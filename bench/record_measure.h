// record_bench's measurements: a workload's wall time natively, under the shim (a full
// powercut recording) and under `strace -f`, interleaved round by round.
#ifndef POWERCUT_BENCH_RECORD_MEASURE_H_
#define POWERCUT_BENCH_RECORD_MEASURE_H_

#include <string>
#include <vector>

#include "faultfs/fs/result.h"

namespace powercut::bench {

struct RecordWorkload {
  std::string name;                  // "sqlite3", "shell loop", "tar -x"
  std::string description;           // what it does, for the report
  std::vector<std::string> command;  // run with a fresh, empty working directory
  bool has_targets = true;           // issue 4's targets apply (else: informational)
};

// sqlite3 (Debian's) doing `transactions` single-row INSERTs, each its own transaction, in
// DELETE journal mode with synchronous=FULL.
RecordWorkload SqliteWorkload(int transactions);
// sh appending a line to a file and running `sync FILE` (coreutils: an fsync), `appends` times.
RecordWorkload ShellLoopWorkload(int appends);
// sh running /bin/true `execs` times: what the shim costs each program it is loaded into.
RecordWorkload ExecLoopWorkload(int execs);
// The powercut-journal tool at `tool` appending `transactions` Immediate transactions (an
// fdatasync per commit) to a journal in the run directory.
RecordWorkload JournalToolWorkload(const std::string& tool, int transactions);
// `tar -xf ARCHIVE`: the archive MakeTarArchive wrote, extracted into the run directory.
RecordWorkload TarWorkload(const std::string& archive, int files);

// Writes `files` files of 512 bytes in 10 directories under `scratch`, archives them with tar
// into `scratch`/files.tar and removes them: the archive's path. Done once, before measuring.
Result<std::string> MakeTarArchive(const std::string& scratch, int files);

enum class Mode { kNative, kShim, kStrace };
std::string ModeName(Mode mode);

struct RecordRun {
  double seconds = 0;         // wall time of the workload (spawn to exit)
  double total_seconds = 0;   // kShim: the whole Record() call (initial state, finalising too)
  size_t events = 0;          // kShim: events in the trace
  size_t warnings = 0;        // kShim
};

struct RecordMeasurement {
  RecordWorkload workload;
  Mode mode = Mode::kNative;
  std::vector<RecordRun> runs;  // one per round
};

// Runs `rounds` rounds; each round runs every workload in every mode (the order of the modes
// rotating from round to round), each in a fresh directory under `scratch`. Fails when a
// workload fails or strace is missing.
Result<std::vector<RecordMeasurement>> MeasureRecording(const std::vector<RecordWorkload>& workloads,
                                                        int rounds, const std::string& scratch);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_RECORD_MEASURE_H_
