// One test per rule of DESIGN.md section 6 / MODELS.md, on traces recorded by SimFileSystem.
#include <set>

#include <boost/test/unit_test.hpp>

#include "faultfs/crash/generator.h"
#include "faultfs/sim/sim_file_system.h"

namespace powercut::crash {
namespace {

std::span<const std::byte> Bytes(std::string_view s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

struct Explored {
  CrashState state;
  FsImage image;
};

// Every state of `trace` under `model` at crash points from `from` on (exhaustive, a generous
// deviation bound, not deduplicated so that each crash point shows all of its states).
std::vector<Explored> Explore(const trace::Trace& trace, Model model, size_t from = 0) {
  GeneratorOptions options;
  options.model = model;
  options.max_deviations = 8;
  options.deduplicate = false;
  CrashStateGenerator generator(trace, options);
  std::vector<Explored> out;
  const GeneratorStats stats = generator.Run([&](const CrashState& s, const FsImage& image) {
    if (s.crash_point >= from) out.push_back({s, image});
    return true;
  });
  BOOST_REQUIRE(!stats.capped);
  return out;
}

// The contents of `path` in `image`, or nullopt when the name is not there.
std::optional<std::string> Read(const FsImage& image, const std::string& path) {
  const std::optional<InodeId> inode = image.Resolve(path);
  if (!inode) return std::nullopt;
  return image.Contents(*inode);
}

std::unique_ptr<File> Create(SimFileSystem& fs, const std::string& path) {
  auto file = fs.Open(path, OpenMode::kCreate);
  BOOST_REQUIRE(file.ok());
  return std::move(file).value();
}

BOOST_AUTO_TEST_SUITE(models)

BOOST_AUTO_TEST_CASE(drop_unsynced_never_holds_bytes_written_after_the_files_last_sync) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  BOOST_REQUIRE(f->WriteAt(0, Bytes("AAAA")).ok());
  BOOST_REQUIRE(f->Sync().ok());
  BOOST_REQUIRE(f->WriteAt(4, Bytes("BBBB")).ok());
  BOOST_REQUIRE(f->WriteAt(0, Bytes("CC")).ok());
  const trace::Trace trace = fs.trace();
  const std::vector<Explored> states = Explore(trace, Model::kDropUnsynced);
  for (const Explored& s : states) {
    BOOST_TEST(s.state.persisted.empty());
    const std::optional<std::string> contents = Read(s.image, "f");
    if (contents) BOOST_TEST((contents->empty() || *contents == "AAAA"), s.state.id);
  }
  // One state per crash point, before deduplication: nothing pending ever persists.
  GeneratorOptions options;
  options.model = Model::kDropUnsynced;
  CrashStateGenerator generator(trace, options);
  BOOST_TEST(generator.Run([](const CrashState&, const FsImage&) { return true; }).generated ==
             generator.crash_points().size());
}

BOOST_AUTO_TEST_CASE(prefix_states_are_in_order_prefixes) {
  SimFileSystem fs;
  for (const std::string name : {"a", "b", "c"}) {
    auto f = Create(fs, name);
    BOOST_REQUIRE(f->WriteAt(0, Bytes(name)).ok());
  }
  const std::vector<Explored> states = Explore(fs.trace(), Model::kPrefix);
  for (const Explored& s : states) {
    // The three files appear (with their byte) in order: never c before b before a.
    bool gap = false;
    for (const std::string name : {"a", "b", "c"}) {
      const std::optional<std::string> contents = Read(s.image, name);
      const bool there = contents.has_value() && *contents == name;
      BOOST_TEST(!(gap && contents.has_value()), s.state.id);
      if (!there) gap = true;
    }
    BOOST_TEST(s.state.deviations == 0);
  }
}

BOOST_AUTO_TEST_CASE(posix_rename_persisted_without_the_earlier_data_reads_empty_or_zeroed) {
  SimFileSystem fs;
  auto tmp = Create(fs, "tmp");
  BOOST_REQUIRE(tmp->WriteAt(0, Bytes("new contents")).ok());  // never fsynced
  BOOST_REQUIRE(fs.Rename("tmp", "final").ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  bool empty_or_zero = false;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix)) {
    const std::optional<std::string> contents = Read(s.image, "final");
    if (s.state.crash_point == fs.trace().events.size()) BOOST_TEST(contents.has_value());
    if (contents && contents->find_first_not_of('\0') == std::string::npos) empty_or_zero = true;
  }
  BOOST_TEST(empty_or_zero);
}

BOOST_AUTO_TEST_CASE(a_created_file_whose_directory_was_never_synced_can_vanish_under_posix) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes("data")).ok());
  BOOST_REQUIRE(f->Sync().ok());  // the data is durable; the name is not
  const size_t end = fs.trace().events.size();
  bool vanished = false;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix)) {
    if (s.state.crash_point == end && !Read(s.image, "f")) vanished = true;
  }
  BOOST_TEST(vanished);
}

BOOST_AUTO_TEST_CASE(a_directory_fsync_makes_the_name_durable_but_not_the_data) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes("data")).ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t end = fs.trace().events.size();
  bool empty = false;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix)) {
    if (s.state.crash_point != end) continue;
    BOOST_TEST(Read(s.image, "f").has_value(), s.state.id);
    if (Read(s.image, "f")->empty()) empty = true;
  }
  BOOST_TEST(empty);
}

BOOST_AUTO_TEST_CASE(a_failed_fsync_loses_dirty_data_although_a_later_fsync_succeeds) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  BOOST_REQUIRE(f->WriteAt(0, Bytes("lost?")).ok());
  fs.FailSyncs([](const std::string&) { return true; }, 1);
  BOOST_TEST(!f->Sync().ok());
  BOOST_REQUIRE(f->Sync().ok());  // "succeeds": the pages were marked clean
  const size_t end = fs.trace().events.size();
  bool lost = false;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix)) {
    if (s.state.crash_point == end && Read(s.image, "f")->empty()) lost = true;
  }
  BOOST_TEST(lost);
  // Without the failure, the second fsync would have forced it.
  for (const Model model : AllModels()) {
    for (const Explored& s : Explore(fs.trace(), model)) {
      if (s.state.crash_point == end) BOOST_TEST(s.state.pending.size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(rename_is_atomic_in_every_model) {
  SimFileSystem fs;
  {
    auto old_file = Create(fs, "target");
    BOOST_REQUIRE(old_file->WriteAt(0, Bytes("old")).ok());
    BOOST_REQUIRE(old_file->Sync().ok());
    auto tmp = Create(fs, "tmp");
    BOOST_REQUIRE(tmp->WriteAt(0, Bytes("new")).ok());
    BOOST_REQUIRE(tmp->Sync().ok());
  }
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t setup = fs.trace().events.size();
  BOOST_REQUIRE(fs.Rename("tmp", "target").ok());
  for (const Model model : AllModels()) {
    for (const Explored& s : Explore(fs.trace(), model, setup)) {
      const std::optional<std::string> target = Read(s.image, "target");
      const std::optional<std::string> tmp = Read(s.image, "tmp");
      BOOST_REQUIRE(target.has_value());  // never neither
      BOOST_TEST(((*target == "old" && tmp == "new") || (*target == "new" && !tmp)),
                 ModelName(model) << " " << s.state.id);
    }
  }
}

BOOST_AUTO_TEST_CASE(posix_lets_a_size_extension_persist_without_its_data) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  BOOST_REQUIRE(f->WriteAt(0, Bytes("abcd")).ok());
  bool zeros = false;  // (a state where the file exists with 4 zero bytes)
  for (const Explored& s : Explore(fs.trace(), Model::kPosix)) {
    if (Read(s.image, "f") == std::string(4, '\0')) zeros = true;
  }
  BOOST_TEST(zeros);
}

BOOST_AUTO_TEST_CASE(posix_writes_tear_at_sector_boundaries_only) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes(std::string(1024, 'o'))).ok());
  BOOST_REQUIRE(f->Sync().ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t setup = fs.trace().events.size();
  BOOST_REQUIRE(f->WriteAt(0, Bytes(std::string(1024, 'n'))).ok());  // an overwrite of 2 sectors
  std::set<std::string> seen;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix, setup)) {
    const std::string contents = *Read(s.image, "f");
    for (size_t sector = 0; sector < 2; ++sector) {
      const std::string piece = contents.substr(sector * 512, 512);
      BOOST_TEST((piece == std::string(512, 'o') || piece == std::string(512, 'n')));
    }
    seen.insert(contents.substr(0, 1) + contents.substr(512, 1));
  }
  BOOST_TEST(seen == (std::set<std::string>{"oo", "on", "no", "nn"}));
}

BOOST_AUTO_TEST_CASE(ext4_ordered_appends_never_expose_zeros) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes("head")).ok());
  BOOST_REQUIRE(f->Sync().ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t setup = fs.trace().events.size();
  BOOST_REQUIRE(f->WriteAt(4, Bytes(std::string(1500, 'x'))).ok());  // an append over 3 sectors
  for (const Explored& s : Explore(fs.trace(), Model::kExt4Ordered, setup)) {
    const std::string contents = *Read(s.image, "f");
    BOOST_TEST((contents == "head" || contents == "head" + std::string(1500, 'x')), s.state.id);
  }
}

BOOST_AUTO_TEST_CASE(ext4_ordered_metadata_persists_in_order) {
  SimFileSystem fs;
  Create(fs, "a");
  Create(fs, "b");
  BOOST_REQUIRE(fs.CreateDir("d").ok());
  for (const Explored& s : Explore(fs.trace(), Model::kExt4Ordered)) {
    const bool a = Read(s.image, "a").has_value();
    const bool b = Read(s.image, "b").has_value();
    const bool d = s.image.Resolve("d").has_value();
    BOOST_TEST((!b || a), s.state.id);
    BOOST_TEST((!d || b), s.state.id);
  }
}

BOOST_AUTO_TEST_CASE(ext4_ordered_an_fsync_of_any_file_forces_earlier_metadata) {
  SimFileSystem fs;
  Create(fs, "a");
  auto g = Create(fs, "g");
  BOOST_REQUIRE(g->Sync().ok());
  const size_t end = fs.trace().events.size();
  for (const Explored& s : Explore(fs.trace(), Model::kExt4Ordered)) {
    if (s.state.crash_point == end) BOOST_TEST(Read(s.image, "a").has_value());
  }
  bool vanished_under_posix = false;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix)) {
    if (s.state.crash_point == end && !Read(s.image, "a")) vanished_under_posix = true;
  }
  BOOST_TEST(vanished_under_posix);
}

BOOST_AUTO_TEST_CASE(ext4_ordered_a_replacing_rename_waits_for_the_new_data) {
  SimFileSystem fs;
  {
    auto target = Create(fs, "target");
    BOOST_REQUIRE(target->WriteAt(0, Bytes("old")).ok());
    BOOST_REQUIRE(target->Sync().ok());
  }
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t setup = fs.trace().events.size();
  auto tmp = Create(fs, "tmp");
  BOOST_REQUIRE(tmp->WriteAt(0, Bytes("new")).ok());  // not fsynced: auto_da_alloc covers it
  BOOST_REQUIRE(fs.Rename("tmp", "target").ok());
  for (const Explored& s : Explore(fs.trace(), Model::kExt4Ordered, setup)) {
    const std::string contents = *Read(s.image, "target");
    BOOST_TEST((contents == "old" || contents == "new"), s.state.id);
  }
  bool empty_under_posix = false;
  for (const Explored& s : Explore(fs.trace(), Model::kPosix, setup)) {
    if (Read(s.image, "target")->empty()) empty_under_posix = true;
  }
  BOOST_TEST(empty_under_posix);
}

BOOST_AUTO_TEST_CASE(ext4_ordered_truncate_to_zero_waits_for_the_rewrite) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes("old data")).ok());
  BOOST_REQUIRE(f->Sync().ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t setup = fs.trace().events.size();
  BOOST_REQUIRE(f->Truncate(0).ok());
  BOOST_REQUIRE(f->WriteAt(0, Bytes("new")).ok());
  const size_t end = fs.trace().events.size();
  for (const Explored& s : Explore(fs.trace(), Model::kExt4Ordered, setup)) {
    if (s.state.crash_point != end) continue;
    const std::string contents = *Read(s.image, "f");
    BOOST_TEST((contents == "old data" || contents == "new"), s.state.id);
  }
}

BOOST_AUTO_TEST_CASE(ext4_ordered_overwrites_may_tear) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes(std::string(1024, 'o'))).ok());
  BOOST_REQUIRE(f->Sync().ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const size_t setup = fs.trace().events.size();
  BOOST_REQUIRE(f->WriteAt(0, Bytes(std::string(1024, 'n'))).ok());
  bool torn = false;
  for (const Explored& s : Explore(fs.trace(), Model::kExt4Ordered, setup)) {
    const std::string contents = *Read(s.image, "f");
    if (contents[0] != contents[1023]) torn = true;
  }
  BOOST_TEST(torn);
}

BOOST_AUTO_TEST_CASE(sync_forces_everything_before_it) {
  SimFileSystem fs;
  auto f = Create(fs, "f");
  BOOST_REQUIRE(f->WriteAt(0, Bytes("x")).ok());
  BOOST_REQUIRE(fs.CreateDir("d").ok());
  trace::Trace trace = fs.trace();
  trace.events.push_back(trace::Event{.type = trace::EventType::kSync});
  for (const Model model : AllModels()) {
    for (const Explored& s : Explore(trace, model)) {
      if (s.state.crash_point == trace.events.size()) {
        BOOST_TEST(s.state.pending.empty());
        BOOST_TEST((Read(s.image, "f") == "x"));
      }
    }
  }
}

// A file `f` (inode 2) whose creation is durable, then `events`.
trace::Trace DurableFileThen(std::vector<trace::Event> events) {
  using trace::EventType;
  trace::Trace trace;
  trace.events = {trace::Event{.type = EventType::kCreate, .inode = 2, .dir = 1, .name = "f"},
                  trace::Event{.type = EventType::kFsync, .inode = 1}};
  trace.first_crash_point = 2;
  trace.events.insert(trace.events.end(), events.begin(), events.end());
  return trace;
}

trace::Event WriteF(uint64_t offset, std::string data) {
  return trace::Event{
      .type = trace::EventType::kWrite, .inode = 2, .offset = offset, .data = std::move(data)};
}

// The one state drop-unsynced allows after the last event: f's contents.
std::optional<std::string> FinalUnsynced(const trace::Trace& trace) {
  for (const Explored& s : Explore(trace, Model::kDropUnsynced)) {
    if (s.state.crash_point == trace.events.size()) return Read(s.image, "f");
  }
  return std::nullopt;
}

BOOST_AUTO_TEST_CASE(barrier_does_not_force_a_write_that_overlapped_its_call) {
  using trace::EventType;
  // Another thread's write of "B" took effect while the fsync was in progress.
  const trace::Trace trace =
      DurableFileThen({WriteF(0, "A"), WriteF(1, "B"),
                       trace::Event{.type = EventType::kFsync, .inode = 2, .overlap = 1}});
  BOOST_TEST((FinalUnsynced(trace) == std::string("A")));
  bool b_lost_after_fsync = false;
  for (const Explored& s : Explore(trace, Model::kPosix, trace.events.size())) {
    BOOST_TEST((Read(s.image, "f")->substr(0, 1) == "A"), s.state.id);
    if (Read(s.image, "f") == std::string("A")) b_lost_after_fsync = true;
  }
  BOOST_TEST(b_lost_after_fsync);
  // A later barrier that began after it forces it.
  trace::Trace synced_again = trace;
  synced_again.events.push_back(trace::Event{.type = EventType::kSync});
  BOOST_TEST((FinalUnsynced(synced_again) == std::string("AB")));
}

BOOST_AUTO_TEST_CASE(failed_sync_does_not_poison_a_write_that_overlapped_it) {
  using trace::EventType;
  const trace::Trace trace =
      DurableFileThen({WriteF(0, "A"), WriteF(1, "B"),
                       trace::Event{.type = EventType::kSyncFailed, .inode = 2, .overlap = 1},
                       trace::Event{.type = EventType::kFsync, .inode = 2}});
  // "A" was dirty when the sync failed: lost for good. "B" came during it: the next fsync forces
  // it.
  BOOST_TEST((FinalUnsynced(trace) == std::string("\0B", 2)));
}

BOOST_AUTO_TEST_CASE(ext4_ordered_fsync_commits_only_metadata_from_before_its_call) {
  using trace::EventType;
  trace::Trace trace;
  trace.events = {trace::Event{.type = EventType::kCreate, .inode = 2, .dir = 1, .name = "a"},
                  trace::Event{.type = EventType::kCreate, .inode = 3, .dir = 1, .name = "b"},
                  trace::Event{.type = EventType::kFsync, .inode = 2, .overlap = 1}};
  bool b_missing = false;
  for (const Explored& s : Explore(trace, Model::kExt4Ordered, trace.events.size())) {
    BOOST_TEST(Read(s.image, "a").has_value(), s.state.id);
    if (!Read(s.image, "b")) b_missing = true;
  }
  BOOST_TEST(b_missing);
}

BOOST_AUTO_TEST_CASE(model_names_round_trip) {
  for (const Model model : AllModels()) {
    BOOST_TEST((ParseModel(ModelName(model)) == model));
    BOOST_TEST(!ModelSummary(model).empty());
  }
  BOOST_TEST(!ParseModel("ext3").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::crash
