// What the shim cannot see is a warning in the trace, never silence (RECORDING.md, "Warnings").
#include <boost/test/unit_test.hpp>

#include "faultfs/record/record_test_util.h"

namespace powercut::record::testing {
namespace {

using trace::EventType;

BOOST_FIXTURE_TEST_SUITE(recorder_warnings, RecordFixture)

BOOST_AUTO_TEST_CASE(a_shared_writable_mapping_of_a_file_in_dir_is_a_warning) {
  // The store through the mapping is not in the trace, so the replay cannot match the disk.
  const Recorded r = Record({Helper(), "mmap", "mapped"}, {}, false, /*check_replay=*/false);
  BOOST_TEST(r.Warned("shared writable mmap of mapped: writes through it are not recorded"),
             Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(a_private_or_read_only_mapping_is_not) {
  WriteFile("f", "data");
  const Recorded r = Record({"python3", "-c",
                             "import mmap\n"
                             "with open('f', 'r+b') as f:\n"
                             "    mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)\n"
                             "    mmap.mmap(f.fileno(), 0, flags=mmap.MAP_PRIVATE)\n"});
  BOOST_TEST(r.trace().warnings.empty(), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(exec_of_a_static_program_is_a_warning) {
  const Recorded r = Shell("/sbin/ldconfig --version > /dev/null");
  BOOST_TEST(r.Warned("exec of ldconfig: statically linked"), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(exec_with_an_environment_without_the_shim_is_a_warning) {
  const Recorded r = Shell("env -i /bin/true");
  BOOST_TEST(r.Warned("exec of true: its environment no longer preloads the shim"),
             Listing(r.trace()));
  const Recorded clean = Shell("/bin/true");
  BOOST_TEST(clean.trace().warnings.empty(), Listing(clean.trace()));
}

BOOST_AUTO_TEST_CASE(symlinks_and_fifos_made_in_dir_are_warnings) {
  const Recorded r = Shell("ln -s target link && mkfifo pipe");
  BOOST_TEST(r.Warned("a symlink link in DIR: not modelled"), Listing(r.trace()));
  BOOST_TEST(r.Warned("a FIFO pipe in DIR: not modelled"), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(an_exchanging_rename_is_two_renames_and_a_warning) {
  WriteFile("a", "A");
  WriteFile("b", "B");
  const Recorded r = Record({"python3", "-c",
                             "import ctypes, os\n"
                             "libc = ctypes.CDLL(None, use_errno=True)\n"
                             "AT_FDCWD, RENAME_EXCHANGE = -100, 2\n"
                             "assert libc.renameat2(AT_FDCWD, b'a', AT_FDCWD, b'b', RENAME_EXCHANGE) == 0\n"});
  BOOST_TEST(r.Of(EventType::kRename).size() == 2u);
  BOOST_TEST(r.Warned("RENAME_EXCHANGE"));
  BOOST_TEST(ReadFile("a") == "B");
}

BOOST_AUTO_TEST_CASE(stdout_written_by_a_raw_syscall_is_reported_missing) {
  const Recorded r = Record({"python3", "-c",
                             "import ctypes, os\n"
                             "os.write(1, b'seen\\n')\n"
                             "ctypes.CDLL(None).syscall(1, 1, b'unseen\\n', 7)\n"});
  BOOST_TEST(r.Output() == std::vector<std::string>{"seen"}, boost::test_tools::per_element());
  BOOST_TEST(r.Warned("7 bytes printed to stdout by calls the shim does not see"), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(a_write_to_a_file_created_unseen_is_dropped_with_a_warning) {
  const Recorded r = Record({"python3", "-c",
                             "import ctypes, os\n"
                             "SYS_openat, AT_FDCWD = 257, -100\n"
                             "fd = ctypes.CDLL(None).syscall(SYS_openat, AT_FDCWD, b'raw', "
                             "os.O_CREAT | os.O_WRONLY, 0o644)\n"
                             "os.write(fd, b'x')\n"},
                            {}, false, /*check_replay=*/false);
  BOOST_TEST(r.trace().events.empty(), Listing(r.trace()));
  BOOST_TEST(r.Warned("never saw created"), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(an_unnamed_temporary_file_is_a_warning) {
  const Recorded r = Record({"python3", "-c",
                             "import os\n"
                             "os.close(os.open('.', os.O_TMPFILE | os.O_WRONLY, 0o600))\n"});
  BOOST_TEST(r.Warned("O_TMPFILE"), Listing(r.trace()));
}

BOOST_AUTO_TEST_CASE(an_io_uring_open_at_exit_is_a_warning) {
  const Recorded r = Record({Helper(), "io-uring"});
  if (r.Output() != std::vector<std::string>{"io_uring OK"}) {
    BOOST_TEST_MESSAGE("io_uring is not available here: nothing to detect");
    return;
  }
  BOOST_TEST(r.Warned("io_uring"), Listing(r.trace()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::record::testing
