// The out-of-tree example's crash test (docs/cmake.md): NoteLog explored in process against
// every power cut the posix model allows, built against an installed powercut
// (find_package(powercut), target powercut::explore).
//
// The workload appends three notes and promises each one ("ack N") once Append returned. The
// checker recovers the log and holds it to those promises: every acknowledged note is there
// (promises.h; the scenario files hold the `note-log` program to the same rule).
#define BOOST_TEST_MODULE note_log_crash_test
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/explore/explorer.h"
#include "note_log.h"
#include "promises.h"

namespace {

using note_log::Durability;
using powercut::explore::Verdict;

constexpr uint64_t kNotes = 3;

powercut::explore::ExploreResult CrashTest(Durability durability) {
  auto workload = [durability](powercut::FileSystem& fs,
                               powercut::OutputSink& out) -> powercut::Status {
    POWERCUT_ASSIGN_OR_RETURN(auto log, note_log::NoteLog::Open(fs, durability));
    for (uint64_t n = 1; n <= kNotes; ++n) {
      POWERCUT_RETURN_IF_ERROR(log.Append(n));
      out.Line(note_log::AckLine(n));  // the promise: note n is durable
    }
    return powercut::Status::Ok();
  };
  auto checker = [](powercut::FileSystem& fs, const std::vector<std::string>& output) {
    const auto broken = note_log::BrokenPromise(fs, output);
    return broken ? Verdict::Violation(*broken) : Verdict::Consistent();
  };
  powercut::explore::ExploreOptions options;  // posix model, up to 2 deviations, every crash point
  return powercut::explore::Explore(workload, checker, options);
}

BOOST_AUTO_TEST_CASE(appending_with_fsync_keeps_every_acknowledged_note) {
  const auto result = CrashTest(Durability::kSync);
  BOOST_TEST(result.workload_status.ok());
  BOOST_TEST(result.checked > 0u);
  BOOST_TEST(result.violating == 0u);
}

BOOST_AUTO_TEST_CASE(appending_without_fsync_loses_acknowledged_notes) {
  const auto result = CrashTest(Durability::kNoSync);
  BOOST_TEST(result.workload_status.ok());
  BOOST_REQUIRE(result.violating > 0u);
  const auto& first = result.violations.front();
  BOOST_TEST_MESSAGE("state " << first.state_id << ": " << first.reason);
  // The first violating crash point is right after "ack 1": nothing was synced, so the
  // drop-everything-unsynced state has no note at all.
  BOOST_TEST(first.reason == "ack 1 printed, but 0 notes recovered");
}

}  // namespace
