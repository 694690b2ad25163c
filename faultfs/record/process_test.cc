// The process helper: spawning, missing programs, environment and directory, captured streams,
// timeouts, cancellation, process groups, signal dispositions.
#include "faultfs/record/process.h"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"

namespace powercut::record {
namespace {

using namespace std::chrono_literals;

ProcessResult Sh(const std::string& script, std::chrono::milliseconds timeout = 10s,
                 size_t capture = size_t{64} * 1024, int cancel_fd = -1) {
  Result<ProcessResult> result = RunProcess({.argv = {"/bin/sh", "-c", script},
                                             .timeout = timeout,
                                             .capture_bytes = capture,
                                             .cancel_fd = cancel_fd});
  BOOST_REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  return *result;
}

bool Ended(const ProcessResult& r, ProcessResult::End end) { return r.end == end; }

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

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

BOOST_AUTO_TEST_SUITE(process)

BOOST_AUTO_TEST_CASE(exit_code_and_both_streams_are_captured) {
  const ProcessResult r = Sh("echo out; echo err >&2; exit 3");
  BOOST_TEST(Ended(r, ProcessResult::End::kExited));
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out == "out\n");
  BOOST_TEST(r.err == "err\n");
  BOOST_TEST(r.out_bytes == 4u);
  BOOST_TEST(r.Describe() == "exit code 3");
}

BOOST_AUTO_TEST_CASE(death_by_signal_is_reported_with_its_name) {
  const ProcessResult r = Sh("kill -SEGV $$");
  BOOST_TEST(Ended(r, ProcessResult::End::kSignaled));
  BOOST_TEST(r.signal == SIGSEGV);
  BOOST_TEST(r.Describe() == "killed by SIGSEGV");
  BOOST_TEST(SignalName(77) == "signal 77");
}

BOOST_AUTO_TEST_CASE(a_missing_program_or_directory_is_refused_by_name) {
  const Result<ProcessResult> missing = RunProcess({.argv = {"powercut-no-such-program"}});
  BOOST_TEST(missing.status().IsNotFound(), missing.status().ToString());
  const Result<ProcessResult> nowhere =
      RunProcess({.argv = {"true"}, .cwd = "/nonexistent/powercut-test"});
  BOOST_TEST(nowhere.status().IsInvalidArgument());
  BOOST_TEST(nowhere.status().message().find("/nonexistent/powercut-test") != std::string::npos,
             nowhere.status().ToString());
  BOOST_TEST(RunProcess({.argv = {}}).status().IsInvalidArgument());
}

BOOST_AUTO_TEST_CASE(the_program_is_found_in_path_and_runs_in_its_directory_with_its_environment) {
  powercut::testing::TempDir dir;
  const Result<ProcessResult> r =
      RunProcess({.argv = {"sh", "-c", "pwd; echo $ONLY"},
                  .env = std::vector<std::string>{"ONLY=this", "PATH=/usr/bin:/bin"},
                  .cwd = dir.path()});
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->out == dir.path() + "\nthis\n");
  BOOST_TEST(FindProgram("sh").ends_with("/sh"));
  BOOST_TEST(FindProgram("powercut-no-such-program").empty());
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_the_whole_process_group) {
  testing::TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult r = Sh("sleep 60 & echo $! > " + dir.Join("pid") + "; sleep 60", 300ms);
  BOOST_TEST(Ended(r, ProcessResult::End::kTimedOut));
  BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
  BOOST_TEST(Dies(ReadText(dir.Join("pid"))));
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
  BOOST_TEST(Ended(r, ProcessResult::End::kCancelled));
  BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
}

BOOST_AUTO_TEST_CASE(stdin_is_empty_and_signals_start_at_their_defaults) {
  BOOST_TEST(Sh("cat").out.empty());  // would hang on an inherited terminal or pipe
  // powercut ignores SIGPIPE; a child must not inherit that (a non-interactive sh keeps ignored
  // signals ignored for good, and `producer | head -1` would then never end).
  struct sigaction ignore {};
  struct sigaction old {};
  ignore.sa_handler = SIG_IGN;
  BOOST_REQUIRE(::sigaction(SIGPIPE, &ignore, &old) == 0);
  const ProcessResult r = Sh("kill -PIPE $$; sleep 5");
  BOOST_REQUIRE(::sigaction(SIGPIPE, &old, nullptr) == 0);
  BOOST_TEST(Ended(r, ProcessResult::End::kSignaled));
  BOOST_TEST(r.signal == SIGPIPE);
}

BOOST_AUTO_TEST_CASE(processes_left_in_the_group_are_found_and_killed) {
  int pipe_fds[2];
  BOOST_TEST_REQUIRE(::pipe(pipe_fds) == 0);
  Result<Child> child = Child::Spawn({.argv = {"sh", "-c", "sleep 30 & echo started"},
                                      .stdout_stream = StdStream::Fd(pipe_fds[1])});
  ::close(pipe_fds[1]);
  BOOST_TEST_REQUIRE(child.ok(), child.status().ToString());
  const std::optional<ExitStatus> status = child->WaitUntil(std::nullopt);
  BOOST_TEST_REQUIRE(status.has_value());
  BOOST_TEST(status->success());
  BOOST_TEST(child->OthersInGroup().size() == 1u);  // the sleep
  child->KillGroup(SIGKILL);
  char buffer[64];
  while (::read(pipe_fds[0], buffer, sizeof(buffer)) > 0) {  // EOF once the sleep is dying
  }
  ::close(pipe_fds[0]);
  // A dying process closes its files before it becomes a zombie: give it a moment.
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (!child->OthersInGroup().empty() && std::chrono::steady_clock::now() < give_up) {
    ::usleep(10000);
  }
  BOOST_TEST(child->OthersInGroup().empty());
  BOOST_TEST(child->Reap().success());
}

BOOST_AUTO_TEST_CASE(waiting_past_a_deadline_returns_nothing_and_the_destructor_kills) {
  Result<Child> child = Child::Spawn({.argv = {"sleep", "30"}});
  BOOST_TEST_REQUIRE(child.ok());
  BOOST_TEST(!child->WaitUntil(std::chrono::steady_clock::now() + 50ms).has_value());
  BOOST_TEST(!child->Exited().has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record
