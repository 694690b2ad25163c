#include "faultfs/image/fs_image.h"

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"

namespace powercut {
namespace {

constexpr InodeId kRoot = trace::kRootInode;

BOOST_AUTO_TEST_SUITE(fs_image)

BOOST_AUTO_TEST_CASE(files_and_directories_resolve_by_path) {
  FsImage image;
  image.MakeDir(kRoot, "wal", 2);
  image.CreateFile(2, "MANIFEST", 3);
  image.Write(3, 0, "abc");
  image.ExtendSize(3, 3);
  BOOST_TEST(image.Resolve("wal/MANIFEST").value() == 3u);
  BOOST_TEST(image.Resolve("./wal").value() == 2u);
  BOOST_TEST(image.Resolve(".").value() == kRoot);
  BOOST_TEST(!image.Resolve("wal/missing").has_value());
  BOOST_TEST(image.Contents(3) == "abc");
}

BOOST_AUTO_TEST_CASE(data_past_the_size_stays_hidden_until_the_size_grows_over_it) {
  FsImage image;
  image.CreateFile(kRoot, "f", 2);
  image.Write(2, 4, "xy");  // the size change of this write did not persist
  BOOST_TEST(image.Contents(2).empty());
  image.ExtendSize(2, 6);  // a later size change did
  BOOST_TEST(image.Contents(2) == std::string("\0\0\0\0xy", 6));
}

BOOST_AUTO_TEST_CASE(a_size_extension_without_data_reads_as_zeros) {
  FsImage image;
  image.CreateFile(kRoot, "f", 2);
  image.ExtendSize(2, 4);
  BOOST_TEST(image.Contents(2) == std::string(4, '\0'));
}

BOOST_AUTO_TEST_CASE(truncate_drops_bytes_so_a_later_extension_reads_zeros) {
  FsImage image;
  image.CreateFile(kRoot, "f", 2);
  image.Write(2, 0, "hello");
  image.ExtendSize(2, 5);
  image.Truncate(2, 1);
  image.ExtendSize(2, 3);
  BOOST_TEST(image.Contents(2) == std::string("h\0\0", 3));
}

BOOST_AUTO_TEST_CASE(entry_operations_that_no_longer_match_change_nothing) {
  FsImage image;
  image.CreateFile(kRoot, "a", 2);
  image.Unlink(kRoot, "a", 3);  // "a" is inode 2 here, not 3
  BOOST_TEST(image.Lookup(kRoot, "a").value() == 2u);
  image.Rename(kRoot, "b", kRoot, "c", 2, false);  // the source is gone: only the target is set
  BOOST_TEST(image.Lookup(kRoot, "c").value() == 2u);
  BOOST_TEST(image.Lookup(kRoot, "a").value() == 2u);
}

BOOST_AUTO_TEST_CASE(copies_share_nodes_until_one_is_written) {
  FsImage a;
  a.CreateFile(kRoot, "f", 2);
  a.Write(2, 0, "one");
  a.ExtendSize(2, 3);
  FsImage b = a;
  b.Write(2, 0, "two");
  BOOST_TEST(a.Contents(2) == "one");
  BOOST_TEST(b.Contents(2) == "two");
}

BOOST_AUTO_TEST_CASE(content_hash_sees_names_contents_and_kinds_but_not_hidden_inodes) {
  FsImage a;
  a.CreateFile(kRoot, "f", 2);
  FsImage b = a;
  BOOST_TEST(a.ContentHash() == b.ContentHash());
  b.Write(7, 0, "orphan");  // an inode no entry reaches
  BOOST_TEST(a.ContentHash() == b.ContentHash());
  b.Write(2, 0, "x");
  BOOST_TEST(a.ContentHash() == b.ContentHash());  // still past the size: invisible
  b.ExtendSize(2, 1);
  BOOST_TEST(a.ContentHash() != b.ContentHash());
  FsImage c;
  c.MakeDir(kRoot, "f", 2);
  BOOST_TEST(a.ContentHash() != c.ContentHash());
  FsImage d;
  d.CreateFile(kRoot, "g", 2);
  BOOST_TEST(a.ContentHash() != d.ContentHash());
}

// ContentHash hashes the visible bytes without building them: hidden bytes past the size and
// zeros past the written bytes (more than one chunk of them) must hash as if written out.
BOOST_AUTO_TEST_CASE(content_hash_equals_the_hash_of_the_visible_bytes_written_out) {
  const uint64_t size = 3 * 4096 + 5;
  FsImage sparse;
  sparse.CreateFile(kRoot, "f", 2);
  sparse.Write(2, 0, "abc");
  sparse.Write(2, size, "hidden past the size");
  sparse.ExtendSize(2, size);
  FsImage written_out;
  written_out.CreateFile(kRoot, "f", 2);
  written_out.Write(2, 0, sparse.Contents(2));
  written_out.ExtendSize(2, size);
  BOOST_TEST(sparse.ContentHash() == written_out.ContentHash());
  written_out.Write(2, size - 1, "z");  // the last visible byte differs
  BOOST_TEST(sparse.ContentHash() != written_out.ContentHash());
}

BOOST_AUTO_TEST_CASE(describe_lists_the_visible_tree) {
  FsImage image;
  image.MakeDir(kRoot, "d", 2);
  image.CreateFile(2, "f", 3);
  image.Write(3, 0, "abc");
  image.ExtendSize(3, 3);
  const std::string text = image.Describe();
  BOOST_TEST(text.starts_with("d d/\nf d/f 3 "));
  BOOST_TEST(text.size() == std::string("d d/\nf d/f 3 0123456789abcdef\n").size());
}

BOOST_AUTO_TEST_CASE(materialize_writes_the_visible_tree_to_disk) {
  testing::TempDir tmp;
  PosixFileSystem fs;
  FsImage image;
  image.MakeDir(kRoot, "wal", 2);
  image.CreateFile(2, "seg", 3);
  image.Write(3, 0, "data");
  image.ExtendSize(3, 4);
  BOOST_REQUIRE(image.MaterializeInto(fs, tmp.path()).ok());
  auto file = fs.Open(tmp.Join("wal/seg"), OpenMode::kReadOnly);
  BOOST_REQUIRE(file.ok());
  BOOST_TEST(*(*file)->Size() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut
