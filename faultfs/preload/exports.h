// Brackets the interposed functions of a file: C linkage and default visibility, so that they
// are exported (the version script, exports.map, keeps everything else local).
#ifndef POWERCUT_FAULTFS_PRELOAD_EXPORTS_H_
#define POWERCUT_FAULTFS_PRELOAD_EXPORTS_H_

// NOLINTBEGIN(bugprone-macro-parentheses)
#define POWERCUT_EXPORTS_BEGIN extern "C" { _Pragma("GCC visibility push(default)")
#define POWERCUT_EXPORTS_END _Pragma("GCC visibility pop") }
// NOLINTEND(bugprone-macro-parentheses)

#endif  // POWERCUT_FAULTFS_PRELOAD_EXPORTS_H_
