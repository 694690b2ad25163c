// libFuzzer target: the journal's read path over an arbitrary segment file.
//
// The input is the bytes of one segment file. It is placed, with a valid MANIFEST (and in some
// layouts a valid neighbour segment), into a read-only in-memory FileSystem, and the code that
// runs on every Journal::Open, `verify` and `dump` reads it: AnalyzeJournal, SegmentReader
// (Next, DescribeEnd, FindVoucher) and, when the analysis accepts the journal, ReplaySegments.
// The raw bytes also go to every parser directly. None of it may crash, hang, trip a sanitizer
// or allocate without bound, and replay must return exactly the transactions the analysis
// promised, gap-free and in order (checked below; a violation aborts like a crash).
//
// Layouts tried for each input (cheap: the files are small):
//   A  the input is the only live segment; the MANIFEST matches its header when it has one
//   B  a valid older segment with two records precedes the input (input header seq >= 2), plus
//      leftovers (a stale MANIFEST.tmp and a checkpointed segment) the analysis must ignore
//   C  the input is followed by a valid empty segment, so it is *not* the last one
//   D  as A, with the segment header's CRC recomputed, so that mutations of header fields get
//      past the CRC and reach the chain checks
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journal/coding.h"
#include "journal/format.h"
#include "journal/fuzz/journal_invariants.h"
#include "journal/fuzz/memory_file_system.h"
#include "journal/ops.h"
#include "journal/recovery.h"
#include "journal/segment_reader.h"

namespace powercut::journal::fuzz {
namespace {

constexpr uint64_t kDefaultJournalId = 0x706f776572637574;  // "powercut"
const std::string kDir = "j";

// Every parser on the raw bytes.
void FuzzParsers(ByteView input) {
  if (const std::optional<RecordHeader> header = ParseRecordHeader(input)) {
    const ByteView rest = input.subspan(kRecordHeaderBytes);
    if (header->payload_len <= rest.size()) {
      (void)RecordCrcMatches(0, input.first(kRecordHeaderBytes), rest.first(header->payload_len));
    }
  }
  (void)ParseSegmentHeader(input);
  (void)ParseManifest(input);
  if (input.size() >= kManifestBytes) (void)ParseManifest(input.first(kManifestBytes));
  (void)ParseSegmentFileName(
      std::string_view(reinterpret_cast<const char*>(input.data()), input.size()));
  for (const ByteView ops : {input, input.size() > kRecordPrefixBytes
                                        ? input.subspan(kRecordPrefixBytes)
                                        : ByteView()}) {
    const Result<std::vector<Op>> decoded = DecodeOps(ops);
    if (decoded.ok()) {
      for (const Op& op : *decoded) (void)DescribeOp(op);
    } else if (decoded.status().message().empty()) {
      Violation("DecodeOps failed without a message");
    }
  }
}

// A valid segment holding `count` records, the first with id first_txn.
Bytes MakeSegment(uint64_t journal_id, uint64_t seq, uint64_t first_txn, uint64_t count,
                  uint32_t salt) {
  Bytes segment = EncodeSegmentHeader({journal_id, seq, first_txn, salt});
  for (uint64_t txn = first_txn; txn < first_txn + count; ++txn) {
    Bytes ops;
    if (!EncodeOps({DeleteChunk{txn}, Barrier{}}, ops).ok()) Violation("EncodeOps failed");
    Bytes record(kRecordPrefixBytes);
    PutBytes(record, ops);
    SealRecord(record, salt, txn, /*timestamp_ns=*/txn * 1000, /*durable_txn=*/txn - 1,
               Crc32(0, ops));
    PutBytes(segment, record);
  }
  return segment;
}

// Walks one segment with the reader directly; returns the id its next record would need.
std::optional<uint64_t> ReadSegment(FileSystem& fs, const std::string& path) {
  Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(fs, path);
  if (!reader.ok()) return std::nullopt;
  SegmentReader& r = **reader;
  uint64_t expected = r.header().first_txn;
  while (true) {
    const Result<std::optional<RecordView>> record = r.Next();
    if (!record.ok()) return std::nullopt;
    if (!*record) break;
    if ((*record)->header.txn_id != expected) Violation("reader returned a txn out of order");
    if ((*record)->offset + kRecordHeaderBytes + (*record)->header.payload_len != r.end_offset()) {
      Violation("reader's end offset does not follow the record it returned");
    }
    ++expected;
  }
  if (r.end_offset() > r.file_size()) Violation("reader ended past the end of the file");
  (void)r.DescribeEnd();
  (void)r.FindVoucher();
  return r.next_txn();
}

Bytes Copy(ByteView bytes) { return Bytes(bytes.begin(), bytes.end()); }

// Layout A (and D): the input alone.
void AloneLayout(ByteView input, const std::optional<SegmentHeader>& header) {
  MemoryFileSystem fs(kDir);
  Manifest manifest{kDefaultJournalId, 0, 1};
  if (header) {
    manifest.journal_id = header->journal_id;
    manifest.checkpoint_txn = header->first_txn - 1;
    manifest.oldest_segment = header->segment_seq == 0 ? 1 : header->segment_seq;
  }
  fs.AddFile(std::string(kManifestName), EncodeManifest(manifest));
  const std::string name = SegmentFileName(manifest.oldest_segment);
  fs.AddFile(name, Copy(input));
  (void)ReadSegment(fs, JoinPath(kDir, name));
  (void)AnalyzeAndReplay(fs, kDir);
}

// Layout B: a valid predecessor, the input last.
void AfterValidLayout(ByteView input, const SegmentHeader& header) {
  if (header.segment_seq < 2 || header.segment_seq == UINT64_MAX) return;
  const uint64_t prev_first = header.first_txn > 2 ? header.first_txn - 2 : 1;
  MemoryFileSystem fs(kDir);
  fs.AddFile(std::string(kManifestName),
             EncodeManifest({header.journal_id, prev_first - 1, header.segment_seq - 1}));
  fs.AddFile(std::string(kManifestName) + std::string(kTempSuffix), Bytes(7, std::byte{1}));
  fs.AddFile(SegmentFileName(header.segment_seq - 1),
             MakeSegment(header.journal_id, header.segment_seq - 1, prev_first,
                         header.first_txn - prev_first, header.salt ^ 0x5a5a5a5au));
  if (header.segment_seq >= 3) {
    fs.AddFile(SegmentFileName(header.segment_seq - 2), Bytes(3, std::byte{0xff}));  // leftover
  }
  fs.AddFile(SegmentFileName(header.segment_seq), Copy(input));
  (void)AnalyzeAndReplay(fs, kDir);
}

// Layout C: the input, then a valid empty segment.
void BeforeValidLayout(ByteView input, const SegmentHeader& header) {
  if (header.segment_seq == 0 || header.segment_seq == UINT64_MAX) return;
  MemoryFileSystem fs(kDir);
  fs.AddFile(std::string(kManifestName),
             EncodeManifest({header.journal_id, header.first_txn - 1, header.segment_seq}));
  const std::string name = SegmentFileName(header.segment_seq);
  fs.AddFile(name, Copy(input));
  const std::optional<uint64_t> next_txn = ReadSegment(fs, JoinPath(kDir, name));
  if (!next_txn || *next_txn == 0) return;
  fs.AddFile(SegmentFileName(header.segment_seq + 1),
             MakeSegment(header.journal_id, header.segment_seq + 1, *next_txn, 0, header.salt + 1));
  (void)AnalyzeAndReplay(fs, kDir);
}

}  // namespace
}  // namespace powercut::journal::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace powercut::journal;        // NOLINT(google-build-using-namespace)
  using namespace powercut::journal::fuzz;  // NOLINT(google-build-using-namespace)
  const ByteView input(reinterpret_cast<const std::byte*>(data), size);
  FuzzParsers(input);
  const std::optional<SegmentHeader> header = ParseSegmentHeader(input);
  AloneLayout(input, header);
  if (header) {
    AfterValidLayout(input, *header);
    BeforeValidLayout(input, *header);
  } else if (input.size() >= kSegmentHeaderBytes) {
    // Layout D: same bytes with the header CRC (and reserved zeros) made valid.
    Bytes repaired = Copy(input);
    std::fill(repaired.begin() + 36, repaired.begin() + 60, std::byte{0});
    StoreFixed32(repaired.data() + 60, Crc32(0, ByteView(repaired).first(60)));
    const std::optional<SegmentHeader> fixed = ParseSegmentHeader(repaired);
    if (fixed) {
      AloneLayout(repaired, fixed);
      AfterValidLayout(repaired, *fixed);
    }
  }
  return 0;
}
