// The process helper: spawning, missing programs, environment and directory, timeouts, process
// groups.
#include "faultfs/record/process.h"

#include <signal.h>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"

namespace powercut::record {
namespace {

using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(process)

BOOST_AUTO_TEST_CASE(run_captures_output_and_the_exit_code) {
  Result<RunResult> run = Run({.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"}}, std::nullopt);
  BOOST_TEST_REQUIRE(run.ok(), run.status().ToString());
  BOOST_TEST(run->stdout_text == "out\n");
  BOOST_TEST(run->stderr_text == "err\n");
  BOOST_TEST((run->status.exit_code && *run->status.exit_code == 3));
  BOOST_TEST(run->status.Describe() == "exit code 3");
}

BOOST_AUTO_TEST_CASE(a_missing_program_is_not_found) {
  Result<RunResult> run = Run({.argv = {"powercut-no-such-program"}}, std::nullopt);
  BOOST_TEST(run.status().IsNotFound(), run.status().ToString());
  BOOST_TEST(Run({.argv = {"true"}, .cwd = "/nonexistent/dir"}, std::nullopt).status().IsInvalidArgument());
  BOOST_TEST(Run({.argv = {}}, std::nullopt).status().IsInvalidArgument());
}

BOOST_AUTO_TEST_CASE(the_child_runs_in_its_directory_with_its_environment) {
  powercut::testing::TempDir dir;
  Result<RunResult> run = Run({.argv = {"sh", "-c", "pwd; echo $ONLY"}, .cwd = dir.path(),
                               .env = std::vector<std::string>{"ONLY=this", "PATH=/usr/bin:/bin"}},
                              std::nullopt);
  BOOST_TEST_REQUIRE(run.ok());
  BOOST_TEST(run->stdout_text == dir.path() + "\nthis\n");
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_the_whole_group) {
  Result<RunResult> run =
      Run({.argv = {"sh", "-c", "sleep 30 & sleep 30; echo never"}}, milliseconds(200));
  BOOST_TEST_REQUIRE(run.ok());
  BOOST_TEST(run->timed_out);
  BOOST_TEST((run->status.signal && *run->status.signal == SIGKILL));
  BOOST_TEST(run->stdout_text.empty());
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
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!child->OthersInGroup().empty() && std::chrono::steady_clock::now() < give_up) {
    ::usleep(10000);
  }
  BOOST_TEST(child->OthersInGroup().empty());
  BOOST_TEST(child->Reap().success());
}

BOOST_AUTO_TEST_CASE(waiting_past_a_deadline_returns_nothing_and_the_destructor_kills) {
  Result<Child> child = Child::Spawn({.argv = {"sleep", "30"}});
  BOOST_TEST_REQUIRE(child.ok());
  BOOST_TEST(!child->WaitUntil(std::chrono::steady_clock::now() + milliseconds(50)).has_value());
  BOOST_TEST(!child->Exited().has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record
