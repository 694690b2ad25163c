// Descriptors and processes: dup2 onto stdout, O_APPEND, fork, exec with and without
// close-on-exec, a workload that closes every descriptor; the order of many processes' events;
// barrier overlap; killed workloads.
#include <signal.h>

#include <boost/test/unit_test.hpp>

#include "faultfs/record/record_test_util.h"

namespace powercut::record::testing {
namespace {

using trace::EventType;

std::vector<uint64_t> WriteOffsets(const Recorded& r) {
  std::vector<uint64_t> offsets;
  for (const trace::Event& event : r.Of(EventType::kWrite)) offsets.push_back(event.offset);
  return offsets;
}

BOOST_FIXTURE_TEST_SUITE(recorder_process, RecordFixture)

BOOST_AUTO_TEST_CASE(printf_appended_by_the_shell_writes_the_file_not_stdout) {
  const Recorded r = Shell("printf x >> log; printf yz >> log; echo out");
  BOOST_TEST(WriteOffsets(r) == (std::vector<uint64_t>{0, 1}), boost::test_tools::per_element());
  BOOST_TEST(r.Output() == std::vector<std::string>{"out"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(append_mode_writes_land_at_the_end_whatever_the_offset_asked) {
  WriteFile("log", "12345");
  const Recorded r = Record({"python3", "-c",
                             "import os\n"
                             "fd = os.open('log', os.O_WRONLY | os.O_APPEND)\n"
                             "os.pwrite(fd, b'ab', 0)\n"      // Linux appends anyway
                             "os.lseek(fd, 1, os.SEEK_SET)\n"
                             "os.write(fd, b'cd')\n"
                             "os.pwritev(fd, [b'e', b'f'], 0)\n"});
  const std::vector<uint64_t> expected = {0, 5, 7, 9};  // initial state, then the three appends
  BOOST_TEST(WriteOffsets(r) == expected, boost::test_tools::per_element());
  BOOST_TEST(ReadFile("log") == "12345abcdef");
}

BOOST_AUTO_TEST_CASE(a_forked_child_writing_through_a_shared_offset_is_recorded_in_place) {
  const Recorded r = Record({"python3", "-c",
                             "import os\n"
                             "fd = os.open('f', os.O_WRONLY | os.O_CREAT, 0o644)\n"
                             "os.write(fd, b'parent1 ')\n"
                             "pid = os.fork()\n"
                             "if pid == 0:\n"
                             "    os.write(fd, b'child ')\n"
                             "    os._exit(0)\n"
                             "os.waitpid(pid, 0)\n"
                             "os.write(fd, b'parent2')\n"});
  BOOST_TEST(WriteOffsets(r) == (std::vector<uint64_t>{0, 8, 14}), boost::test_tools::per_element());
  BOOST_TEST(r.result.processes >= 2u);
}

BOOST_AUTO_TEST_CASE(exec_keeps_inherited_descriptors_and_not_close_on_exec_ones) {
  const Recorded r = Record(
      {"python3", "-c",
       "import os\n"
       "kept = os.open('kept', os.O_WRONLY | os.O_CREAT, 0o644)\n"
       "os.set_inheritable(kept, True)\n"
       "gone = os.open('gone', os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)\n"
       "os.execvp('sh', ['sh', '-c', f'printf k >&{kept}; printf g 2>/dev/null >&{gone}; exit 0'])\n"});
  const auto writes = r.Of(EventType::kWrite);
  BOOST_TEST_REQUIRE(writes.size() == 1u, Listing(r.trace()));
  BOOST_TEST(writes[0].data == "k");
  BOOST_TEST(ReadFile("kept") == "k");
}

BOOST_AUTO_TEST_CASE(a_workload_that_closes_and_dup2s_over_every_descriptor_is_still_recorded) {
  // 2 MiB before and after: the shared buffer (1 MiB) must go to the capture file through the
  // shim's own descriptor, both before and after the workload went over every descriptor.
  const Recorded r = Record(
      {"python3", "-c",
       "import os\n"
       "with open('before', 'wb') as f:\n"
       "    for i in range(32):\n"
       "        f.write(bytes([65 + i % 26]) * 65536)\n"
       "        f.flush()\n"
       "null = os.open('/dev/null', os.O_WRONLY)\n"
       "for fd in range(3, 1024):\n"
       "    if fd != null:\n"
       "        try:\n"
       "            os.dup2(null, fd)\n"
       "        except OSError:\n"
       "            pass\n"
       "os.closerange(3, 1024)\n"
       "with open('after', 'wb') as f:\n"
       "    for i in range(32):\n"
       "        f.write(bytes([97 + i % 26]) * 65536)\n"
       "        f.flush()\n"
       "    f.write(b'still recorded')\n"});
  const auto writes = r.Of(EventType::kWrite);
  BOOST_TEST_REQUIRE(writes.size() == 65u, Listing(r.trace()));
  BOOST_TEST(writes.back().data == "still recorded");
}

BOOST_AUTO_TEST_CASE(many_processes_appending_replay_to_what_they_left) {
  // Five background shells, each appending 20 lines to its own file and to a shared one; the
  // fixture checks that the trace replays to exactly the files on disk.
  const Recorded r = Shell(
      "for i in 1 2 3 4 5; do "
      "  (for j in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do "
      "     echo \"$i $j\" >> own$i; echo \"$i $j\" >> shared; done) & "
      "done; wait; cp shared copy; mv copy final");
  BOOST_TEST(r.Of(EventType::kWrite).size() == 201u);  // 200 appends, cp's copy
  BOOST_TEST(r.result.processes >= 7u);
}

BOOST_AUTO_TEST_CASE(a_trace_larger_than_the_capture_buffer_keeps_its_order) {
  // Three writers of 4 KiB blocks to their own and to a shared file: several megabytes of
  // records pass through the shared capture buffer, flushed by whichever process fills it.
  const std::string writer =
      "python3 -c \"import os, sys\n"
      "own = os.open('own' + sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)\n"
      "shared = os.open('shared', os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)\n"
      "for i in range(300):\n"
      "    block = (sys.argv[1] + str(i)).encode().ljust(4096, b'.')\n"
      "    os.write(own, block)\n"
      "    os.write(shared, block)\n"
      "os.fsync(shared)\" ";
  const Recorded r = Shell(writer + "1 & " + writer + "2 & " + writer + "3 & wait");
  BOOST_TEST(r.Of(EventType::kWrite).size() == 1800u);
  BOOST_TEST(r.Of(EventType::kFsync).size() == 3u);
}

BOOST_AUTO_TEST_CASE(output_lines_join_pieces_printed_by_different_processes) {
  const Recorded r = Shell("printf 'a'; sh -c \"printf 'b'\"; printf 'c\\n'; "
                           "for i in 1 2 3 4 5 6 7 8; do echo \"line $i\" & done; wait");
  const std::vector<std::string> lines = r.Output();
  BOOST_TEST_REQUIRE(lines.size() == 9u);
  BOOST_TEST(lines[0] == "abc");
  std::vector<std::string> rest(lines.begin() + 1, lines.end());
  std::sort(rest.begin(), rest.end());
  for (int i = 1; i <= 8; ++i) BOOST_TEST(rest[i - 1] == "line " + std::to_string(i));
}

BOOST_AUTO_TEST_CASE(an_fsync_overlaps_only_writes_other_threads_made_during_it) {
  // Thread 1 writes `a` and fsyncs it; thread 2 appends to `b` all along. An fsync's overlap
  // may hold b's writes, never a's (written before the fsync began, in its own thread). On a
  // loaded machine a round may see no overlap at all; a few recordings make one certain.
  bool saw_overlap = false;
  for (int attempt = 0; attempt < 5 && !saw_overlap; ++attempt) {
    std::filesystem::remove(Path("a"));
    std::filesystem::remove(Path("b"));
    const Recorded r = Record({Helper(), "threads-fsync", "a", "b", "20"}, {}, false,
                              /*check_replay=*/true);
    const auto& events = r.trace().events;
    trace::InodeId a = trace::kNoInode;
    for (const trace::Event& event : events) {
      if (event.type == EventType::kCreate && event.name == "a") a = event.inode;
    }
    size_t fsyncs = 0;
    for (size_t i = 0; i < events.size(); ++i) {
      if (events[i].type != EventType::kFsync) continue;
      ++fsyncs;
      BOOST_TEST(events[i].inode == a);
      BOOST_TEST_REQUIRE(events[i].overlap <= i);
      for (size_t k = i - events[i].overlap; k < i; ++k) {
        BOOST_TEST(!(events[k].type == EventType::kWrite && events[k].inode == a),
                   "fsync #" << i << " overlaps a write to the file it syncs, #" << k);
      }
      saw_overlap = saw_overlap || events[i].overlap > 0;
    }
    BOOST_TEST(fsyncs == 20u);
  }
  BOOST_TEST(saw_overlap);
}

BOOST_AUTO_TEST_CASE(a_killed_workload_leaves_a_trace_up_to_the_kill) {
  const Recorded r = Record({"sh", "-c", "printf x > a; sync; kill -9 $$"}, {}, /*may_fail=*/true);
  BOOST_TEST((r.result.signal && *r.result.signal == SIGKILL));
  const std::vector<EventType> expected = {EventType::kCreate, EventType::kWrite, EventType::kSync};
  std::vector<EventType> types;
  for (const trace::Event& event : r.trace().events) types.push_back(event.type);
  BOOST_TEST(types == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_the_workload_and_keeps_its_trace) {
  RecordOptions options;
  options.timeout = std::chrono::milliseconds(1500);  // time to start sh, even on a loaded machine
  const Recorded r = Record({"sh", "-c", "printf x > a; echo started; sleep 30 & sleep 30"},
                            options, /*may_fail=*/true);
  BOOST_TEST(r.result.timed_out);
  BOOST_TEST(r.Of(EventType::kWrite).size() == 1u);
  BOOST_TEST(r.Output() == std::vector<std::string>{"started"}, boost::test_tools::per_element());
  BOOST_TEST(r.Warned("timeout"));
}

BOOST_AUTO_TEST_CASE(a_writer_killed_mid_record_is_reported_and_earlier_events_kept) {
  // dd writes 8 MiB blocks; killed while the shim appends one, it may leave a torn record.
  const Recorded r = Record({"sh", "-c",
                             "printf first > a; "
                             "dd if=/dev/zero of=big bs=8M count=64 2>/dev/null & "
                             "sleep 0.3; kill -9 $!; wait; printf last > b"},
                            {}, false, /*check_replay=*/false);
  BOOST_TEST_REQUIRE(!r.trace().events.empty());
  BOOST_TEST(r.trace().events[1].data == "first");
  // Whatever dd managed is there in order; if its last record was torn, that is a warning and
  // nothing after it is invented.
  const bool torn = r.Warned("damaged record");
  if (!torn) BOOST_TEST(r.trace().events.back().data == "last");
}

BOOST_AUTO_TEST_CASE(processes_left_behind_are_killed_with_a_warning) {
  const Recorded r = Shell("sleep 30 > /dev/null & echo bye");
  BOOST_TEST(r.Warned("left running after it exited were killed"));
}

BOOST_AUTO_TEST_CASE(a_missing_program_is_not_found_and_bad_options_are_refused) {
  RecordOptions options;
  options.command = {"powercut-no-such-program"};
  options.dir = dir();
  options.preload_path = POWERCUT_RECORD_TEST_PRELOAD;
  BOOST_TEST(record::Record(options).status().IsNotFound());
  options.command.clear();
  BOOST_TEST(record::Record(options).status().IsInvalidArgument());
  options.command = {"true"};
  options.faults = {"sync/fsync=EWHAT"};
  BOOST_TEST(record::Record(options).status().IsInvalidArgument());
  options.faults.clear();
  options.preload_path = dir() + "/no-such-shim.so";
  BOOST_TEST(record::Record(options).status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(setup_commands_run_first_untraced_and_a_failing_one_fails) {
  RecordOptions options;
  options.setup = {{"sh", "-c", "mkdir wal && printf seed > wal/0"}};
  const Recorded r = Shell("printf more >> wal/0", options);
  BOOST_TEST(r.trace().first_crash_point == 3u);  // mkdir, create, write: the initial state
  options.setup = {{"sh", "-c", "echo broken >&2; exit 3"}};
  options.command = {"true"};
  options.dir = dir();
  options.preload_path = POWERCUT_RECORD_TEST_PRELOAD;
  const Result<RecordResult> failed = record::Record(options);
  BOOST_TEST(failed.status().IsFailedPrecondition());
  BOOST_TEST(failed.status().message().find("exit code 3: broken") != std::string::npos,
             failed.status().message());
}

BOOST_AUTO_TEST_CASE(a_fresh_directory_is_made_when_none_is_given) {
  RecordOptions options;
  options.command = {"sh", "-c", "pwd; printf x > f"};
  options.preload_path = POWERCUT_RECORD_TEST_PRELOAD;
  std::ostringstream out;
  options.forward_stdout = &out;
  Result<RecordResult> r = record::Record(options);
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->trace.events.size() == 3u);
  const std::string made = out.str().substr(0, out.str().size() - 1);
  BOOST_TEST(!std::filesystem::exists(made));  // removed afterwards
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record::testing
