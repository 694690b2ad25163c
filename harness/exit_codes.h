// The exit codes of `powercut` (DESIGN.md section 3; docs/cli.md, "Exit codes").
#ifndef POWERCUT_HARNESS_EXIT_CODES_H_
#define POWERCUT_HARNESS_EXIT_CODES_H_

namespace powercut::harness {

inline constexpr int kExitOk = 0;         // no violation (explore), or the command did its job
inline constexpr int kExitViolation = 1;  // a crash state violated (explore, replay --checker)
inline constexpr int kExitUsage = 2;      // bad usage or input, or a harness error
inline constexpr int kExitSkipped = 77;   // run: a requirement is absent (CTest's skip code)
// Interrupted by signal n (SIGINT, SIGTERM): 128 + n, as a shell reports a process killed by it,
// so a partial result is never mistaken for a pass or a plain failure.
inline constexpr int kExitSignalBase = 128;

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_EXIT_CODES_H_
