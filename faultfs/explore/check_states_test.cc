#include "faultfs/explore/check_states.h"

#include <atomic>
#include <mutex>

#include <boost/test/unit_test.hpp>

#include "faultfs/sim/sim_file_system.h"

namespace powercut::explore {
namespace {

// Three files written without any sync: dozens of crash states under posix.
trace::Trace ThreeUnsyncedFiles() {
  SimFileSystem fs;
  for (const char* name : {"a", "b", "c"}) {
    auto file = fs.Open(name, OpenMode::kCreate);
    BOOST_REQUIRE(file.ok());
    const std::string data = std::string(name) + "-data";
    BOOST_REQUIRE((*file)->WriteAt(0, std::as_bytes(std::span(data.data(), data.size()))).ok());
    fs.Line(std::string("wrote ") + name);
  }
  return fs.TakeTrace();
}

// The IDs of every state, in generation order.
std::vector<std::string> AllIds(const trace::Trace& trace) {
  crash::CrashStateGenerator generator(trace, {});
  std::vector<std::string> ids;
  generator.Run([&](const crash::CrashState& state, const FsImage&) {
    ids.push_back(state.id);
    return true;
  });
  return ids;
}

BOOST_AUTO_TEST_SUITE(check_states)

BOOST_AUTO_TEST_CASE(every_unique_state_is_checked_once_with_its_output) {
  const trace::Trace trace = ThreeUnsyncedFiles();
  crash::CrashStateGenerator generator(trace, {});
  std::mutex mu;
  std::vector<std::string> seen;
  size_t wrong_output = 0;  // counted here, checked below: Boost.Test's macros are not thread-safe
  const CheckResult result = CheckStates(
      generator,
      [&](const crash::CrashState& state, const FsImage&, const std::vector<std::string>& output) {
        std::lock_guard lock(mu);
        if (output.size() != state.output_lines) ++wrong_output;
        seen.push_back(state.id);
        return StateOutcome::Consistent();
      },
      {.jobs = 2});
  BOOST_TEST(wrong_output == 0u);
  BOOST_TEST(result.checked == result.stats.unique);
  BOOST_TEST(seen.size() == result.stats.unique);
  BOOST_TEST(result.stats.unique > 10u);
  BOOST_TEST(!result.stopped);
  BOOST_TEST(result.error.ok());
}

BOOST_AUTO_TEST_CASE(only_the_first_violations_in_generation_order_are_listed) {
  const trace::Trace trace = ThreeUnsyncedFiles();
  const std::vector<std::string> ids = AllIds(trace);
  for (const int jobs : {1, 3}) {
    crash::CrashStateGenerator generator(trace, {});
    const CheckResult result = CheckStates(
        generator,
        [](const crash::CrashState& state, const FsImage&, const std::vector<std::string>&) {
          return StateOutcome::Violation("bad " + state.id, "details");
        },
        {.jobs = jobs, .max_violations_listed = 3});
    BOOST_TEST(result.violating == ids.size());
    BOOST_REQUIRE(result.violations.size() == 3u);
    for (size_t i = 0; i < 3; ++i) {
      BOOST_TEST(result.violations[i].state_id == ids[i]);
      BOOST_TEST(result.violations[i].reason == "bad " + ids[i]);
      BOOST_TEST(result.violations[i].details == "details");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_error_stops_the_exploration_and_names_the_state) {
  const trace::Trace trace = ThreeUnsyncedFiles();
  const std::vector<std::string> ids = AllIds(trace);
  for (const int jobs : {1, 2}) {
    crash::CrashStateGenerator generator(trace, {});
    std::atomic<int> calls{0};
    const CheckResult result = CheckStates(
        generator,
        [&](const crash::CrashState& state, const FsImage&, const std::vector<std::string>&) {
          ++calls;
          if (state.id == ids[2]) return StateOutcome::Error(Status::IoError("scratch", 28));
          return StateOutcome::Consistent();
        },
        {.jobs = jobs});
    BOOST_TEST(!result.error.ok());
    BOOST_TEST(result.error.message().find("crash state " + ids[2]) != std::string::npos,
               result.error.ToString());
    BOOST_TEST(!result.stopped);  // an error is not an interruption
    BOOST_TEST(result.checked < ids.size());
    BOOST_TEST(static_cast<size_t>(calls.load()) < ids.size());
  }
}

BOOST_AUTO_TEST_CASE(the_stop_flag_ends_it_and_cancelled_checks_count_for_nothing) {
  const trace::Trace trace = ThreeUnsyncedFiles();
  for (const int jobs : {1, 2}) {
    crash::CrashStateGenerator generator(trace, {});
    std::atomic<bool> stop{false};
    std::atomic<int> consistent{0};
    const CheckResult result = CheckStates(
        generator,
        [&](const crash::CrashState&, const FsImage&, const std::vector<std::string>&) {
          if (consistent.load() >= 4) {
            stop.store(true);
            return StateOutcome::Cancelled();
          }
          ++consistent;
          return StateOutcome::Consistent();
        },
        {.jobs = jobs, .stop = &stop});
    BOOST_TEST(result.stopped);
    BOOST_TEST(result.error.ok());
    BOOST_TEST(result.checked == static_cast<size_t>(consistent.load()));
    BOOST_TEST(result.checked < result.stats.unique);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::explore
