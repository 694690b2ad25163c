#include "faultfs/trace/trace_writer.h"

#include <algorithm>
#include <string>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"
#include "faultfs/trace/trace_test_util.h"

namespace powercut::trace {
namespace {

using powercut::testing::TempDir;

// A File in memory whose WriteAt fails from the `fail_at`-th call on, after writing half.
class MemoryFile final : public File {
 public:
  explicit MemoryFile(int fail_at = -1) : fail_at_(fail_at) {}
  Result<size_t> ReadAt(uint64_t offset, std::span<std::byte> out) override {
    if (offset >= bytes.size()) return size_t{0};
    const size_t n = std::min(out.size(), bytes.size() - offset);
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(offset), n, out.begin());
    return n;
  }
  Status WriteAt(uint64_t offset, std::span<const std::byte> data) override {
    const bool fail = writes_++ == fail_at_;
    const size_t n = fail ? data.size() / 2 : data.size();
    if (bytes.size() < offset + n) bytes.resize(offset + n);
    std::copy_n(data.begin(), n, bytes.begin() + static_cast<std::ptrdiff_t>(offset));
    return fail ? Status::IoError("mem: pwrite", 28) : Status::Ok();
  }
  Status Truncate(uint64_t size_bytes) override {
    bytes.resize(size_bytes);
    return Status::Ok();
  }
  Status Sync() override { return Status::Ok(); }
  Status DataSync() override { return Status::Ok(); }
  Result<uint64_t> Size() override { return uint64_t{bytes.size()}; }
  Status Close() override { return Status::Ok(); }
  const std::string& path() const override { return path_; }

  Bytes bytes;

 private:
  int fail_at_;
  int writes_ = 0;
  std::string path_ = "mem";
};

BOOST_AUTO_TEST_SUITE(trace_writer)

BOOST_AUTO_TEST_CASE(written_file_reads_back_as_the_trace) {
  TempDir dir;
  PosixFileSystem fs;
  const std::string path = dir.Join("trace");
  {
    auto file = fs.Open(path, OpenMode::kCreateExclusive);
    BOOST_REQUIRE(file.ok());
    Result<TraceWriter> writer = TraceWriter::Create(**file);
    BOOST_REQUIRE(writer.ok());
    BOOST_TEST(writer->Write(testing::GoldenTrace()).ok());
    BOOST_TEST(writer->events_written() == 6u);
    BOOST_TEST(writer->size_bytes() == 221u);
    BOOST_TEST((*file)->Close().ok());
  }
  const Result<TraceReadResult> read = ReadTraceFile(fs, path);
  BOOST_REQUIRE(read.ok());
  BOOST_TEST(read->status.ok());
  BOOST_TEST((read->trace == testing::GoldenTrace()));
}

BOOST_AUTO_TEST_CASE(records_append_one_by_one_like_a_recorder) {
  MemoryFile file;
  Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_REQUIRE(writer.ok());
  const Trace golden = testing::GoldenTrace();
  BOOST_TEST(writer->Append(golden.events[0]).ok());
  BOOST_TEST(writer->EndInitialState().ok());
  for (size_t i = 1; i < golden.events.size(); ++i) {
    BOOST_TEST(writer->Append(golden.events[i]).ok());
  }
  BOOST_TEST(writer->AddWarning("mmap").ok());
  BOOST_TEST(file.bytes == EncodeTrace(golden));
}

BOOST_AUTO_TEST_CASE(big_write_is_appended_as_16_mib_records) {
  MemoryFile file;
  Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_REQUIRE(writer.ok());
  Event big{.type = EventType::kWrite, .inode = 2, .offset = 4096};
  big.data.assign(kMaxDataBytes + 10, 'b');
  BOOST_TEST(writer->Append(big).ok());
  BOOST_TEST(writer->events_written() == 2u);
  BOOST_TEST(file.bytes.size() ==
             kTraceHeaderBytes + 2 * (kRecordHeaderBytes + 1 + 8 + 8 + 4) + big.data.size());
  const TraceReadResult read = ReadTrace(file.bytes);
  BOOST_TEST(read.status.ok());
  BOOST_TEST((read.trace.events == SplitWrite(big)));
}

BOOST_AUTO_TEST_CASE(new_trace_needs_an_empty_file) {
  MemoryFile file;
  file.bytes.resize(3);
  const Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_TEST(writer.status().IsFailedPrecondition());
  BOOST_TEST(file.bytes.size() == 3u);
}

BOOST_AUTO_TEST_CASE(invalid_event_is_refused_and_nothing_is_written) {
  MemoryFile file;
  Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_REQUIRE(writer.ok());
  BOOST_TEST(writer->Append(Event{.type = EventType::kFsync}).IsInvalidArgument());
  BOOST_TEST(writer->AddWarning(std::string(kMaxDataBytes + 1, 'w')).IsInvalidArgument());
  Trace bad = testing::GoldenTrace();
  bad.events.push_back(Event{.type = EventType::kOutput, .data = "two\nlines"});
  BOOST_TEST(writer->Write(bad).IsInvalidArgument());
  BOOST_TEST(file.bytes.size() == kTraceHeaderBytes);
  BOOST_TEST(writer->events_written() == 0u);
}

BOOST_AUTO_TEST_CASE(initial_state_ends_only_once) {
  MemoryFile file;
  Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_REQUIRE(writer.ok());
  BOOST_TEST(writer->EndInitialState().ok());
  BOOST_TEST(writer->EndInitialState().IsFailedPrecondition());
  BOOST_TEST(writer->Write(testing::GoldenTrace()).IsFailedPrecondition());
}

BOOST_AUTO_TEST_CASE(failed_write_is_sticky_and_the_file_reads_up_to_the_torn_record) {
  MemoryFile file(/*fail_at=*/3);  // header, two records, then a torn one
  Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_REQUIRE(writer.ok());
  const Event sync{.type = EventType::kSync};
  const Event fsync{.type = EventType::kFsync, .inode = 2};
  BOOST_TEST(writer->Append(sync).ok());
  BOOST_TEST(writer->Append(sync).ok());
  BOOST_TEST(writer->Append(fsync).IsIoError());
  const Status again = writer->Append(sync);
  BOOST_TEST(again.IsFailedPrecondition());
  BOOST_TEST(again.message().find("failed earlier") != std::string::npos);
  const TraceReadResult read = ReadTrace(file.bytes);
  BOOST_TEST(read.trace.events == (std::vector<Event>{sync, sync}));
  BOOST_TEST(read.status.message() == "truncated record at offset 50: 12 of 25 bytes");
}

BOOST_AUTO_TEST_CASE(reading_a_missing_file_fails_with_not_found) {
  TempDir dir;
  PosixFileSystem fs;
  const Result<TraceReadResult> read = ReadTraceFile(fs, dir.Join("absent"));
  BOOST_TEST(read.status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(overlap_is_counted_in_appends_and_cannot_reach_past_the_first) {
  MemoryFile file;
  Result<TraceWriter> writer = TraceWriter::Create(file);
  BOOST_REQUIRE(writer.ok());
  BOOST_TEST(writer->Append(Event{.type = EventType::kSync, .overlap = 1}).ToString() ==
             "Invalid argument: sync event: overlap 1 exceeds the 0 events before it");
  Event big{.type = EventType::kWrite, .inode = 2};
  big.data.assign(kMaxDataBytes + 1, 'b');
  BOOST_TEST(writer->Append(big).ok());  // one Append, two records
  BOOST_TEST(writer->Append(Event{.type = EventType::kFsync, .inode = 2, .overlap = 1}).ok());
  const TraceReadResult read = ReadTrace(file.bytes);
  BOOST_TEST_REQUIRE(read.status.ok(), read.status.ToString());
  BOOST_TEST_REQUIRE(read.trace.events.size() == 3u);
  BOOST_TEST(read.trace.events[2].overlap == 2u);  // both pieces of the big write
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::trace
