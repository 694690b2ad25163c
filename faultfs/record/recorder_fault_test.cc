// Faults through libfiu: POWERCUT_FAULTS counted across processes, FIU_ENABLE, the errno a
// program sees and what the trace holds.
#include <boost/test/unit_test.hpp>

#include "faultfs/record/record_test_util.h"

namespace powercut::record::testing {
namespace {

using trace::EventType;

RecordOptions WithFaults(std::vector<std::string> faults) {
  RecordOptions options;
  options.faults = std::move(faults);
  return options;
}

BOOST_FIXTURE_TEST_SUITE(recorder_faults, RecordFixture)

BOOST_AUTO_TEST_CASE(an_injected_fsync_error_reaches_the_program_and_is_recorded_as_sync_failed) {
  const Recorded r = Record({Helper(), "fsync", "f"}, WithFaults({"sync/fsync=EIO@1"}));
  BOOST_TEST(r.Output() == std::vector<std::string>{"fsync -1 EIO"}, boost::test_tools::per_element());
  BOOST_TEST(r.Of(EventType::kFsync).empty());
  BOOST_TEST_REQUIRE(r.Of(EventType::kSyncFailed).size() == 1u);
  BOOST_TEST(r.Of(EventType::kSyncFailed)[0].inode == r.Of(EventType::kCreate)[0].inode);
}

BOOST_AUTO_TEST_CASE(an_injected_error_that_loses_no_data_records_no_barrier) {
  const Recorded r = Record({Helper(), "fsync", "f"}, WithFaults({"sync/fsync=EINVAL"}));
  BOOST_TEST(r.Output() == std::vector<std::string>{"fsync -1 EINVAL"}, boost::test_tools::per_element());
  BOOST_TEST(r.Of(EventType::kFsync).empty());
  BOOST_TEST(r.Of(EventType::kSyncFailed).empty());
}

BOOST_AUTO_TEST_CASE(the_nth_call_is_counted_across_processes) {
  // Each append runs in its own shell: the 3rd write of the workload fails, whichever process.
  const Recorded r = Shell("for i in 1 2 3 4; do sh -c \"printf x$i >> f\" 2>/dev/null; done; exit 0",
                           WithFaults({"rw/write=ENOSPC@3"}));
  BOOST_TEST(ReadFile("f") == "x1x2x4");
  BOOST_TEST(r.Of(EventType::kWrite).size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_plus_fails_every_call_from_the_nth_on) {
  const Recorded r = Shell("for i in 1 2 3 4; do sh -c \"printf x$i >> f\" 2>/dev/null; done; exit 0",
                           WithFaults({"rw/write=ENOSPC@2+"}));
  BOOST_TEST(ReadFile("f") == "x1");
  BOOST_TEST(r.Of(EventType::kWrite).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_short_write_moves_fewer_bytes_and_records_what_it_moved) {
  const Recorded r = Record({Helper(), "writes", "f", "3", "1000"},
                            WithFaults({"rw/write/short=100@2"}));
  BOOST_TEST(r.Output() == (std::vector<std::string>{"write 1000 OK", "write 100 OK", "write 1000 OK"}),
             boost::test_tools::per_element());
  std::vector<std::pair<uint64_t, size_t>> writes;
  for (const trace::Event& event : r.Of(EventType::kWrite)) writes.emplace_back(event.offset, event.data.size());
  BOOST_TEST((writes == std::vector<std::pair<uint64_t, size_t>>{{0, 1000}, {1000, 100}, {1100, 1000}}));
}

BOOST_AUTO_TEST_CASE(faults_apply_only_inside_dir) {
  powercut::testing::TempDir outside;
  const Recorded r = Record({Helper(), "fsync", outside.Join("f")}, WithFaults({"sync/fsync=EIO"}));
  BOOST_TEST(r.Output() == std::vector<std::string>{"fsync 0 OK"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(namespace_faults_change_nothing) {
  WriteFile("a", "1");
  const Recorded r = Shell("mv a b 2>/dev/null; rm a 2>/dev/null; mkdir d 2>/dev/null; exit 0",
                           WithFaults({"dir/*=EROFS"}));
  BOOST_TEST(r.trace().events.size() == r.trace().first_crash_point);
  BOOST_TEST(std::filesystem::exists(Path("a")));
  BOOST_TEST(!std::filesystem::exists(Path("d")));
}

BOOST_AUTO_TEST_CASE(fiu_enable_controls_the_points_too) {
  RecordOptions options;
  options.extra_env = {"FIU_ENABLE=enable name=powercut/io/oc/open,failinfo=13"};
  const Recorded r = Record({"sh", "-c", "{ printf x > f; } 2>/dev/null"}, options, /*may_fail=*/true);
  BOOST_TEST((r.result.exit_code && *r.result.exit_code != 0));
  BOOST_TEST(!std::filesystem::exists(Path("f")));
  BOOST_TEST(r.trace().events.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record::testing
