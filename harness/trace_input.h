// Reading the TRACE argument of `show`, `explore` and `replay`, with the messages a user needs:
// which file, what is wrong with it, and what to do.
#ifndef POWERCUT_HARNESS_TRACE_INPUT_H_
#define POWERCUT_HARNESS_TRACE_INPUT_H_

#include <string>

#include "faultfs/fs/result.h"
#include "faultfs/trace/trace_format.h"

namespace powercut::harness {

// The file read and decoded as far as it is intact (`show` lists that part). Errors only when
// the file cannot be read at all (missing, a directory, no permission).
Result<trace::TraceReadResult> ReadTraceArgument(const std::string& path);

// The whole trace, or InvalidArgument when the file cannot be read or is damaged anywhere:
// exploring part of a trace would silently miss the crash points after the damage.
Result<trace::Trace> LoadWholeTrace(const std::string& path);

// "the 12 events before it are intact": what the damage message says about the readable part.
std::string DamageMessage(const std::string& path, const trace::TraceReadResult& read);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_TRACE_INPUT_H_
