// FinalizeCapture on hand-made captures: id mapping, inode reuse, dropped events and the
// overlaps that count them, the partial line, warnings.
#include "faultfs/record/finalize.h"

#include <boost/test/unit_test.hpp>

namespace powercut::record {
namespace {

using trace::Event;
using trace::EventType;

constexpr trace::InodeId kDirRaw = 500;

Event Create(trace::InodeId inode, trace::InodeId dir, const std::string& name) {
  return Event{.type = EventType::kCreate, .inode = inode, .dir = dir, .name = name};
}
Event Write(trace::InodeId inode, const std::string& data) {
  return Event{.type = EventType::kWrite, .inode = inode, .data = data};
}
Event Fsync(trace::InodeId inode, uint64_t overlap) {
  return Event{.type = EventType::kFsync, .inode = inode, .overlap = overlap};
}

BOOST_AUTO_TEST_SUITE(finalize)

BOOST_AUTO_TEST_CASE(dir_is_inode_one_and_files_get_ids_in_order_of_creation) {
  Capture capture{.dir_raw = kDirRaw};
  capture.raw.events = {Create(900, kDirRaw, "a"), Create(77, kDirRaw, "b"), Write(900, "x"),
                        Fsync(kDirRaw, 0)};
  capture.raw.first_crash_point = 1;
  const trace::Trace trace = FinalizeCapture(capture);
  BOOST_TEST_REQUIRE(trace.events.size() == 4u);
  BOOST_TEST(trace.events[0].inode == 2u);
  BOOST_TEST(trace.events[0].dir == trace::kRootInode);
  BOOST_TEST(trace.events[1].inode == 3u);
  BOOST_TEST(trace.events[2].inode == 2u);
  BOOST_TEST(trace.events[3].inode == trace::kRootInode);
  BOOST_TEST(trace.first_crash_point == 1u);
  BOOST_TEST(trace.warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_create_of_a_reused_inode_number_is_a_new_file) {
  Capture capture{.dir_raw = kDirRaw};
  capture.raw.events = {Create(900, kDirRaw, "a"),
                        Event{.type = EventType::kUnlink, .inode = 900, .dir = kDirRaw, .name = "a"},
                        Create(900, kDirRaw, "b"), Write(900, "new")};
  const trace::Trace trace = FinalizeCapture(capture);
  BOOST_TEST_REQUIRE(trace.events.size() == 4u);
  BOOST_TEST(trace.events[1].inode == 2u);
  BOOST_TEST(trace.events[2].inode == 3u);
  BOOST_TEST(trace.events[3].inode == 3u);
}

BOOST_AUTO_TEST_CASE(events_on_files_never_created_are_dropped_and_overlaps_recounted) {
  Capture capture{.dir_raw = kDirRaw};
  capture.raw.events = {Create(900, kDirRaw, "a"), Write(900, "1"), Write(31337, "?"),
                        Write(900, "2"), Fsync(900, 3)};
  capture.raw.first_crash_point = 1;
  const trace::Trace trace = FinalizeCapture(capture);
  BOOST_TEST_REQUIRE(trace.events.size() == 4u);
  BOOST_TEST(trace.events[3].overlap == 2u);  // the two kept writes it overlapped
  BOOST_TEST_REQUIRE(trace.warnings.size() == 1u);
  BOOST_TEST(trace.warnings[0].find("1 event on files the recorder never saw created") == 0u);
  BOOST_TEST(trace.warnings[0].find("write of raw inode 31337") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dropped_initial_events_move_the_first_crash_point) {
  Capture capture{.dir_raw = kDirRaw};
  capture.raw.events = {Write(1234, "?"), Create(900, kDirRaw, "a"), Write(900, "1")};
  capture.raw.first_crash_point = 2;
  const trace::Trace trace = FinalizeCapture(capture);
  BOOST_TEST(trace.events.size() == 2u);
  BOOST_TEST(trace.first_crash_point == 1u);
}

BOOST_AUTO_TEST_CASE(the_partial_line_is_the_last_event_and_warnings_are_kept_in_order) {
  Capture capture{.dir_raw = kDirRaw, .partial_line = "no newline",
                  .warnings = {"shim said", "recorder said"}};
  capture.raw.warnings = {"capture said"};
  const trace::Trace trace = FinalizeCapture(capture);
  BOOST_TEST_REQUIRE(trace.events.size() == 1u);
  BOOST_TEST((trace.events[0].type == EventType::kOutput && trace.events[0].data == "no newline"));
  BOOST_TEST(trace.warnings == (std::vector<std::string>{"capture said", "shim said", "recorder said"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_invalid_event_is_dropped_with_its_reason) {
  Capture capture{.dir_raw = kDirRaw};
  capture.raw.events = {Create(900, kDirRaw, "a"), Write(900, "")};  // a write of nothing
  const trace::Trace trace = FinalizeCapture(capture);
  BOOST_TEST(trace.events.size() == 1u);
  BOOST_TEST_REQUIRE(trace.warnings.size() == 1u);
  BOOST_TEST(trace.warnings[0].find("1 invalid event dropped") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record
