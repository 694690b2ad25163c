// The shared region as the recorder creates it and the shim maps it: layout checks, the robust
// record lock across processes, warnings deduplicated without locks.
#include "faultfs/preload/shared_region.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"

namespace powercut::preload {
namespace {

BOOST_AUTO_TEST_SUITE(shared_region)

BOOST_AUTO_TEST_CASE(a_created_region_maps_in_another_mapping) {
  powercut::testing::TempDir dir;
  Result<OwnedSharedRegion> owned = OwnedSharedRegion::Create(dir.Join("region"));
  BOOST_TEST_REQUIRE(owned.ok(), owned.status().ToString());
  const int fd = ::open(dir.Join("region").c_str(), O_RDWR);
  SharedRegion* mapped = MapSharedRegion(fd);
  ::close(fd);
  BOOST_TEST_REQUIRE(mapped != nullptr);
  mapped->processes.fetch_add(3);
  BOOST_TEST(owned->region().processes.load() == 3u);  // the same memory
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_region_does_not_map) {
  powercut::testing::TempDir dir;
  const std::string path = dir.Join("garbage");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0600);
  BOOST_TEST_REQUIRE(::ftruncate(fd, sizeof(SharedRegion)) == 0);
  BOOST_TEST(MapSharedRegion(fd) == nullptr);  // zeros: no magic
  ::close(fd);
  BOOST_TEST(!OwnedSharedRegion::Create(path).ok());  // never over an existing file
}

BOOST_AUTO_TEST_CASE(a_lock_whose_owner_was_killed_is_taken_and_counted) {
  powercut::testing::TempDir dir;
  Result<OwnedSharedRegion> owned = OwnedSharedRegion::Create(dir.Join("region"));
  BOOST_TEST_REQUIRE(owned.ok());
  SharedRegion& region = owned->region();
  int ready[2];
  BOOST_TEST_REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  if (child == 0) {
    LockRecord(region);
    (void)::write(ready[1], "x", 1);
    ::pause();  // killed holding the lock
    ::_exit(0);
  }
  char byte;
  BOOST_TEST_REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  BOOST_TEST(LockRecord(region));
  BOOST_TEST(region.lock_owner_died.load() == 1u);
  UnlockRecord(region);
  BOOST_TEST(LockRecord(region));  // consistent again: no second "owner died"
  UnlockRecord(region);
  BOOST_TEST(region.lock_owner_died.load() == 1u);
  ::close(ready[0]);
  ::close(ready[1]);
}

std::string FileBytes(const std::string& path) {
  std::string bytes;
  char buffer[65536];
  const int fd = ::open(path.c_str(), O_RDONLY);
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) bytes.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  return bytes;
}

BOOST_AUTO_TEST_CASE(capture_records_reach_the_file_in_order_through_the_buffer) {
  powercut::testing::TempDir dir;
  Result<OwnedSharedRegion> owned = OwnedSharedRegion::Create(dir.Join("region"));
  BOOST_TEST_REQUIRE(owned.ok());
  SharedRegion& region = owned->region();
  const int fd = ::open(dir.Join("capture").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  // Small records stay in the buffer; one that does not fit flushes it first; one larger than
  // the buffer goes straight to the file after it.
  const std::string small(1000, 's');
  const std::string filler(kCaptureBufferBytes - 1500, 'f');
  const std::string big(kCaptureBufferBytes + 1, 'b');
  std::string expected;
  for (const std::string* record : {&small, &filler, &small, &big, &small}) {
    BOOST_TEST_REQUIRE(AppendCaptureRecord(region, fd, record->data(), record->size()));
    expected += *record;
  }
  BOOST_TEST(region.capture_buffered == small.size());  // the last one waits in the buffer
  BOOST_TEST(FileBytes(dir.Join("capture")).size() == expected.size() - small.size());
  BOOST_TEST_REQUIRE(FlushCaptureBuffer(region, fd));
  BOOST_TEST(region.capture_buffered == 0u);
  BOOST_TEST((FileBytes(dir.Join("capture")) == expected));
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(a_capture_that_cannot_be_written_says_so) {
  powercut::testing::TempDir dir;
  Result<OwnedSharedRegion> owned = OwnedSharedRegion::Create(dir.Join("region"));
  BOOST_TEST_REQUIRE(owned.ok());
  const int read_only = ::open("/dev/null", O_RDONLY);
  const std::string record(100, 'r');
  BOOST_TEST(AppendCaptureRecord(owned->region(), read_only, record.data(), record.size()));
  BOOST_TEST(!FlushCaptureBuffer(owned->region(), read_only));
  BOOST_TEST(owned->region().capture_buffered == record.size());  // kept: nothing was lost yet
  ::close(read_only);
}

BOOST_AUTO_TEST_CASE(warnings_are_kept_in_order_once_each) {
  powercut::testing::TempDir dir;
  Result<OwnedSharedRegion> owned = OwnedSharedRegion::Create(dir.Join("region"));
  BOOST_TEST_REQUIRE(owned.ok());
  AddWarning(owned->region(), "mmap of a");
  AddWarning(owned->region(), "io_uring");
  AddWarning(owned->region(), "mmap of a");
  BOOST_TEST(Warnings(owned->region()) == (std::vector<std::string>{"mmap of a", "io_uring"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(warnings_past_the_slots_are_counted_as_dropped) {
  powercut::testing::TempDir dir;
  Result<OwnedSharedRegion> owned = OwnedSharedRegion::Create(dir.Join("region"));
  BOOST_TEST_REQUIRE(owned.ok());
  for (size_t i = 0; i < kWarningSlots + 5; ++i) AddWarning(owned->region(), std::to_string(i));
  BOOST_TEST(Warnings(owned->region()).size() == kWarningSlots);
  BOOST_TEST(owned->region().warnings_dropped.load() == 5u);
  AddWarning(owned->region(), std::string(kWarningBytes + 10, 'x'));  // cut, never overflows
  BOOST_TEST(owned->region().warnings_dropped.load() == 6u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::preload
