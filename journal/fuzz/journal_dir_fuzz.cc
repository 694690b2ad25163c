// libFuzzer target: a whole journal directory (MANIFEST, several segments, leftovers) read by
// the analysis and then opened for real.
//
// segment_reader_fuzz varies one segment next to a valid MANIFEST; this target varies the
// MANIFEST (journal id, checkpoint, oldest segment: the checkpoint record) and the chain of
// segments together, and then runs Journal::Open, which also repairs (cuts a torn tail, removes
// leftovers) and then appends.
//
// Input layout (so that mutations stay meaningful):
//   byte 0        flags: 1 = MANIFEST re-encoded with a valid CRC from the fields it holds;
//                 2 = every segment header's CRC made valid; 4 = segments named after their
//                 own header's seq (else consecutively from the MANIFEST's oldest segment);
//                 8 = leftover MANIFEST.tmp and <segment>.tmp files present
//   bytes 1..48   the MANIFEST file (shorter if the input ends)
//   then          up to 6 segment files, each a 16-bit little-endian length and that many bytes
//
// Checked (a violation aborts like a crash): AnalyzeAndReplay's invariants (journal_invariants.h);
// Journal::Open on a writable in-memory copy succeeds exactly when the analysis does; an opened
// journal replays exactly the transactions the analysis found, with the same operations, accepts
// one more, closes cleanly, and reopens holding all of them.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "faultfs/sim/sim_file_system.h"
#include "journal/coding.h"
#include "journal/format.h"
#include "journal/fuzz/journal_invariants.h"
#include "journal/fuzz/memory_file_system.h"
#include "journal/journal.h"
#include "journal/ops.h"

namespace powercut::journal::fuzz {
namespace {

const std::string kDir = "j";
constexpr size_t kMaxSegments = 6;

enum Flags : uint8_t {
  kValidManifest = 1,
  kValidSegmentHeaders = 2,
  kNamesFromHeaders = 4,
  kLeftovers = 8,
};

struct Directory {
  std::vector<std::pair<std::string, Bytes>> files;  // name, contents
};

Bytes RepairedManifest(ByteView raw) {
  Bytes full(kManifestBytes, std::byte{0});
  std::copy(raw.begin(), raw.end(), full.begin());
  return EncodeManifest({LoadFixed64(full.data() + 8), LoadFixed64(full.data() + 16),
                         LoadFixed64(full.data() + 24)});
}

void RepairSegmentHeader(Bytes& segment) {
  if (segment.size() < kSegmentHeaderBytes) return;
  std::fill(segment.begin() + 36, segment.begin() + 60, std::byte{0});  // reserved
  StoreFixed32(segment.data() + 60, Crc32(0, ByteView(segment).first(60)));
}

Directory Decode(ByteView input) {
  Directory dir;
  if (input.empty()) return dir;
  const auto flags = static_cast<uint8_t>(input[0]);
  input = input.subspan(1);
  const ByteView raw_manifest = input.first(std::min(input.size(), kManifestBytes));
  input = input.subspan(raw_manifest.size());
  Bytes manifest = (flags & kValidManifest) != 0 ? RepairedManifest(raw_manifest)
                                                 : Bytes(raw_manifest.begin(), raw_manifest.end());
  const std::optional<Manifest> parsed = ParseManifest(manifest);
  const uint64_t oldest = parsed ? parsed->oldest_segment : 1;
  dir.files.emplace_back(std::string(kManifestName), std::move(manifest));
  for (size_t i = 0; i < kMaxSegments && input.size() >= 2; ++i) {
    const size_t length = std::min<size_t>(LoadFixed16(input.data()), input.size() - 2);
    Bytes segment(input.begin() + 2, input.begin() + 2 + static_cast<std::ptrdiff_t>(length));
    input = input.subspan(2 + length);
    if ((flags & kValidSegmentHeaders) != 0) RepairSegmentHeader(segment);
    uint64_t seq = oldest + i;
    if ((flags & kNamesFromHeaders) != 0) {
      if (const std::optional<SegmentHeader> header = ParseSegmentHeader(segment)) {
        seq = header->segment_seq;
      }
    }
    dir.files.emplace_back(SegmentFileName(seq), std::move(segment));
  }
  if ((flags & kLeftovers) != 0) {
    dir.files.emplace_back(std::string(kManifestName) + std::string(kTempSuffix), Bytes(5));
    dir.files.emplace_back(SegmentFileName(oldest + kMaxSegments) + std::string(kTempSuffix),
                           Bytes(kSegmentHeaderBytes));
  }
  return dir;
}

JournalOptions Options() {
  JournalOptions options;
  options.durability = Durability::kImmediate;
  options.max_segment_bytes = 4096;
  options.create_if_missing = true;
  options.clock_ns = [] { return uint64_t{1'700'000'000'000'000'000}; };
  options.entropy = [] { return uint64_t{0x5eed}; };
  return options;
}

std::vector<Transaction> ReplayAll(Journal& journal) {
  std::vector<Transaction> txns;
  const Status status = journal.Replay(0, [&](const Transaction& txn) {
    txns.push_back(txn);
    return Status::Ok();
  });
  if (!status.ok()) Violation("replay of an opened journal failed: " + status.ToString());
  return txns;
}

bool SameOps(const std::vector<Transaction>& a, const std::vector<Transaction>& b, size_t n) {
  if (a.size() < n || b.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (a[i].txn_id != b[i].txn_id || a[i].ops != b[i].ops) return false;
  }
  return true;
}

// Journal::Open on a writable copy must agree with the analysis and leave a working journal.
void OpenForReal(const Directory& dir, const Result<JournalState>& analysed) {
  SimFileSystem sim(FsImage(), SimFileSystem::Recording::kOff);
  if (!sim.CreateDir(kDir).ok()) Violation("cannot create the directory in memory");
  for (const auto& [name, bytes] : dir.files) {
    Result<std::unique_ptr<File>> file = sim.Open(JoinPath(kDir, name), OpenMode::kCreateTruncate);
    if (!file.ok() || !(*file)->WriteAt(0, bytes).ok() || !(*file)->Close().ok()) {
      Violation("cannot write " + name + " in memory");
    }
  }
  Result<std::unique_ptr<Journal>> opened = Journal::Open(sim, kDir, Options());
  if (opened.ok() != analysed.ok()) {
    Violation("Journal::Open " + std::string(opened.ok() ? "accepted" : "refused") +
              " what the analysis " + (analysed.ok() ? "accepted" : "refused") + ": " +
              (opened.ok() ? analysed.status() : opened.status()).ToString());
  }
  if (!opened.ok()) return;
  Journal& journal = **opened;
  const std::vector<Transaction> before = ReplayAll(journal);
  const uint64_t last = journal.last_txn();
  if (analysed->exists && last != analysed->last_txn) {
    Violation("Open recovered up to txn " + std::to_string(last) + ", the analysis up to " +
              std::to_string(analysed->last_txn));
  }
  const std::vector<Op> extra = {DeleteChunk{7}, Barrier{}};
  const Result<uint64_t> appended = journal.Append(extra);
  if (!appended.ok()) Violation("append after recovery failed: " + appended.status().ToString());
  if (*appended != last + 1) Violation("append after recovery got id " + std::to_string(*appended));
  if (const Status closed = journal.Close(); !closed.ok()) {
    Violation("close after recovery failed: " + closed.ToString());
  }
  opened->reset();
  Result<std::unique_ptr<Journal>> reopened = Journal::Open(sim, kDir, Options());
  if (!reopened.ok()) Violation("reopen failed: " + reopened.status().ToString());
  const std::vector<Transaction> after = ReplayAll(**reopened);
  if (after.size() != before.size() + 1 || !SameOps(before, after, before.size()) ||
      after.back().txn_id != last + 1 || after.back().ops != extra) {
    Violation("reopened journal holds " + std::to_string(after.size()) + " txns, expected " +
              std::to_string(before.size() + 1));
  }
}

}  // namespace
}  // namespace powercut::journal::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace powercut::journal::fuzz;  // NOLINT(google-build-using-namespace)
  const powercut::journal::ByteView input(reinterpret_cast<const std::byte*>(data), size);
  const Directory dir = Decode(input);
  MemoryFileSystem fs(kDir);
  for (const auto& [name, bytes] : dir.files) fs.AddFile(name, bytes);
  const auto analysed = AnalyzeAndReplay(fs, kDir);
  OpenForReal(dir, analysed);
  return 0;
}
