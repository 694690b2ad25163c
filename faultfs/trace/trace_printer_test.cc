#include "faultfs/trace/trace_printer.h"

#include <boost/test/unit_test.hpp>

#include "faultfs/trace/trace_test_util.h"

namespace powercut::trace {
namespace {

BOOST_AUTO_TEST_SUITE(trace_printer)

BOOST_AUTO_TEST_CASE(listing_of_a_small_trace_is_exact) {
  Trace trace;
  const std::string record(
      "\x45\x4d\x42\x52\x02\x00\x01\x00\x07\x00\x00\x00\x00\x00\x00\x00\x88\x77", 18);
  trace.events = {
      Event{.type = EventType::kMkdir, .inode = 2, .dir = kRootInode, .name = "wal"},
      Event{.type = EventType::kCreate, .inode = 3, .dir = 2, .name = "0000000000000001.wal"},
      Event{.type = EventType::kWrite, .inode = 3, .offset = 4096, .data = record},
      Event{.type = EventType::kFdatasync, .inode = 3},
      Event{.type = EventType::kCreate, .inode = 4, .dir = 2, .name = "MANIFEST.tmp"},
      Event{.type = EventType::kWrite, .inode = 4, .offset = 0, .data = "EMBM"},
      Event{.type = EventType::kRename,
            .inode = 4,
            .dir = 2,
            .dir2 = 2,
            .name = "MANIFEST.tmp",
            .name2 = "MANIFEST"},
      Event{.type = EventType::kFsync, .inode = 2, .overlap = 2},
      Event{.type = EventType::kOutput, .data = "ack 3"},
      Event{.type = EventType::kLink, .inode = 3, .dir2 = kRootInode, .name2 = "copy"},
      Event{.type = EventType::kUnlink, .inode = 3, .dir = 2, .name = "0000000000000001.wal"},
      Event{.type = EventType::kTruncate, .inode = 3, .length = 100},
      Event{.type = EventType::kUnlink, .inode = 3, .dir = kRootInode, .name = "copy"},
      Event{.type = EventType::kFallocate,
            .inode = 4,
            .offset = 0,
            .length = 8192,
            .mode = kFallocKeepSize | kFallocPunchHole},
      Event{.type = EventType::kSyncFailed, .inode = 3},
      Event{.type = EventType::kSync},
      Event{.type = EventType::kRmdir, .inode = 5, .dir = 2, .name = "old\n"},
      Event{.type = EventType::kOutput, .data = "say \"hi\"\t\\\x01"},
  };
  trace.first_crash_point = 2;
  trace.warnings = {"mmap write to wal/x not recorded"};
  BOOST_TEST(FormatTrace(trace) ==
             "warning: mmap write to wal/x not recorded\n"
             "#0 mkdir wal (ino 2)\n"
             "#1 create wal/0000000000000001.wal (ino 3)\n"
             "--- initial state ends: crash points start at #2 ---\n"
             "#2 write wal/0000000000000001.wal @4096+18 45 4d 42 52 02 00 01 00 07 00 00 00 00 00 "
             "00 00 ...\n"
             "#3 fdatasync wal/0000000000000001.wal\n"
             "#4 create wal/MANIFEST.tmp (ino 4)\n"
             "#5 write wal/MANIFEST.tmp @0+4 45 4d 42 4d\n"
             "#6 rename wal/MANIFEST.tmp -> wal/MANIFEST\n"
             "#7 fsync wal (began before the 2 last events)\n"
             "#8 output \"ack 3\"\n"
             "#9 link wal/0000000000000001.wal -> copy\n"
             "#10 unlink wal/0000000000000001.wal\n"
             "#11 truncate copy to 100\n"
             "#12 unlink copy\n"
             "#13 fallocate wal/MANIFEST @0+8192 keep-size,punch-hole\n"
             "#14 sync-failed <deleted ino 3>\n"
             "#15 sync\n"
             "#16 rmdir wal/old\\n\n"
             "#17 output \"say \\\"hi\\\"\\t\\\\\\x01\"\n");
}

BOOST_AUTO_TEST_CASE(long_output_lines_and_writes_are_cut_with_their_size) {
  Trace trace;
  trace.events = {Event{.type = EventType::kOutput, .data = std::string(300, 'o')},
                  Event{.type = EventType::kWrite, .inode = 9, .data = "abc"}};
  PrintOptions options;
  options.output_chars = 5;
  options.data_bytes = 2;
  BOOST_TEST(FormatTrace(trace, options) ==
             "--- initial state ends: crash points start at #0 ---\n"
             "#0 output \"ooooo\"... (300 bytes)\n"
             "#1 write <unknown ino 9> @0+3 61 62 ...\n");
}

BOOST_AUTO_TEST_CASE(golden_trace_lists_as_in_trace_md) {
  BOOST_TEST(FormatTrace(testing::GoldenTrace()) ==
             "warning: mmap\n"
             "#0 mkdir wal (ino 2)\n"
             "--- initial state ends: crash points start at #1 ---\n"
             "#1 create wal/a (ino 3)\n"
             "#2 write wal/a @0+2 68 69\n"
             "#3 fdatasync wal/a\n"
             "#4 rename wal/a -> wal/b\n"
             "#5 output \"ack 1\"\n");
}

BOOST_AUTO_TEST_CASE(empty_trace_lists_only_its_boundary) {
  BOOST_TEST(FormatTrace(Trace{}) == "--- initial state ends: crash points start at #0 ---\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::trace
