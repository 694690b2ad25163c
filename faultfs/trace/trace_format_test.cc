#include "faultfs/trace/trace_format.h"

#include <random>

#include <boost/test/unit_test.hpp>

#include "faultfs/trace/trace_test_util.h"

namespace powercut::trace {
namespace {

using testing::FromHex;
using testing::GoldenTrace;
using testing::RandomEvents;

// TRACE.md's example, byte for byte: header, then one record per line.
constexpr std::string_view kGoldenHex =
    "50 43 54 52 41 43 45 00 02 00 00 00 8c 52 17 81\n"
    "18 00 00 00 02 99 62 43 02 02 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 03 00 00 00 77 "
    "61 6c\n"
    "01 00 00 00 8d 5d fa 16 80\n"
    "16 00 00 00 ed 13 df 31 01 03 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 61\n"
    "17 00 00 00 45 b2 c4 0d 03 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 00 00 00 68 "
    "69\n"
    "11 00 00 00 40 9c 60 9c 07 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
    "23 00 00 00 3e fc 13 49 09 03 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 61 "
    "02 00 00 00 00 00 00 00 01 00 00 00 62\n"
    "0a 00 00 00 ea 6b fc b1 0d 05 00 00 00 61 63 6b 20 31\n"
    "09 00 00 00 eb 0a 25 d8 81 04 00 00 00 6d 6d 61 70";

// A trace file: the header, then `records`.
Bytes WithHeader(std::initializer_list<Bytes> records) {
  Bytes out = EncodeHeader();
  for (const Bytes& record : records) out.insert(out.end(), record.begin(), record.end());
  return out;
}

// A record with `body` and a correct length and CRC, whatever the body holds.
Bytes RawRecord(const Bytes& body) {
  Bytes out;
  wire::PutU32(out, static_cast<uint32_t>(body.size()));
  const uint32_t crc = wire::Crc32(wire::Crc32(0, out), body);
  wire::PutU32(out, crc);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

std::string ErrorOf(const Bytes& bytes) { return ReadTrace(bytes).status.ToString(); }

BOOST_AUTO_TEST_SUITE(trace_format)

BOOST_AUTO_TEST_CASE(golden_trace_encodes_to_the_bytes_of_trace_md) {
  const Bytes encoded = EncodeTrace(GoldenTrace());
  BOOST_TEST(encoded == FromHex(kGoldenHex), "encoded " << encoded.size() << " bytes");
  BOOST_TEST(encoded.size() == 221u);
}

BOOST_AUTO_TEST_CASE(golden_bytes_read_back_as_the_golden_trace) {
  const TraceReadResult read = ReadTrace(FromHex(kGoldenHex));
  BOOST_TEST(read.status.ok(), read.status.ToString());
  BOOST_TEST(read.trace == GoldenTrace());
  BOOST_TEST(read.trace.first_crash_point == 1u);
  BOOST_TEST(read.valid_bytes == 221u);
}

BOOST_AUTO_TEST_CASE(header_is_magic_version_flags_and_crc) {
  const Bytes header = EncodeHeader();
  BOOST_TEST(header.size() == kTraceHeaderBytes);
  BOOST_TEST(std::string(reinterpret_cast<const char*>(header.data()), 7) == "PCTRACE");
  BOOST_TEST(wire::LoadU16(header.data() + 8) == kTraceVersion);
  BOOST_TEST(wire::LoadU16(header.data() + 10) == 0u);
  BOOST_TEST(wire::LoadU32(header.data() + 12) == wire::Crc32(0, ByteView(header).first(12)));
}

BOOST_AUTO_TEST_CASE(crc_is_zlib_crc32) {
  BOOST_TEST(wire::Crc32(0, testing::ToBytes("123456789")) == 0xCBF43926u);
}

BOOST_AUTO_TEST_CASE(every_event_type_round_trips_with_random_fields) {
  const uint64_t seed = std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed);
  RandomEvents random(seed);
  Trace trace;
  for (int round = 0; round < 20; ++round) {
    for (uint8_t code = 1; code <= 14; ++code) {
      const Event event = random.Next(static_cast<EventType>(code));
      BOOST_TEST_REQUIRE(ValidateEvent(event).ok(),
                         "seed " << seed << ": " << ValidateEvent(event).ToString());
      const Result<Event> decoded = DecodeEventBody(ByteView(EncodeRecord(event)).subspan(8));
      BOOST_TEST_REQUIRE(decoded.ok(), "seed " << seed << ": " << decoded.status().ToString());
      BOOST_TEST((*decoded == event), "seed " << seed << ": type " << int{code});
      trace.events.push_back(event);
    }
  }
  trace.first_crash_point = 17;
  trace.warnings = {"", "a warning\nwith a newline", std::string(1000, '\0')};
  const TraceReadResult read = ReadTrace(EncodeTrace(trace));
  BOOST_TEST(read.status.ok(), read.status.ToString());
  BOOST_TEST((read.trace == trace), "seed " << seed);
}

BOOST_AUTO_TEST_CASE(initial_state_record_at_either_end_gives_first_crash_point) {
  Trace trace = GoldenTrace();
  for (const size_t point : {size_t{0}, trace.events.size()}) {
    trace.first_crash_point = point;
    BOOST_TEST(ReadTrace(EncodeTrace(trace)).trace.first_crash_point == point);
  }
  // Without the record, the whole trace is the workload.
  const TraceReadResult read = ReadTrace(WithHeader({EncodeRecord(GoldenTrace().events[0])}));
  BOOST_TEST(read.status.ok());
  BOOST_TEST(read.trace.first_crash_point == 0u);
}

BOOST_AUTO_TEST_CASE(header_alone_is_an_empty_trace) {
  const TraceReadResult read = ReadTrace(EncodeHeader());
  BOOST_TEST(read.status.ok());
  BOOST_TEST((read.trace == Trace{}));
  BOOST_TEST(read.valid_bytes == kTraceHeaderBytes);
}

BOOST_AUTO_TEST_CASE(header_errors_are_named) {
  BOOST_TEST(ErrorOf({}) == "Corruption: truncated header: 0 of 16 bytes");
  BOOST_TEST(ErrorOf(testing::ToBytes("PCTR")) == "Corruption: truncated header: 4 of 16 bytes");
  BOOST_TEST(ErrorOf(testing::ToBytes("PK\x03\x04")) == "Corruption: not a trace: bad magic");
  Bytes bad_magic = EncodeHeader();
  bad_magic[6] = std::byte{'F'};
  BOOST_TEST(ErrorOf(bad_magic) == "Corruption: not a trace: bad magic");

  const auto with_fields = [](uint16_t version, uint16_t flags) {
    Bytes header = testing::ToBytes(kTraceMagic);
    wire::PutU16(header, version);
    wire::PutU16(header, flags);
    wire::PutU32(header, wire::Crc32(0, header));
    return header;
  };
  BOOST_TEST(ErrorOf(with_fields(7, 0)) ==
             "Corruption: unsupported version 7 (this reader reads 2)");
  BOOST_TEST(ErrorOf(with_fields(kTraceVersion, 4)) == "Corruption: unsupported header flags 0x0004");
  Bytes bad_crc = EncodeHeader();
  bad_crc[15] ^= std::byte{1};
  BOOST_TEST(ErrorOf(bad_crc) == "Corruption: bad header CRC");
  BOOST_TEST(ReadTrace(bad_crc).valid_bytes == 0u);
}

BOOST_AUTO_TEST_CASE(record_framing_errors_name_the_offset) {
  const Bytes sync = EncodeRecord(Event{.type = EventType::kSync});
  Bytes zero_length = {std::byte{0}, std::byte{0}, std::byte{0}, std::byte{0},
                       std::byte{0}, std::byte{0}, std::byte{0}, std::byte{0}};
  BOOST_TEST(ErrorOf(WithHeader({sync, zero_length})) ==
             "Corruption: bad record length 0 at offset 33 (must be 1..67108864)");
  Bytes too_long = sync;
  wire::StoreU32(too_long.data(), kMaxRecordBodyBytes + 1);
  BOOST_TEST(ErrorOf(WithHeader({too_long})) ==
             "Corruption: bad record length 67108865 at offset 16 (must be 1..67108864)");
  Bytes bad_crc = sync;
  bad_crc[8] = std::byte{6};  // sync -> fsync without an inode; the CRC notices first
  BOOST_TEST(ErrorOf(WithHeader({sync, sync, bad_crc}))
                 .starts_with("Corruption: bad CRC at offset 50 (stored 0x"));
  BOOST_TEST(ErrorOf(WithHeader({sync, Bytes(sync.begin(), sync.begin() + 3)})) ==
             "Corruption: truncated record at offset 33: 3 of 8 header bytes");
  BOOST_TEST(ErrorOf(WithHeader({Bytes(sync.begin(), sync.end() - 1)})) ==
             "Corruption: truncated record at offset 16: 16 of 17 bytes");
}

BOOST_AUTO_TEST_CASE(record_content_errors_name_the_offset_and_the_field) {
  using B = std::byte;
  BOOST_TEST(ErrorOf(WithHeader({RawRecord({B{99}})})) ==
             "Corruption: unknown record type 99 at offset 16");
  BOOST_TEST(ErrorOf(WithHeader({RawRecord({B{0}})})) ==
             "Corruption: unknown record type 0 at offset 16");
  Bytes write_inode_0 = {B{3}};
  wire::PutU64(write_inode_0, 0);
  wire::PutU64(write_inode_0, 0);
  wire::PutU32(write_inode_0, 1);
  write_inode_0.push_back(B{'x'});
  BOOST_TEST(ErrorOf(WithHeader({RawRecord(write_inode_0)})) ==
             "Corruption: bad record at offset 16: write event: inode 0");
  Bytes fsync_short = {B{6}, B{1}, B{0}};
  BOOST_TEST(ErrorOf(WithHeader({RawRecord(fsync_short)})) ==
             "Corruption: bad record at offset 16: fsync event: inode: needs 8 bytes, 2 left");
  Bytes sync_extra = {B{8}};
  wire::PutU64(sync_extra, 0);  // overlap
  sync_extra.push_back(B{0});
  BOOST_TEST(ErrorOf(WithHeader({RawRecord(sync_extra)})) ==
             "Corruption: bad record at offset 16: sync event: 1 bytes after the last field");
  Bytes slash = {B{1}};
  wire::PutU64(slash, 5);
  wire::PutU64(slash, 1);
  wire::PutU32(slash, 3);
  wire::PutRaw(slash, "a/b");
  BOOST_TEST(ErrorOf(WithHeader({RawRecord(slash)})) ==
             "Corruption: bad record at offset 16: create event: name contains '/'");
  const Bytes marker = EncodeInitialStateEndsRecord();
  BOOST_TEST(ErrorOf(WithHeader({marker, marker})) ==
             "Corruption: bad record at offset 25: a second initial-state record");
  BOOST_TEST(ErrorOf(WithHeader({RawRecord({B{0x80}, B{0}})})) ==
             "Corruption: bad record at offset 16: initial-state record with extra bytes");
  BOOST_TEST(ErrorOf(WithHeader({RawRecord({B{0x81}, B{1}, B{0}, B{0}, B{0}})})) ==
             "Corruption: bad record at offset 16: warning: needs 1 bytes, 0 left");
}

BOOST_AUTO_TEST_CASE(impossible_events_are_invalid) {
  const auto problem = [](const Event& e) { return ValidateEvent(e).ToString(); };
  BOOST_TEST(problem(Event{.type = EventType::kWrite, .inode = 0, .data = "x"}) ==
             "Invalid argument: write event: inode 0");
  BOOST_TEST(problem(Event{.type = EventType::kWrite, .inode = 2}) ==
             "Invalid argument: write event: no data");
  BOOST_TEST(
      problem(Event{.type = EventType::kWrite, .inode = 2, .offset = kMaxFileBytes, .data = "x"}) ==
      "Invalid argument: write event: ends past 2^63-1");
  BOOST_TEST(problem(Event{.type = EventType::kFsync, .inode = 2, .name = "x"}) ==
             "Invalid argument: fsync event: unused name is set");
  BOOST_TEST(problem(Event{.type = EventType::kCreate, .inode = 1, .dir = 1, .name = "x"}) ==
             "Invalid argument: create event: names the root directory");
  BOOST_TEST(problem(Event{.type = EventType::kMkdir, .inode = 4, .dir = 4, .name = "x"}) ==
             "Invalid argument: mkdir event: inode is its own parent");
  BOOST_TEST(problem(Event{.type = EventType::kUnlink, .inode = 4, .dir = 1, .name = ".."}) ==
             "Invalid argument: unlink event: name is . or ..");
  BOOST_TEST(
      problem(
          Event{.type = EventType::kLink, .inode = 4, .dir2 = 1, .name2 = std::string(256, 'n')}) ==
      "Invalid argument: link event: target name is longer than 255 bytes");
  BOOST_TEST(
      ValidateEvent(
          Event{.type = EventType::kLink, .inode = 4, .dir2 = 1, .name2 = std::string(255, 'n')})
          .ok());
  BOOST_TEST(problem(Event{.type = EventType::kRename,
                           .inode = 4,
                           .dir = 1,
                           .dir2 = 0,
                           .name = "a",
                           .name2 = "b"}) ==
             "Invalid argument: rename event: target directory inode 0");
  BOOST_TEST(
      problem(Event{
          .type = EventType::kFallocate, .inode = 2, .length = 1, .mode = kFallocPunchHole}) ==
      "Invalid argument: fallocate event: punch-hole needs keep-size and excludes "
      "zero-range");
  BOOST_TEST(problem(Event{.type = EventType::kFallocate, .inode = 2, .length = 1, .mode = 8}) ==
             "Invalid argument: fallocate event: unknown mode bits");
  BOOST_TEST(problem(Event{.type = EventType::kFallocate, .inode = 2}) ==
             "Invalid argument: fallocate event: length 0");
  BOOST_TEST(problem(Event{.type = EventType::kOutput, .data = "a\nb"}) ==
             "Invalid argument: output event: line contains a newline");
  BOOST_TEST(problem(Event{.type = static_cast<EventType>(15)}) ==
             "Invalid argument: unknown event type 15");
}

BOOST_AUTO_TEST_CASE(write_over_16_mib_is_split_into_consecutive_writes) {
  Event big{.type = EventType::kWrite, .inode = 7, .offset = 100};
  big.data.resize(2 * kMaxDataBytes + 3);
  for (size_t i = 0; i < big.data.size(); ++i) big.data[i] = static_cast<char>(i * 7 + i / 4096);
  const std::vector<Event> pieces = SplitWrite(big);
  BOOST_TEST_REQUIRE(pieces.size() == 3u);
  std::string joined;
  uint64_t offset = big.offset;
  for (const Event& piece : pieces) {
    BOOST_TEST(piece.inode == 7u);
    BOOST_TEST(piece.offset == offset);
    BOOST_TEST(piece.data.size() <= kMaxDataBytes);
    offset += piece.data.size();
    joined += piece.data;
  }
  BOOST_TEST(pieces[2].data.size() == 3u);
  BOOST_TEST((joined == big.data));

  // In a trace, the pieces take the big write's place and move the first crash point along.
  Trace trace;
  trace.events = {big, Event{.type = EventType::kSync}};
  trace.first_crash_point = 1;
  const TraceReadResult read = ReadTrace(EncodeTrace(trace));
  BOOST_TEST(read.status.ok());
  BOOST_TEST_REQUIRE(read.trace.events.size() == 4u);
  BOOST_TEST(read.trace.first_crash_point == 3u);
  BOOST_TEST((read.trace.events[0] == pieces[0] && read.trace.events[2] == pieces[2]));
  BOOST_TEST(SplitWrite(pieces[0]).size() == 1u);  // exactly 16 MiB is one record
}

BOOST_AUTO_TEST_CASE(barrier_overlap_round_trips_and_is_stored_only_by_barriers) {
  Trace trace;
  trace.events = {Event{.type = EventType::kWrite, .inode = 2, .data = "a"},
                  Event{.type = EventType::kWrite, .inode = 3, .data = "b"},
                  Event{.type = EventType::kFsync, .inode = 2, .overlap = 1},
                  Event{.type = EventType::kSync, .overlap = 3},
                  Event{.type = EventType::kSyncFailed, .inode = 3, .overlap = 2}};
  const TraceReadResult read = ReadTrace(EncodeTrace(trace));
  BOOST_TEST(read.status.ok(), read.status.ToString());
  BOOST_TEST((read.trace == trace));
  BOOST_TEST(ValidateEvent(Event{.type = EventType::kWrite, .inode = 2, .data = "a", .overlap = 1})
                 .ToString() == "Invalid argument: write event: unused overlap is set");
}

BOOST_AUTO_TEST_CASE(reader_rejects_an_overlap_reaching_before_the_first_event) {
  const Bytes write = EncodeRecord(Event{.type = EventType::kWrite, .inode = 2, .data = "a"});
  Bytes fsync = EncodeRecord(Event{.type = EventType::kFsync, .inode = 2, .overlap = 1});
  BOOST_TEST(ReadTrace(WithHeader({write, fsync})).status.ok());
  const Bytes bytes = WithHeader({fsync});
  const TraceReadResult read = ReadTrace(bytes);
  BOOST_TEST(read.status.ToString() ==
             "Corruption: bad record at offset 16: fsync event: overlap 1 exceeds the 0 events "
             "before it");
  BOOST_TEST(read.valid_bytes == kTraceHeaderBytes);
}

BOOST_AUTO_TEST_CASE(overlap_over_a_split_write_counts_the_stored_pieces) {
  // The sync began before the big write, which is stored as 2 records: the stored overlap is 3
  // (the write's pieces and the small write after it), so it still begins after event 0.
  Event big{.type = EventType::kWrite, .inode = 2};
  big.data.assign(kMaxDataBytes + 1, 'x');
  Trace trace;
  trace.events = {Event{.type = EventType::kWrite, .inode = 3, .data = "a"}, big,
                  Event{.type = EventType::kWrite, .inode = 3, .data = "b"},
                  Event{.type = EventType::kSync, .overlap = 2}};
  const TraceReadResult read = ReadTrace(EncodeTrace(trace));
  BOOST_TEST_REQUIRE(read.status.ok(), read.status.ToString());
  BOOST_TEST_REQUIRE(read.trace.events.size() == 5u);
  BOOST_TEST(read.trace.events[4].overlap == 3u);
  SplitCounter splits;
  splits.Add(0, 1);
  splits.Add(1, 2);
  splits.Add(2, 1);
  BOOST_TEST(splits.StoredOverlap(3, 1) == 1u);
  BOOST_TEST(splits.StoredOverlap(3, 2) == 3u);
  BOOST_TEST(splits.StoredOverlap(3, 3) == 4u);
  BOOST_TEST(splits.StoredOverlap(2, 1) == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::trace
