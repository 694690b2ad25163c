// The recorder on the core calls: create, write, sync, rename, unlink, mkdir, output; what is
// outside DIR; calls that fail.
#include <boost/test/unit_test.hpp>

#include "faultfs/record/record_test_util.h"

namespace powercut::record::testing {
namespace {

using trace::EventType;

BOOST_FIXTURE_TEST_SUITE(recorder_basic, RecordFixture)

BOOST_AUTO_TEST_CASE(shell_write_rename_and_sync_are_recorded_in_order) {
  const Recorded r = Shell("printf v1 > f.tmp && mv f.tmp f && sync && echo done");
  std::vector<EventType> types;
  for (const trace::Event& event : r.trace().events) types.push_back(event.type);
  const std::vector<EventType> expected = {EventType::kCreate, EventType::kWrite,
                                           EventType::kRename, EventType::kSync,
                                           EventType::kOutput};
  BOOST_TEST(types == expected, Listing(r.trace()));
  BOOST_TEST(r.trace().first_crash_point == 0u);
  BOOST_TEST(r.Output() == std::vector<std::string>{"done"}, boost::test_tools::per_element());
  BOOST_TEST(r.result.processes >= 3u);  // sh, mv, sync
}

BOOST_AUTO_TEST_CASE(initial_state_is_recorded_before_the_first_crash_point) {
  WriteFile("old", "0123456789");
  std::filesystem::create_directory(Path("sub"));
  WriteFile("sub/inner", "abc");
  const Recorded r = Shell("printf x >> old");
  BOOST_TEST(r.trace().first_crash_point == 5u, Listing(r.trace()));  // mkdir, 2 x (create, write)
  const trace::Event& last = r.trace().events.back();
  BOOST_TEST(last.type == EventType::kWrite);
  BOOST_TEST(last.offset == 10u);
  BOOST_TEST(last.data == "x");
}

BOOST_AUTO_TEST_CASE(files_outside_dir_are_not_recorded) {
  powercut::testing::TempDir outside;
  const Recorded r = Shell("printf a > " + outside.Join("elsewhere") + " && printf b > here && "
                           "mkdir " + outside.Join("d") + " && mv here " + outside.Join("moved"));
  BOOST_TEST(r.Of(EventType::kCreate).size() == 1u, Listing(r.trace()));
  BOOST_TEST(r.Of(EventType::kMkdir).empty());
  BOOST_TEST(r.Of(EventType::kUnlink).size() == 1u);  // moved out of DIR: gone from it
}

BOOST_AUTO_TEST_CASE(dot_dot_and_symlinks_resolve_to_where_the_file_really_is) {
  powercut::testing::TempDir outside;
  std::filesystem::create_directory(Path("sub"));
  std::filesystem::create_directory_symlink(outside.path(), Path("out"));
  std::filesystem::create_directory_symlink(Path("sub"), outside.Join("in"));
  const std::string via_outside = outside.Join("in");
  const Recorded r = Shell("printf a > sub/../a && printf b > out/b && printf c > " + via_outside +
                           "/c && mkdir out/d && mkdir " + via_outside + "/e");
  // a and c are in DIR (c through a symlink from outside); b went outside through one.
  std::vector<std::string> created;
  for (const trace::Event& event : r.Of(EventType::kCreate)) created.push_back(event.name);
  BOOST_TEST(created == (std::vector<std::string>{"a", "c"}), Listing(r.trace()));
  BOOST_TEST_REQUIRE(r.Of(EventType::kMkdir).size() == 2u);  // sub (initial state) and sub/e
  BOOST_TEST(r.Of(EventType::kMkdir)[1].name == "e");
  BOOST_TEST(r.Warned("symlink"));  // out, in the initial state
}

BOOST_AUTO_TEST_CASE(an_open_file_moved_across_the_boundary_is_recorded_while_inside) {
  powercut::testing::TempDir outside;
  const Recorded r = Record({"python3", "-c",
                             "import os, sys\n"
                             "out = sys.argv[1]\n"
                             "fd = os.open(out + '/f', os.O_WRONLY | os.O_CREAT, 0o644)\n"
                             "os.write(fd, b'outside ')\n"
                             "os.rename(out + '/f', 'f')\n"       // in: created with its bytes
                             "os.write(fd, b'inside ')\n"
                             "os.rename('f', out + '/g')\n"       // out: gone from DIR
                             "os.write(fd, b'outside again')\n",
                             outside.path()});
  std::vector<EventType> types;
  for (const trace::Event& event : r.trace().events) types.push_back(event.type);
  const std::vector<EventType> expected = {EventType::kCreate, EventType::kWrite,
                                           EventType::kWrite, EventType::kUnlink};
  BOOST_TEST(types == expected, Listing(r.trace()));
  BOOST_TEST(r.trace().events[1].data == "outside ");
  BOOST_TEST(r.trace().events[2].data == "inside ");
}

BOOST_AUTO_TEST_CASE(a_failed_call_records_nothing) {
  WriteFile("exists", "x");
  const Recorded r = Shell(
      "mkdir exists 2>/dev/null; rmdir nothing 2>/dev/null; mv nothing there 2>/dev/null; "
      "rm nothing 2>/dev/null; (printf x > missing/dir/f) 2>/dev/null; ln nothing l 2>/dev/null; "
      "exit 0");
  BOOST_TEST(r.trace().events.size() == r.trace().first_crash_point, Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(stdout_lines_become_output_events) {
  const Recorded r = Shell("echo one; printf 'two\\nthree'; echo; printf 'four'");
  BOOST_TEST(r.Output() == (std::vector<std::string>{"one", "two", "three", "four"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(forwarded_stdout_is_what_the_workload_printed) {
  std::ostringstream forwarded;
  RecordOptions options;
  options.forward_stdout = &forwarded;
  Shell("echo hello; printf world", options);
  BOOST_TEST(forwarded.str() == "hello\nworld");
}

BOOST_AUTO_TEST_CASE(python_writes_fsyncs_and_replaces) {
  const Recorded r = Record({"python3", "-c",
                             "import os\n"
                             "with open('data.tmp', 'wb') as f:\n"
                             "    f.write(b'x' * 10000)\n"
                             "    f.flush()\n"
                             "    os.fsync(f.fileno())\n"
                             "os.replace('data.tmp', 'data')\n"
                             "d = os.open('.', os.O_RDONLY)\n"
                             "os.fsync(d)\n"
                             "print('committed', flush=True)\n"});
  const auto fsyncs = r.Of(EventType::kFsync);
  BOOST_TEST_REQUIRE(fsyncs.size() == 2u, Listing(r.trace()));
  BOOST_TEST(fsyncs[1].inode == trace::kRootInode);
  BOOST_TEST(r.Output() == std::vector<std::string>{"committed"}, boost::test_tools::per_element());
}

// A write through an O_DSYNC or O_SYNC descriptor, or with pwritev2's RWF_DSYNC, is durable when
// it returns (LMDB writes its meta page so): each is followed by the sync it amounts to, on the
// same file, and a plain write is not.
BOOST_AUTO_TEST_CASE(a_synchronous_write_is_followed_by_the_sync_it_amounts_to) {
  const Recorded r = Record({"python3", "-c",
                             "import os\n"
                             "d = os.open('d', os.O_WRONLY | os.O_CREAT | os.O_DSYNC, 0o644)\n"
                             "os.write(d, b'data')\n"
                             "s = os.open('s', os.O_WRONLY | os.O_CREAT | os.O_SYNC, 0o644)\n"
                             "os.pwrite(s, b'file', 0)\n"
                             "p = os.open('p', os.O_WRONLY | os.O_CREAT, 0o644)\n"
                             "os.write(p, b'plain')\n"
                             "os.pwritev(p, [b'flag'], 5, os.RWF_DSYNC)\n"});
  std::vector<EventType> types;
  for (const trace::Event& event : r.trace().events) types.push_back(event.type);
  const std::vector<EventType> expected = {
      EventType::kCreate, EventType::kWrite, EventType::kFdatasync,  // d: O_DSYNC
      EventType::kCreate, EventType::kWrite, EventType::kFsync,      // s: O_SYNC
      EventType::kCreate, EventType::kWrite,                         // p: plain
      EventType::kWrite,  EventType::kFdatasync};                    // p: RWF_DSYNC
  BOOST_TEST_REQUIRE(types == expected, Listing(r.trace()));
  const std::vector<trace::Event>& events = r.trace().events;
  for (const size_t sync : {2u, 5u, 9u}) {
    BOOST_TEST(events[sync].inode == events[sync - 1].inode, Listing(r.trace()));
    BOOST_TEST(events[sync].overlap == 0u);
  }
}

BOOST_AUTO_TEST_CASE(a_program_built_with_asan_may_run_after_the_shim_keeping_its_options) {
  // ASan refuses to start when a library is preloaded before its runtime unless told not to
  // check; the workload's own ASAN_OPTIONS are kept, and a setting of that option wins.
  // (Set explicitly each time: a sanitizer build's tests inherit ASAN_OPTIONS.)
  RecordOptions options;
  options.extra_env = {"ASAN_OPTIONS="};
  const Recorded fresh = Shell("echo \"$ASAN_OPTIONS\"", options);
  BOOST_REQUIRE(fresh.Of(EventType::kOutput).size() == 1u);
  BOOST_TEST(fresh.Of(EventType::kOutput)[0].data == "verify_asan_link_order=0");
  options.extra_env = {"ASAN_OPTIONS=detect_leaks=0"};
  const Recorded kept = Shell("echo \"$ASAN_OPTIONS\"", options);
  BOOST_REQUIRE(kept.Of(EventType::kOutput).size() == 1u);
  BOOST_TEST(kept.Of(EventType::kOutput)[0].data == "detect_leaks=0:verify_asan_link_order=0");
  options.extra_env = {"ASAN_OPTIONS=verify_asan_link_order=1"};
  const Recorded own = Shell("echo \"$ASAN_OPTIONS\"", options);
  BOOST_REQUIRE(own.Of(EventType::kOutput).size() == 1u);
  BOOST_TEST(own.Of(EventType::kOutput)[0].data == "verify_asan_link_order=1");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record::testing
