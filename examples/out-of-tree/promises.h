// What the NoteLog example promises and how its checkers hold it to that (docs/cmake.md). Shared
// by the in-process crash test (note_log_crash_test.cc) and the `note-log` program the scenario
// files run (note_log_main.cc), so both judge a crash state by the same rule.
//
// The workload prints "ack N" once Append(N) returned: from then on notes 1..N must survive a
// power cut. The checker sees the lines printed before the crash and recovers the log.
#ifndef NOTE_LOG_EXAMPLE_PROMISES_H_
#define NOTE_LOG_EXAMPLE_PROMISES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "faultfs/fs/file_system.h"

namespace note_log {

// The line that acknowledges note `number`: "ack <number>".
std::string AckLine(uint64_t number);

// The highest N of the "ack N" lines in `output` (0 when there is none).
uint64_t LastAcknowledged(const std::vector<std::string>& output);

// Recovers the log in `fs` and compares it with the acknowledgements: nothing when every
// acknowledged note is there, else the broken promise in words
// ("ack 2 printed, but 1 notes recovered").
std::optional<std::string> BrokenPromise(powercut::FileSystem& fs,
                                         const std::vector<std::string>& output);

}  // namespace note_log

#endif  // NOTE_LOG_EXAMPLE_PROMISES_H_
