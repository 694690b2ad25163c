#include "harness/process.h"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"
#include "harness/checker.h"
#include "harness/test_util.h"

namespace powercut::harness {
namespace {

using namespace std::chrono_literals;

ProcessResult Sh(const std::string& script, std::chrono::milliseconds timeout = 10s,
                 size_t capture = size_t{64} * 1024, int cancel_fd = -1) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.env = InheritedEnvironment();
  spec.timeout = timeout;
  spec.capture_bytes = capture;
  spec.cancel_fd = cancel_fd;
  Result<ProcessResult> result = RunProcess(spec);
  BOOST_REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  return *result;
}

// True once `pid` is gone or a zombie (killed, not yet reaped by its new parent), within 5 s.
bool Dies(const std::string& pid_text) {
  const std::string pid = pid_text.substr(0, pid_text.find('\n'));
  BOOST_REQUIRE(!pid.empty());
  for (int i = 0; i < 500; ++i) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const size_t paren = line.rfind(')');
    if (paren != std::string::npos && line.size() > paren + 2 && line[paren + 2] == 'Z') return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

BOOST_AUTO_TEST_SUITE(process)

BOOST_AUTO_TEST_CASE(exit_code_and_both_streams_are_captured) {
  const ProcessResult r = Sh("echo out; echo err >&2; exit 3");
  BOOST_TEST(static_cast<int>(r.end) == static_cast<int>(ProcessResult::End::kExited));
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out == "out\n");
  BOOST_TEST(r.err == "err\n");
  BOOST_TEST(r.out_bytes == 4u);
}

BOOST_AUTO_TEST_CASE(death_by_signal_is_reported_with_its_name) {
  const ProcessResult r = Sh("kill -SEGV $$");
  BOOST_TEST(static_cast<int>(r.end) == static_cast<int>(ProcessResult::End::kSignaled));
  BOOST_TEST(r.signal == SIGSEGV);
  BOOST_TEST(SignalName(r.signal) == "SIGSEGV");
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_the_whole_process_group) {
  testing::TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult r = Sh("sleep 60 & echo $! > " + dir.Join("pid") + "; sleep 60", 300ms);
  BOOST_TEST(static_cast<int>(r.end) == static_cast<int>(ProcessResult::End::kTimedOut));
  BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
  BOOST_TEST(Dies(test::ReadFile(dir.Join("pid"))));
}

BOOST_AUTO_TEST_CASE(what_a_process_left_running_is_killed_when_it_exits) {
  const ProcessResult r = Sh("sleep 60 >/dev/null 2>&1 & echo $!");
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(Dies(r.out));
}

BOOST_AUTO_TEST_CASE(capture_is_bounded_and_the_rest_is_counted) {
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult r = Sh("head -c 10000000 /dev/zero | tr '\\0' a; echo done >&2", 30s, 1000);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.size() == 1000u);
  BOOST_TEST(r.out == std::string(1000, 'a'));
  BOOST_TEST(r.out_bytes == 10'000'000u);
  BOOST_TEST(r.err == "done\n");
  BOOST_TEST((std::chrono::steady_clock::now() - start < 20s));
}

BOOST_AUTO_TEST_CASE(a_readable_cancel_fd_kills_it) {
  const int fd = ::eventfd(0, EFD_CLOEXEC);
  BOOST_REQUIRE(fd >= 0);
  ssize_t written = 0;  // checked after join: Boost.Test's macros are not thread-safe
  std::thread canceller([fd, &written] {
    std::this_thread::sleep_for(200ms);
    const uint64_t one = 1;
    written = ::write(fd, &one, sizeof(one));
  });
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult r = Sh("sleep 60", 60s, 1024, fd);
  canceller.join();
  ::close(fd);
  BOOST_TEST(written == 8);
  BOOST_TEST(static_cast<int>(r.end) == static_cast<int>(ProcessResult::End::kCancelled));
  BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
}

BOOST_AUTO_TEST_CASE(stdin_is_empty_and_signals_start_at_their_defaults) {
  BOOST_TEST(Sh("cat").out.empty());  // would hang on an inherited terminal or pipe
  // powercut ignores SIGPIPE; a checker must not inherit that (a non-interactive sh keeps
  // ignored signals ignored for good, and `producer | head -1` would then never end).
  struct sigaction ignore {};
  struct sigaction old {};
  ignore.sa_handler = SIG_IGN;
  BOOST_REQUIRE(::sigaction(SIGPIPE, &ignore, &old) == 0);
  const ProcessResult r = Sh("kill -PIPE $$; sleep 5");
  BOOST_REQUIRE(::sigaction(SIGPIPE, &old, nullptr) == 0);
  BOOST_TEST(static_cast<int>(r.end) == static_cast<int>(ProcessResult::End::kSignaled));
  BOOST_TEST(r.signal == SIGPIPE);
}

BOOST_AUTO_TEST_CASE(a_working_directory_that_does_not_exist_is_an_error) {
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "true"};
  spec.cwd = "/nonexistent/powercut-test";
  const Result<ProcessResult> r = RunProcess(spec);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.status().message().find("/nonexistent/powercut-test") != std::string::npos,
             r.status().ToString());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
