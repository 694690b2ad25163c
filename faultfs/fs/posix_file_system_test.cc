#include "faultfs/fs/posix_file_system.h"

#include <algorithm>
#include <array>
#include <string>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"

namespace powercut {
namespace {

std::span<const std::byte> Bytes(std::string_view s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

using testing::TempDir;

BOOST_AUTO_TEST_SUITE(posix_file_system)

BOOST_AUTO_TEST_CASE(write_then_read_round_trips_at_offsets) {
  TempDir dir;
  PosixFileSystem fs;
  auto file = fs.Open(JoinPath(dir.path(), "f"), OpenMode::kCreate);
  BOOST_REQUIRE(file.ok());
  BOOST_TEST((*file)->WriteAt(0, Bytes("hello")).ok());
  BOOST_TEST((*file)->WriteAt(8, Bytes("world")).ok());  // leaves a 3-byte hole
  BOOST_TEST((*file)->DataSync().ok());
  BOOST_TEST((*file)->Sync().ok());
  BOOST_TEST(*(*file)->Size() == 13u);

  std::array<std::byte, 16> buf{};
  auto n = (*file)->ReadAt(0, buf);
  BOOST_REQUIRE(n.ok());
  BOOST_TEST(*n == 13u);  // short read only at end of file
  BOOST_TEST(std::to_integer<char>(buf[4]) == 'o');
  BOOST_TEST(std::to_integer<int>(buf[6]) == 0);  // the hole reads as zeros
  BOOST_TEST(std::to_integer<char>(buf[8]) == 'w');
}

BOOST_AUTO_TEST_CASE(truncate_shrinks_file) {
  TempDir dir;
  PosixFileSystem fs;
  auto file = fs.Open(JoinPath(dir.path(), "f"), OpenMode::kCreate);
  BOOST_REQUIRE(file.ok());
  BOOST_TEST((*file)->WriteAt(0, Bytes("0123456789")).ok());
  BOOST_TEST((*file)->Truncate(4).ok());
  BOOST_TEST(*(*file)->Size() == 4u);
}

BOOST_AUTO_TEST_CASE(open_missing_file_is_not_found_with_path) {
  TempDir dir;
  PosixFileSystem fs;
  auto file = fs.Open(JoinPath(dir.path(), "missing"), OpenMode::kReadOnly);
  BOOST_REQUIRE(!file.ok());
  BOOST_TEST(file.status().IsNotFound());
  BOOST_TEST(file.status().message().find("missing: open") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(create_exclusive_refuses_existing_name) {
  TempDir dir;
  PosixFileSystem fs;
  const std::string path = JoinPath(dir.path(), "f");
  BOOST_REQUIRE(fs.Open(path, OpenMode::kCreateExclusive).ok());
  auto again = fs.Open(path, OpenMode::kCreateExclusive);
  BOOST_TEST(!again.ok());
  BOOST_TEST(again.status().error_number() == EEXIST);
}

BOOST_AUTO_TEST_CASE(create_truncate_empties_existing_file) {
  TempDir dir;
  PosixFileSystem fs;
  const std::string path = JoinPath(dir.path(), "f");
  {
    auto file = fs.Open(path, OpenMode::kCreate);
    BOOST_REQUIRE(file.ok());
    BOOST_TEST((*file)->WriteAt(0, Bytes("abc")).ok());
  }
  auto file = fs.Open(path, OpenMode::kCreateTruncate);
  BOOST_REQUIRE(file.ok());
  BOOST_TEST(*(*file)->Size() == 0u);
}

BOOST_AUTO_TEST_CASE(rename_replaces_target_and_list_shows_names) {
  TempDir dir;
  PosixFileSystem fs;
  const std::string a = JoinPath(dir.path(), "a");
  const std::string b = JoinPath(dir.path(), "b");
  BOOST_REQUIRE(fs.Open(a, OpenMode::kCreate).ok());
  BOOST_REQUIRE(fs.Open(b, OpenMode::kCreate).ok());
  BOOST_TEST(fs.Rename(a, b).ok());
  BOOST_TEST(fs.SyncDir(dir.path()).ok());
  auto names = fs.List(dir.path());
  BOOST_REQUIRE(names.ok());
  BOOST_TEST(names->size() == 1u);
  BOOST_TEST(names->front() == "b");
  BOOST_TEST(fs.Unlink(b).ok());
  BOOST_TEST(fs.List(dir.path())->empty());
  BOOST_TEST(fs.Unlink(b).IsNotFound());
}

BOOST_AUTO_TEST_CASE(create_dir_and_sync_dir_report_errors) {
  TempDir dir;
  PosixFileSystem fs;
  const std::string sub = JoinPath(dir.path(), "sub");
  BOOST_TEST(fs.CreateDir(sub).ok());
  BOOST_TEST(fs.CreateDir(sub).error_number() == EEXIST);
  BOOST_TEST(fs.SyncDir(sub).ok());
  BOOST_TEST(fs.SyncDir(JoinPath(dir.path(), "nope")).IsNotFound());
  BOOST_TEST(fs.List(JoinPath(dir.path(), "nope")).status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(closed_file_refuses_io_and_close_is_idempotent) {
  TempDir dir;
  PosixFileSystem fs;
  auto file = fs.Open(JoinPath(dir.path(), "f"), OpenMode::kCreate);
  BOOST_REQUIRE(file.ok());
  BOOST_TEST((*file)->Close().ok());
  BOOST_TEST((*file)->Close().ok());
  BOOST_TEST((*file)->WriteAt(0, Bytes("x")).IsFailedPrecondition());
  BOOST_TEST((*file)->DataSync().IsFailedPrecondition());
  BOOST_TEST(!(*file)->Size().ok());
}

BOOST_AUTO_TEST_CASE(parent_dir_and_join_path_handle_edges) {
  BOOST_TEST(ParentDir("a/b/c") == "a/b");
  BOOST_TEST(ParentDir("c") == ".");
  BOOST_TEST(ParentDir("/c") == "/");
  BOOST_TEST(ParentDir("a/b/") == "a");
  BOOST_TEST(JoinPath("a", "b") == "a/b");
  BOOST_TEST(JoinPath("a/", "b") == "a/b");
  BOOST_TEST(JoinPath("", "b") == "b");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut
