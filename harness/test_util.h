// Test helpers for harness/: traces recorded on SimFileSystem and written with TraceWriter, and
// a way to run the real `powercut` binary.
#ifndef POWERCUT_HARNESS_TEST_UTIL_H_
#define POWERCUT_HARNESS_TEST_UTIL_H_

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "faultfs/trace/event.h"
#include "harness/process.h"

namespace powercut::harness::test {

// The initial state holds "f" = "old" (durable). The workload writes "f.tmp" = "new", renames
// it over "f" and prints "saved": no fsync at all. Under posix the rename can persist without
// the data (an empty "f"); prefix keeps order; drop-unsynced keeps nothing; ext4-ordered's
// auto_da_alloc makes the replacing rename wait for the data.
trace::Trace ReplaceWithoutFsync();

// The same, done right: fsync "f.tmp", rename, fsync ".", then print "saved".
trace::Trace ReplaceDurably();

// `files` files, each created, written with `writes` 512-byte writes and renamed, with no sync:
// many crash states (posix, max_deviations 2).
trace::Trace ManyUnsyncedFiles(int files, int writes);

// "big.tmp" created, 300 KiB written in one write, renamed to "big"; no sync.
trace::Trace OneBigFile();

// Writes `trace` to `path` with TraceWriter; fails the test on error.
void WriteTraceFile(const std::string& path, const trace::Trace& trace);

// Runs the powercut binary built with the tests, with `args`, in `cwd`.
ProcessResult RunPowercut(const std::vector<std::string>& args, const std::string& cwd = "",
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Starts the powercut binary with `args`, its stdout to the file `stdout_path`, lets it run for
// `before`, sends it `signal`, and returns its exit code (fails the test unless it exited).
int InterruptPowercut(const std::vector<std::string>& args, const std::string& stdout_path,
                      std::chrono::milliseconds before, int signal);

// Writes `text` to `path`; fails the test on error.
void WriteTextFile(const std::string& path, const std::string& text);

// Runs `script` with /bin/sh -c.
ProcessResult RunShell(const std::string& script,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A Boost.Test precondition: whether this process may mount a tmpfs in a mount namespace of its
// own (`unshare -m`; root, in practice). Tests of full disks need it.
boost::test_tools::assertion_result CanMountPrivately(boost::unit_test::test_unit_id);

// The whole file, or "" when it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace powercut::harness::test

#endif  // POWERCUT_HARNESS_TEST_UTIL_H_
