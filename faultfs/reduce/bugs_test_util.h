// Small programs with one classic crash-consistency bug each (and their checkers), recorded on
// SimFileSystem, and a helper that explores a trace and reduces every violation.
#ifndef POWERCUT_FAULTFS_REDUCE_BUGS_TEST_UTIL_H_
#define POWERCUT_FAULTFS_REDUCE_BUGS_TEST_UTIL_H_

#include <string>
#include <vector>

#include "faultfs/reduce/group.h"
#include "faultfs/reduce/reduce.h"
#include "faultfs/reduce/reduce_test_util.h"

namespace powercut::reduce::testing {

struct Bug {
  trace::Trace trace;
  std::function<Judgement(const FsImage&, const std::vector<std::string>&)> checker;
};

// The durable state before the workload: files with their contents.
inline FsImage InitialFiles(const std::vector<std::pair<std::string, std::string>>& files) {
  SimFileSystem fs;
  for (const auto& [name, contents] : files) {
    auto file = fs.Open(name, OpenMode::kCreate);
    Check((*file)->WriteAt(0, Bytes(contents)));
  }
  return fs.image();
}
inline FsImage InitialFile(const std::string& name, const std::string& contents) {
  return InitialFiles({{name, contents}});
}

// Replace by rename without fsyncing the new file: f.tmp written, renamed over f, the directory
// synced, "saved" printed. f must hold one whole version, the new one once "saved" is printed.
inline Bug RenameWithoutFsync(bool fsync_tmp = false) {
  SimFileSystem fs(InitialFile("f", "version=1"));
  auto tmp = fs.Open("f.tmp", OpenMode::kCreateTruncate);
  Check((*tmp)->WriteAt(0, Bytes("version=2")));
  if (fsync_tmp) Check((*tmp)->Sync());
  Check(fs.Rename("f.tmp", "f"));
  Check(fs.SyncDir("."));
  fs.output().Line("saved");
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>& output) {
            const std::string f = FileAt(image, "f").value_or("<missing>");
            if (f != "version=1" && f != "version=2") {
              return Judgement::Violation("f holds neither version: \"" + f + "\"");
            }
            if (Printed(output, "saved") && f != "version=2") {
              return Judgement::Violation("\"saved\" printed but f is the old version");
            }
            return Judgement::Consistent();
          }};
}

// A log whose appends are acknowledged ("ack N") without an fsync; `records` of 8 bytes each.
// Every acknowledged record must be in the log.
inline Bug AckBeforeFsync(int records, bool fsync_each = false) {
  SimFileSystem fs(InitialFile("log", ""));
  auto log = fs.Open("log", OpenMode::kReadWrite);
  for (int i = 1; i <= records; ++i) {
    const std::string record = "record" + std::to_string(i % 10) + "\n";
    Check((*log)->WriteAt(8 * static_cast<uint64_t>(i - 1), Bytes(record)));
    if (fsync_each) Check((*log)->Sync());
    fs.output().Line("ack " + std::to_string(i));
  }
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>& output) {
            const std::string contents = FileAt(image, "log").value_or("");
            for (size_t i = 1; i <= 9; ++i) {
              if (Printed(output, "ack " + std::to_string(i)) && contents.size() < 8 * i) {
                return Judgement::Violation("acknowledged record " + std::to_string(i) +
                                            " missing");
              }
            }
            return Judgement::Consistent();
          }};
}

// An in-place overwrite of `sectors` 512-byte sectors, synced: f must hold all "A" or all "B".
inline Bug OverwriteInPlace(size_t sectors = 2) {
  const size_t size = 512 * sectors;
  SimFileSystem fs(InitialFile("f", std::string(size, 'A')));
  auto f = fs.Open("f", OpenMode::kReadWrite);
  Check((*f)->WriteAt(0, Bytes(std::string(size, 'B'))));
  Check((*f)->Sync());
  fs.output().Line("done");
  return {fs.TakeTrace(), [size](const FsImage& image, const std::vector<std::string>&) {
            const std::string contents = FileAt(image, "f").value_or("");
            if (contents != std::string(size, 'A') && contents != std::string(size, 'B')) {
              return Judgement::Violation("f is a mix of old and new sectors");
            }
            return Judgement::Consistent();
          }};
}

// Two files written in order, "data" then "index" (which points into data); the index must
// never be ahead of the data. With `sync_index`, the index alone is synced afterwards.
inline Bug DataThenIndex(bool sync_index) {
  FsImage initial;
  initial.CreateFile(trace::kRootInode, "data", 2);
  initial.CreateFile(trace::kRootInode, "index", 3);
  SimFileSystem fs(initial);
  auto data = fs.Open("data", OpenMode::kReadWrite);
  auto index = fs.Open("index", OpenMode::kReadWrite);
  Check((*data)->WriteAt(0, Bytes("payload")));
  Check((*index)->WriteAt(0, Bytes("7")));
  if (sync_index) Check((*index)->Sync());
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>&) {
            const std::string payload = FileAt(image, "data").value_or("");
            if (FileAt(image, "index") == "7" && payload != "payload") {
              return Judgement::Violation("index points past the end of data");
            }
            return Judgement::Consistent();
          }};
}

// An append of 1024 bytes to an empty file, synced: the file must hold a prefix of the data,
// never zeros (the size may persist without the data under posix).
inline Bug AppendWithoutChecksum() {
  SimFileSystem fs(InitialFile("f", ""));
  auto f = fs.Open("f", OpenMode::kReadWrite);
  Check((*f)->WriteAt(0, Bytes(std::string(1024, 'B'))));
  Check((*f)->Sync());
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>&) {
            const std::string contents = FileAt(image, "f").value_or("");
            if (contents.find('\0') != std::string::npos) {
              return Judgement::Violation("f holds zeros where data should be");
            }
            return Judgement::Consistent();
          }};
}

// Two files updated in place, each synced after both writes: they must always match.
inline Bug TwoFilesInPlace() {
  SimFileSystem fs(InitialFiles({{"a", "old"}, {"b", "old"}}));
  auto a = fs.Open("a", OpenMode::kReadWrite);
  auto b = fs.Open("b", OpenMode::kReadWrite);
  Check((*a)->WriteAt(0, Bytes("new")));
  Check((*b)->WriteAt(0, Bytes("new")));
  Check((*a)->Sync());
  Check((*b)->Sync());
  fs.output().Line("done");
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>&) {
            if (FileAt(image, "a") != FileAt(image, "b")) {
              return Judgement::Violation("a and b differ");
            }
            return Judgement::Consistent();
          }};
}

// SQLite's rollback journal, committed by unlinking the journal without a directory fsync.
// While db-journal exists, recovery rolls db back to the journal's copy.
inline Bug JournalUnlinkWithoutDirSync() {
  SimFileSystem fs(InitialFile("db", "v2"));
  auto journal = fs.Open("db-journal", OpenMode::kCreateTruncate);
  Check((*journal)->WriteAt(0, Bytes("v2")));
  Check((*journal)->Sync());
  Check(fs.SyncDir("."));
  auto db = fs.Open("db", OpenMode::kReadWrite);
  Check((*db)->WriteAt(0, Bytes("v3")));
  Check((*db)->Sync());
  Check(fs.Unlink("db-journal"));
  fs.output().Line("ack 3");
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>& output) {
            const std::optional<std::string> rollback = FileAt(image, "db-journal");
            const std::string recovered = rollback ? *rollback : FileAt(image, "db").value_or("");
            if (Printed(output, "ack 3") && recovered != "v3") {
              return Judgement::Violation("txn 3 acknowledged but rolled back");
            }
            return Judgement::Consistent();
          }};
}

// The program makes a state durable that its own checker rejects.
inline Bug SyncsABadState() {
  SimFileSystem fs(InitialFile("f", "good"));
  auto f = fs.Open("f", OpenMode::kReadWrite);
  Check((*f)->WriteAt(0, Bytes("bad!")));
  Check((*f)->Sync());
  return {fs.TakeTrace(), [](const FsImage& image, const std::vector<std::string>&) {
            if (FileAt(image, "f") == "bad!") return Judgement::Violation("f is bad");
            return Judgement::Consistent();
          }};
}

// `saves` files fN saved by writing fN.tmp, renaming it to fN, syncing the directory, and only
// then fsyncing fN: too late, the name may be durable without the data. Each fN that exists
// must hold "dataN".
inline Bug SavesSyncedTooLate(int saves) {
  SimFileSystem fs;
  for (int i = 1; i <= saves; ++i) {
    const std::string name = "f" + std::to_string(i);
    auto tmp = fs.Open(name + ".tmp", OpenMode::kCreateTruncate);
    Check((*tmp)->WriteAt(0, Bytes("data" + std::to_string(i))));
    Check(fs.Rename(name + ".tmp", name));
    Check(fs.SyncDir("."));
    Check((*tmp)->Sync());
    fs.output().Line("saved " + std::to_string(i));
  }
  return {fs.TakeTrace(), [saves](const FsImage& image, const std::vector<std::string>&) {
            for (int i = 1; i <= saves; ++i) {
              const std::optional<std::string> f = FileAt(image, "f" + std::to_string(i));
              if (f && *f != "data" + std::to_string(i)) {
                return Judgement::Violation("f" + std::to_string(i) + " holds \"" + *f + "\"");
              }
            }
            return Judgement::Consistent();
          }};
}

// Two bugs in one run: g overwritten in place (it tears), then f replaced by a rename without
// fsyncing the new file.
inline Bug TornAndRename() {
  SimFileSystem fs(InitialFiles({{"f", "version=1"}, {"g", std::string(1024, 'A')}}));
  auto g = fs.Open("g", OpenMode::kReadWrite);
  Check((*g)->WriteAt(0, Bytes(std::string(1024, 'B'))));
  Check((*g)->Sync());
  auto tmp = fs.Open("f.tmp", OpenMode::kCreateTruncate);
  Check((*tmp)->WriteAt(0, Bytes("version=2")));
  Check(fs.Rename("f.tmp", "f"));
  Check(fs.SyncDir("."));
  const auto rename_checker = RenameWithoutFsync().checker;
  return {fs.TakeTrace(), [rename_checker](const FsImage& image, const std::vector<std::string>& output) {
            const std::string contents = FileAt(image, "g").value_or("");
            if (contents != std::string(1024, 'A') && contents != std::string(1024, 'B')) {
              return Judgement::Violation("g is a mix of old and new sectors");
            }
            return rename_checker(image, output);
          }};
}

// Explores `bug` under `options` and reduces every violation with one shared session.
struct Explored {
  size_t violations = 0;
  std::vector<Reduction> reductions;
  std::vector<Group> groups;
  size_t oracle_calls = 0;  // reductions' calls
};

inline Explored ExploreAndReduce(const Bug& bug, const crash::GeneratorOptions& options,
                                 const ReduceOptions& reduce = {}) {
  const crash::CrashStateGenerator generator(bug.trace, options);
  CountingOracle counting{bug.checker};
  const Oracle oracle = counting.AsOracle();
  OracleSession session(generator, oracle, 0);
  Explored out;
  Grouper grouper;
  crash::CrashStateGenerator(bug.trace, options).Run([&](const crash::CrashState& state,
                                                         const FsImage& image) {
    const Judgement judgement = bug.checker(image, generator.OutputBefore(state.crash_point));
    if (!judgement.violates()) return true;
    ++out.violations;
    Result<Reduction> reduction = Reduce(session, state, judgement, reduce);
    Check(reduction.status());
    out.reductions.push_back(*reduction);
    grouper.Add(std::move(*reduction));
    return true;
  });
  out.groups = grouper.Groups();
  out.oracle_calls = counting.calls;
  return out;
}

}  // namespace powercut::reduce::testing

#endif  // POWERCUT_FAULTFS_REDUCE_BUGS_TEST_UTIL_H_
