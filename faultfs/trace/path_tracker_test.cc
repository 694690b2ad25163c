#include "faultfs/trace/path_tracker.h"

#include <boost/test/unit_test.hpp>

namespace powercut::trace {
namespace {

Event Mkdir(InodeId dir, std::string name, InodeId inode) {
  return Event{.type = EventType::kMkdir, .inode = inode, .dir = dir, .name = std::move(name)};
}
Event Create(InodeId dir, std::string name, InodeId inode) {
  return Event{.type = EventType::kCreate, .inode = inode, .dir = dir, .name = std::move(name)};
}
Event Rename(InodeId dir, std::string name, InodeId dir2, std::string name2, InodeId inode) {
  return Event{.type = EventType::kRename,
               .inode = inode,
               .dir = dir,
               .dir2 = dir2,
               .name = std::move(name),
               .name2 = std::move(name2)};
}
Event Link(InodeId inode, InodeId dir2, std::string name2) {
  return Event{.type = EventType::kLink, .inode = inode, .dir2 = dir2, .name2 = std::move(name2)};
}
Event Unlink(InodeId dir, std::string name, InodeId inode) {
  return Event{.type = EventType::kUnlink, .inode = inode, .dir = dir, .name = std::move(name)};
}

PathTracker Replay(const std::vector<Event>& events) {
  return PathTracker::Before(events, events.size());
}

BOOST_AUTO_TEST_SUITE(path_tracker)

BOOST_AUTO_TEST_CASE(root_is_dot_and_names_join_with_slashes) {
  const PathTracker names = Replay({Mkdir(1, "wal", 2), Mkdir(2, "sub", 3), Create(3, "x", 4)});
  BOOST_TEST(names.PathOf(kRootInode) == ".");
  BOOST_TEST(names.PathOf(2) == "wal");
  BOOST_TEST(names.PathOf(4) == "wal/sub/x");
  BOOST_TEST(names.EntryPath(kRootInode, "y") == "y");
  BOOST_TEST(names.EntryPath(3, "y") == "wal/sub/y");
  BOOST_TEST(names.Lookup(3, "x").value_or(0) == 4u);
  BOOST_TEST(!names.Lookup(3, "y").has_value());
}

BOOST_AUTO_TEST_CASE(renaming_a_directory_moves_the_paths_of_its_children) {
  const PathTracker names = Replay({Mkdir(1, "a", 2), Mkdir(2, "b", 3), Create(3, "f", 4),
                                    Mkdir(1, "z", 5), Rename(1, "a", 5, "moved", 2)});
  BOOST_TEST(names.PathOf(4) == "z/moved/b/f");
  BOOST_TEST(names.PathOf(3) == "z/moved/b");
  BOOST_TEST(!names.Lookup(1, "a").has_value());
}

BOOST_AUTO_TEST_CASE(answers_are_as_of_just_before_an_event) {
  const std::vector<Event> events = {Create(1, "MANIFEST.tmp", 2),
                                     Rename(1, "MANIFEST.tmp", 1, "MANIFEST", 2),
                                     Unlink(1, "MANIFEST", 2)};
  BOOST_TEST(PathTracker::Before(events, 0).PathOf(2) == "<unknown ino 2>");
  BOOST_TEST(PathTracker::Before(events, 1).PathOf(2) == "MANIFEST.tmp");
  BOOST_TEST(PathTracker::Before(events, 2).PathOf(2) == "MANIFEST");
  BOOST_TEST(PathTracker::Before(events, 3).PathOf(2) == "<deleted ino 2>");
  BOOST_TEST(!PathTracker::Before(events, 3).IsLinked(2));
  BOOST_TEST(PathTracker::Before(events, 3).IsLinked(kRootInode));
}

BOOST_AUTO_TEST_CASE(hard_linked_file_is_named_by_its_oldest_surviving_link) {
  std::vector<Event> events = {Create(1, "b-first", 2), Link(2, 1, "a-second")};
  BOOST_TEST(Replay(events).PathOf(2) == "b-first");  // not the alphabetically first
  BOOST_TEST((Replay(events).PathsOf(2) == std::vector<std::string>{"b-first", "a-second"}));
  events.push_back(Rename(1, "b-first", 1, "c-renamed", 2));  // a rename keeps the link's age
  BOOST_TEST(Replay(events).PathOf(2) == "c-renamed");
  events.push_back(Unlink(1, "c-renamed", 2));
  BOOST_TEST(Replay(events).PathOf(2) == "a-second");
  events.push_back(Unlink(1, "a-second", 2));
  BOOST_TEST(Replay(events).PathOf(2) == "<deleted ino 2>");
  BOOST_TEST(Replay(events).PathsOf(2).empty());
}

BOOST_AUTO_TEST_CASE(rename_over_an_existing_name_deletes_the_replaced_file) {
  const PathTracker names = Replay({Create(1, "MANIFEST", 2), Create(1, "MANIFEST.tmp", 3),
                                    Rename(1, "MANIFEST.tmp", 1, "MANIFEST", 3)});
  BOOST_TEST(names.PathOf(3) == "MANIFEST");
  BOOST_TEST(names.PathOf(2) == "<deleted ino 2>");
}

BOOST_AUTO_TEST_CASE(rename_between_two_links_of_one_file_changes_nothing) {
  const PathTracker names = Replay({Create(1, "a", 2), Link(2, 1, "b"), Rename(1, "a", 1, "b", 2)});
  BOOST_TEST((names.PathsOf(2) == std::vector<std::string>{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(rmdir_removes_a_directory_name) {
  const PathTracker names = Replay(
      {Mkdir(1, "d", 2), Event{.type = EventType::kRmdir, .inode = 2, .dir = 1, .name = "d"}});
  BOOST_TEST(names.PathOf(2) == "<deleted ino 2>");
}

BOOST_AUTO_TEST_CASE(inconsistent_traces_give_placeholders_not_crashes) {
  // A directory moved into its own child (impossible on a real file system): a cycle.
  const PathTracker cycle =
      Replay({Mkdir(1, "a", 2), Mkdir(2, "b", 3), Rename(1, "a", 3, "a", 2), Create(3, "f", 4)});
  BOOST_TEST(cycle.PathOf(4).starts_with("<loop>/"));
  // A parent removed under its child, names removed that never existed, the root renamed.
  const PathTracker orphan = Replay({Mkdir(1, "d", 2), Create(2, "f", 3), Unlink(1, "d", 2),
                                     Unlink(1, "nothing", 9), Rename(1, "x", 1, "y", kRootInode)});
  BOOST_TEST(orphan.PathOf(3) == "<deleted ino 2>/f");
  BOOST_TEST(orphan.PathOf(kRootInode) == ".");
  BOOST_TEST(orphan.PathOf(77) == "<unknown ino 77>");
}

BOOST_AUTO_TEST_CASE(events_that_name_nothing_change_nothing) {
  PathTracker names = Replay({Create(1, "f", 2)});
  names.Apply(Event{.type = EventType::kWrite, .inode = 2, .data = "x"});
  names.Apply(Event{.type = EventType::kFsync, .inode = 2});
  names.Apply(Event{.type = EventType::kOutput, .data = "ack"});
  BOOST_TEST(names.PathOf(2) == "f");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::trace
