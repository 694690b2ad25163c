// make_trace_corpus: writes trace_reader_fuzz's seed corpus from the real encoder.
//
//   make_trace_corpus OUT_DIR    writes OUT_DIR/trace_reader_fuzz/*
//
// Fixed seeds, so the output is byte-for-byte reproducible. The committed corpus in
// faultfs/fuzz/corpus/ is its output:
//
//   cmake --build build/fuzz --target make_trace_corpus
//   build/fuzz/faultfs/fuzz/make_trace_corpus faultfs/fuzz/corpus
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "faultfs/trace/trace_format.h"
#include "faultfs/trace/trace_test_util.h"

namespace {

namespace fs = std::filesystem;
using namespace powercut::trace;  // NOLINT(google-build-using-namespace)

void WriteSeed(const fs::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    (void)std::fprintf(stderr, "make_trace_corpus: cannot write %s\n", path.c_str());
    std::exit(1);  // NOLINT(concurrency-mt-unsafe): a single-threaded tool
  }
  (void)std::printf("  %-36s %6zu bytes\n", path.filename().c_str(), bytes.size());
}

// A plausible recording: a journal-like directory, a rename over a file, links, every type.
Trace Journalish() {
  Trace trace;
  const auto add = [&trace](Event e) { trace.events.push_back(std::move(e)); };
  add({.type = EventType::kMkdir, .inode = 2, .dir = kRootInode, .name = "wal"});
  add({.type = EventType::kCreate, .inode = 3, .dir = 2, .name = "MANIFEST"});
  add({.type = EventType::kWrite, .inode = 3, .offset = 0, .data = std::string(48, 'M')});
  trace.first_crash_point = trace.events.size();
  add({.type = EventType::kCreate, .inode = 4, .dir = 2, .name = "0000000000000001.wal"});
  add({.type = EventType::kWrite, .inode = 4, .offset = 0, .data = "EMBS header"});
  add({.type = EventType::kFdatasync, .inode = 4});
  add({.type = EventType::kOutput, .data = "ack 1"});
  add({.type = EventType::kCreate, .inode = 5, .dir = 2, .name = "MANIFEST.tmp"});
  add({.type = EventType::kFallocate,
       .inode = 5,
       .offset = 0,
       .length = 4096,
       .mode = kFallocKeepSize});
  add({.type = EventType::kTruncate, .inode = 5, .length = 48});
  add({.type = EventType::kFsync, .inode = 5});
  add({.type = EventType::kRename,
       .inode = 5,
       .dir = 2,
       .dir2 = 2,
       .name = "MANIFEST.tmp",
       .name2 = "MANIFEST"});
  add({.type = EventType::kFsync, .inode = 2});
  add({.type = EventType::kLink, .inode = 4, .dir2 = kRootInode, .name2 = "backup"});
  add({.type = EventType::kUnlink, .inode = 4, .dir = 2, .name = "0000000000000001.wal"});
  add({.type = EventType::kMkdir, .inode = 6, .dir = 2, .name = "old"});
  add({.type = EventType::kRmdir, .inode = 6, .dir = 2, .name = "old"});
  add({.type = EventType::kSyncFailed, .inode = 4});
  add({.type = EventType::kSync});
  trace.warnings = {"mmap write to wal/x not recorded"};
  return trace;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    (void)std::fprintf(stderr, "usage: make_trace_corpus OUT_DIR\n");
    return 2;
  }
  const fs::path out = fs::path(argv[1]) / "trace_reader_fuzz";
  fs::create_directories(out);
  (void)std::printf("%s:\n", out.c_str());

  WriteSeed(out / "golden.trace", EncodeTrace(testing::GoldenTrace()));
  const Bytes journalish = EncodeTrace(Journalish());
  WriteSeed(out / "journalish.trace", journalish);
  WriteSeed(out / "header-only.trace", EncodeHeader());
  testing::RandomEvents random(20240601);
  Trace every_type;
  for (int round = 0; round < 2; ++round) {
    for (uint8_t code = 1; code <= 14; ++code)
      every_type.events.push_back(random.Next(static_cast<EventType>(code)));
  }
  every_type.first_crash_point = 5;
  WriteSeed(out / "random-every-type.trace", EncodeTrace(every_type));
  // What a killed writer leaves: a torn tail, and a torn record with others appended after it.
  WriteSeed(out / "torn-tail.trace", Bytes(journalish.begin(), journalish.end() - 7));
  Bytes torn_mid = EncodeTrace(testing::GoldenTrace());
  const Bytes torn =
      EncodeRecord(Event{.type = EventType::kWrite, .inode = 9, .data = std::string(64, 'w')});
  torn_mid.insert(torn_mid.end(), torn.begin(), torn.begin() + 20);
  for (int i = 0; i < 3; ++i) {
    const Bytes sync = EncodeRecord(Event{.type = EventType::kFsync, .inode = 3});
    torn_mid.insert(torn_mid.end(), sync.begin(), sync.end());
  }
  WriteSeed(out / "torn-mid-file.trace", torn_mid);
  // Bare record bodies, for DecodeEventBody (variant 3 of the target).
  std::set<EventType> seen;
  for (const Event& event : Journalish().events) {
    if (!seen.insert(event.type).second) continue;
    const Bytes record = EncodeRecord(event);
    WriteSeed(out / ("body-" + std::string(EventTypeName(event.type))),
              Bytes(record.begin() + kRecordHeaderBytes, record.end()));
  }
  return 0;
}
