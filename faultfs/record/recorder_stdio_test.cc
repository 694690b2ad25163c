// stdio: bytes enter the trace when they reach the kernel, on files in DIR and on stdout.
#include <boost/test/unit_test.hpp>

#include "faultfs/record/record_test_util.h"

namespace powercut::record::testing {
namespace {

using trace::EventType;

std::vector<std::pair<uint64_t, std::string>> Writes(const Recorded& r) {
  std::vector<std::pair<uint64_t, std::string>> writes;
  for (const trace::Event& event : r.Of(EventType::kWrite)) writes.emplace_back(event.offset, event.data);
  return writes;
}

using Writes_t = std::vector<std::pair<uint64_t, std::string>>;

BOOST_FIXTURE_TEST_SUITE(recorder_stdio, RecordFixture)

BOOST_AUTO_TEST_CASE(fwrite_reaches_the_file_at_fflush_and_at_fclose) {
  const Recorded r = Record({Helper(), "stdio-file", "f", "fwrite-fflush"});
  BOOST_TEST((Writes(r) == Writes_t{{0, "hello "}, {6, "world"}}), Listing(r.trace()));
  BOOST_TEST(r.Of(EventType::kCreate).size() == 1u);  // fopen "w" creates
}

BOOST_AUTO_TEST_CASE(fprintf_reaches_the_file_at_fclose) {
  const Recorded r = Record({Helper(), "stdio-file", "f", "fprintf-fclose"});
  BOOST_TEST((Writes(r) == Writes_t{{0, "42-answer\n"}}), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(what_libc_flushes_at_exit_is_recorded) {
  const Recorded r = Record({Helper(), "stdio-file", "f", "exit-flush"});
  BOOST_TEST((Writes(r) == Writes_t{{0, "left in the buffer 7\n"}}), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(inline_putc_unlocked_is_seen_when_its_buffer_overflows_and_at_exit) {
  const Recorded r = Record({Helper(), "stdio-file", "f", "putc-unlocked"});
  size_t total = 0;
  for (const auto& [offset, data] : Writes(r)) {
    BOOST_TEST(offset == total);
    total += data.size();
  }
  BOOST_TEST(total == 10000u);
  BOOST_TEST(r.Of(EventType::kWrite).size() >= 2u);  // at least one overflow, then exit
}

BOOST_AUTO_TEST_CASE(a_seek_flushes_first_and_the_rewrite_lands_where_it_went) {
  const Recorded r = Record({Helper(), "stdio-file", "f", "seek"});
  BOOST_TEST((Writes(r) == Writes_t{{0, "0123456789"}, {2, "ab"}}), Listing(r.trace()));
  BOOST_TEST(ReadFile("f") == "01ab456789");
}

BOOST_AUTO_TEST_CASE(an_append_stream_writes_at_the_end) {
  WriteFile("f", "start\n");
  const Recorded r = Record({Helper(), "stdio-file", "f", "append"});
  BOOST_TEST((Writes(r).back() == std::pair<uint64_t, std::string>{6, "appended\n"}));
}

BOOST_AUTO_TEST_CASE(stdout_through_stdio_is_recorded_line_by_line) {
  const Recorded r = Record({Helper(), "stdio-out"});
  const std::vector<std::string> expected = {"line 1", "line 2", "line 3", "4", "line 5",
                                             "partial continued", "tail without newline"};
  BOOST_TEST(r.Output() == expected, boost::test_tools::per_element());
  BOOST_TEST(!r.Warned("stdout"), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(stdio_stdout_redirected_to_a_file_is_a_file_write) {
  const Recorded r = Shell(std::string(Helper()) + " stdio-out > out.txt");
  BOOST_TEST(r.Output().empty());
  BOOST_TEST(ReadFile("out.txt").find("tail without newline") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_line_buffered_in_stdio_is_no_promise_until_it_is_flushed) {
  // python buffers print() on a pipe: the line reaches stdout after the fsync, at exit.
  RecordOptions options;
  options.extra_env = {"PYTHONUNBUFFERED="};  // not inherited from the environment
  const Recorded r = Record({"python3", "-c",
                             "import os\n"
                             "print('before the sync')\n"
                             "fd = os.open('f', os.O_WRONLY | os.O_CREAT, 0o644)\n"
                             "os.write(fd, b'x')\n"
                             "os.fsync(fd)\n"},
                            options);
  const auto& events = r.trace().events;
  BOOST_TEST_REQUIRE(events.size() == 4u);
  BOOST_TEST(events[2].type == EventType::kFsync);
  BOOST_TEST((events[3].type == EventType::kOutput && events[3].data == "before the sync"));
}

BOOST_AUTO_TEST_CASE(sqlite3_commits_are_recorded_and_replay_to_the_database) {
  const Recorded r = Record({"sqlite3", "db",
                             "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; "
                             "CREATE TABLE t(x); INSERT INTO t VALUES (1); "
                             "INSERT INTO t VALUES (2); SELECT count(*) FROM t;"});
  BOOST_TEST(r.Output() == (std::vector<std::string>{"delete", "2"}), boost::test_tools::per_element());
  // DELETE journal mode, synchronous=FULL: per transaction the journal is synced, then its
  // directory, then the journal header, then the database; the journal is unlinked.
  BOOST_TEST(r.Of(EventType::kFdatasync).size() == 12u);
  BOOST_TEST(r.Of(EventType::kUnlink).size() == 3u);  // one journal per transaction
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record::testing
