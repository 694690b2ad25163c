#include "faultfs/preload/tree_events.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"

namespace powercut::preload {
namespace {

using trace::Event;
using trace::EventType;

struct Collected {
  std::vector<Event> events;
  std::vector<std::string> warnings;
  TreeSink Sink(size_t chunk = 4u << 20) {
    return TreeSink{.emit = [this](const Event& e) {
                      events.push_back(e);
                      return Status::Ok();
                    },
                    .warn = [this](std::string_view w) { warnings.emplace_back(w); },
                    .chunk_bytes = chunk};
  }
};

trace::InodeId RawOf(const std::string& path) {
  struct stat st {};
  ::lstat(path.c_str(), &st);
  return RawId(st);
}

BOOST_AUTO_TEST_SUITE(tree_events)

BOOST_AUTO_TEST_CASE(a_tree_becomes_directories_first_then_files_with_their_bytes) {
  powercut::testing::TempDir dir;
  std::filesystem::create_directories(dir.Join("b/c"));
  std::ofstream(dir.Join("b/c/f")) << "hello";
  std::ofstream empty(dir.Join("a"));
  Collected got;
  BOOST_TEST_REQUIRE(EmitDirectoryContents(dir.path(), 99, "", got.Sink()).ok());
  BOOST_TEST_REQUIRE(got.events.size() == 5u);
  BOOST_TEST((got.events[0].type == EventType::kCreate && got.events[0].name == "a"));
  BOOST_TEST(got.events[0].dir == 99u);
  BOOST_TEST((got.events[1].type == EventType::kMkdir && got.events[1].name == "b"));
  BOOST_TEST((got.events[2].type == EventType::kMkdir && got.events[2].dir == got.events[1].inode));
  BOOST_TEST((got.events[3].type == EventType::kCreate && got.events[3].name == "f"));
  BOOST_TEST(got.events[3].inode == RawOf(dir.Join("b/c/f")));
  BOOST_TEST((got.events[4].type == EventType::kWrite && got.events[4].data == "hello"));
  BOOST_TEST(got.warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_second_name_of_a_file_is_a_link_and_big_files_come_in_chunks) {
  powercut::testing::TempDir dir;
  std::ofstream(dir.Join("a")) << std::string(10, 'x');
  std::filesystem::create_hard_link(dir.Join("a"), dir.Join("b"));
  Collected got;
  BOOST_TEST_REQUIRE(EmitDirectoryContents(dir.path(), 99, "", got.Sink(4)).ok());
  BOOST_TEST_REQUIRE(got.events.size() == 5u);  // create a, 3 writes (4+4+2), link b
  BOOST_TEST(got.events[3].offset == 8u);
  BOOST_TEST(got.events[3].data == "xx");
  BOOST_TEST((got.events[4].type == EventType::kLink && got.events[4].name2 == "b"));
  BOOST_TEST(got.events[4].inode == got.events[0].inode);
}

BOOST_AUTO_TEST_CASE(what_is_not_modelled_is_a_warning_naming_it) {
  powercut::testing::TempDir dir;
  std::filesystem::create_directory(dir.Join("d"));
  std::filesystem::create_symlink("nowhere", dir.Join("d/link"));
  BOOST_TEST_REQUIRE(::mkfifo(dir.Join("fifo").c_str(), 0600) == 0);
  Collected got;
  BOOST_TEST_REQUIRE(EmitDirectoryContents(dir.path(), 99, "", got.Sink()).ok());
  BOOST_TEST(got.events.size() == 1u);  // mkdir d
  BOOST_TEST(got.warnings == (std::vector<std::string>{"d/link: symlink not modelled, not recorded",
                                                       "fifo: FIFO not modelled, not recorded"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_entry_is_emitted_with_its_name) {
  powercut::testing::TempDir dir;
  std::filesystem::create_directory(dir.Join("moved"));
  std::ofstream(dir.Join("moved/x")) << "1";
  Collected got;
  BOOST_TEST_REQUIRE(EmitEntry(dir.Join("moved"), 7, "moved", "moved", got.Sink()).ok());
  BOOST_TEST_REQUIRE(got.events.size() == 3u);
  BOOST_TEST((got.events[0].type == EventType::kMkdir && got.events[0].dir == 7u));
  BOOST_TEST(got.events[1].dir == got.events[0].inode);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::preload
