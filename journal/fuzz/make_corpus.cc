// make_corpus: writes the fuzz targets' seed corpus from the real journal.
//
//   make_corpus OUT_DIR    writes OUT_DIR/segment_reader_fuzz/*.wal, OUT_DIR/ops_decode_fuzz/*
//                          and OUT_DIR/journal_dir_fuzz/* (whole directories, encoded as that
//                          target reads them)
//
// Runs the reference journal through PosixFileSystem in a scratch directory (under $TMPDIR or
// /tmp) with a fixed clock and fixed entropy, so the output is byte-for-byte reproducible, and
// copies the segment files it produced (plus a few damaged variants: torn tail, zero tail,
// flipped byte) as seeds. The committed corpus in journal/fuzz/corpus/ is its output:
//
//   cmake --build --preset fuzz --target make_corpus
//   build/fuzz/journal/fuzz/make_corpus journal/fuzz/corpus
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "faultfs/fs/posix_file_system.h"
#include "journal/coding.h"
#include "journal/format.h"
#include "journal/journal.h"
#include "journal/ops.h"

namespace {

namespace fs = std::filesystem;
using powercut::PosixFileSystem;
using powercut::Status;
using namespace powercut::journal;  // NOLINT(google-build-using-namespace)

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "make_corpus: %s\n", what.c_str());
  std::exit(1);
}

void Check(const Status& status, const std::string& what) {
  if (!status.ok()) Die(what + ": " + status.ToString());
}

Bytes ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path.string());
  const std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Bytes bytes(chars.size());
  std::transform(chars.begin(), chars.end(), bytes.begin(), [](char c) { return std::byte(c); });
  return bytes;
}

void WriteSeed(const fs::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) Die("cannot write " + path.string());
  std::printf("  %-44s %6zu bytes\n", path.filename().c_str(), bytes.size());
}

Hash256 HashOf(uint8_t seed) {
  Hash256 hash{};
  for (size_t i = 0; i < hash.size(); ++i) hash[i] = static_cast<uint8_t>(seed * 31 + i);
  return hash;
}

// A transaction for id-ish `n`, cycling through every operation type.
std::vector<Op> TxnOps(uint64_t n) {
  switch (n % 4) {
    case 0:
      return {WriteChunk{n, HashOf(static_cast<uint8_t>(n)), 4096},
              WriteFile{"dir/file-" + std::to_string(n), {n, n + 1}, 8192}};
    case 1:
      return {DeleteChunk{n}, DeleteFile{"dir/old-" + std::to_string(n)}};
    case 2:
      return {UpdateRoot{HashOf(static_cast<uint8_t>(n + 7))}, Barrier{}};
    default:
      return {WriteFile{"a/b/c", {}, 0}};
  }
}

JournalOptions Options(Durability durability, uint64_t max_segment_bytes) {
  JournalOptions options;
  options.durability = durability;
  options.max_segment_bytes = max_segment_bytes;
  auto clock = std::make_shared<uint64_t>(1'700'000'000'000'000'000ull);
  options.clock_ns = [clock] { return *clock += 1'000'000; };
  auto state = std::make_shared<uint64_t>(0x5eed'5eed'5eed'5eedull);
  options.entropy = [state] {  // splitmix64: fixed, so the corpus is reproducible
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  return options;
}

// Runs `txns` appends (and a checkpoint at `checkpoint_at`, if non-zero) in a new journal in
// `dir`; returns the segment files left, oldest first.
std::vector<fs::path> RunJournal(const fs::path& dir, Durability durability,
                                 uint64_t max_segment_bytes, uint64_t txns,
                                 uint64_t checkpoint_at) {
  PosixFileSystem posix;
  auto opened = Journal::Open(posix, dir.string(), Options(durability, max_segment_bytes));
  Check(opened.status(), "open " + dir.string());
  Journal& journal = **opened;
  for (uint64_t n = 1; n <= txns; ++n) {
    Check(journal.Append(TxnOps(n)).status(), "append");
    if (n == checkpoint_at) Check(journal.Checkpoint(n), "checkpoint");
  }
  Check(journal.Close(), "close");
  std::vector<fs::path> segments;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (ParseSegmentFileName(entry.path().filename().string())) segments.push_back(entry.path());
  }
  std::sort(segments.begin(), segments.end());
  return segments;
}

// A journal_dir_fuzz input: flags, the MANIFEST, then each segment with a 16-bit length.
Bytes DirSeed(uint8_t flags, const fs::path& dir, size_t max_segments, size_t cut_last = 0) {
  Bytes seed{std::byte{flags}};
  const Bytes manifest = ReadBytes(dir / std::string(kManifestName));
  seed.insert(seed.end(), manifest.begin(), manifest.end());
  std::vector<fs::path> segments;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (ParseSegmentFileName(entry.path().filename().string())) segments.push_back(entry.path());
  }
  std::sort(segments.begin(), segments.end());
  if (segments.size() > max_segments) segments.resize(max_segments);
  for (size_t i = 0; i < segments.size(); ++i) {
    Bytes bytes = ReadBytes(segments[i]);
    if (i + 1 == segments.size()) bytes.resize(bytes.size() - std::min(cut_last, bytes.size()));
    if (bytes.size() > 0xffff) Die("segment too large for a seed");
    PutFixed16(seed, static_cast<uint16_t>(bytes.size()));
    seed.insert(seed.end(), bytes.begin(), bytes.end());
  }
  return seed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_corpus OUT_DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  const fs::path segments_out = out / "segment_reader_fuzz";
  const fs::path ops_out = out / "ops_decode_fuzz";
  const fs::path dirs_out = out / "journal_dir_fuzz";
  fs::create_directories(segments_out);
  fs::create_directories(ops_out);
  fs::create_directories(dirs_out);

  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/make_corpus.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) Die("mkdtemp failed");
  const fs::path scratch = pattern;

  std::printf("%s:\n", segments_out.c_str());
  // One segment, every op type, in a durable and a relaxed mode (the watermarks differ; a lone
  // group-commit appender writes the same bytes as immediate).
  for (const Durability mode : {Durability::kImmediate, Durability::kRelaxed}) {
    const std::string name(DurabilityName(mode));
    const auto segs = RunJournal(scratch / name, mode, 64 << 20, 6, 0);
    WriteSeed(segments_out / (name + "-1.wal"), ReadBytes(segs.at(0)));
  }
  // A journal with no transaction: a bare segment header.
  WriteSeed(segments_out / "empty.wal", ReadBytes(RunJournal(scratch / "empty", Durability::kImmediate,
                                                            64 << 20, 0, 0).at(0)));
  // Small segments: rotation gives headers with seq > 1 and first_txn > 1; a checkpoint moves
  // the MANIFEST's oldest segment.
  {
    const auto segs = RunJournal(scratch / "rotated", Durability::kImmediate, 4096, 120, 70);
    for (size_t i = 0; i < segs.size() && i < 4; ++i) {
      WriteSeed(segments_out / ("rotated-" + segs[i].filename().string()), ReadBytes(segs[i]));
    }
  }
  // Damaged copies of a valid segment: what a crash (torn tail, zero-filled extension) or real
  // corruption (a flipped byte before a record that vouches for it) leaves.
  const Bytes valid = ReadBytes(scratch / "immediate" / SegmentFileName(1));
  if (valid.size() < kSegmentHeaderBytes + 3 * kRecordPrefixBytes) Die("segment too small");
  WriteSeed(segments_out / "torn-tail.wal", Bytes(valid.begin(), valid.end() - 11));
  Bytes zero_tail = valid;
  zero_tail.resize(valid.size() + 512, std::byte{0});
  WriteSeed(segments_out / "zero-tail.wal", zero_tail);
  Bytes flipped = valid;
  flipped[kSegmentHeaderBytes + kRecordPrefixBytes + 2] ^= std::byte{0x40};  // first record's ops
  WriteSeed(segments_out / "flipped-first-record.wal", flipped);
  Bytes torn_header = valid;
  torn_header.resize(kSegmentHeaderBytes + 20);
  WriteSeed(segments_out / "torn-first-record.wal", torn_header);

  std::printf("%s:\n", ops_out.c_str());
  for (uint64_t n = 0; n < 4; ++n) {
    Bytes ops;
    Check(EncodeOps(TxnOps(n + 4), ops), "encode");
    WriteSeed(ops_out / ("ops-" + std::to_string(n)), ops);
  }
  Bytes all;
  Check(EncodeOps({Barrier{}, DeleteChunk{1}, UpdateRoot{HashOf(3)}, WriteChunk{2, HashOf(4), 1},
                   WriteFile{"x", {1, 2, 3}, 3}, DeleteFile{"y"}},
                  all),
        "encode");
  WriteSeed(ops_out / "ops-all-types", all);

  std::printf("%s:\n", dirs_out.c_str());
  // Whole directories: one segment; a checkpointed chain (MANIFEST's oldest segment > 1, a
  // checkpoint inside the first live segment); no transaction; a torn last segment; leftovers.
  RunJournal(scratch / "dir-relaxed", Durability::kRelaxed, 64 << 20, 5, 0);
  WriteSeed(dirs_out / "one-segment", DirSeed(0, scratch / "dir-relaxed", 6));
  RunJournal(scratch / "dir-chain", Durability::kImmediate, 1024, 40, 17);
  WriteSeed(dirs_out / "checkpointed-chain", DirSeed(0, scratch / "dir-chain", 6));
  WriteSeed(dirs_out / "checkpointed-chain-torn", DirSeed(0, scratch / "dir-chain", 6, 9));
  WriteSeed(dirs_out / "empty-journal", DirSeed(0, scratch / "empty", 6));
  WriteSeed(dirs_out / "leftovers-named-by-header", DirSeed(8 | 4, scratch / "dir-chain", 3));
  WriteSeed(dirs_out / "manifest-only", DirSeed(0, scratch / "empty", 0));

  fs::remove_all(scratch);
  return 0;
}
