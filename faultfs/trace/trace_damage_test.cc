// The reader on damaged traces: cut anywhere, any bit flipped, a record torn in the middle by a
// killed writer while others went on appending, and real concurrent appenders.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/read_file.h"
#include "faultfs/testing/temp_dir.h"
#include "faultfs/trace/trace_format.h"
#include "faultfs/trace/trace_test_util.h"

namespace powercut::trace {
namespace {

// A trace file as its records, with the trace each prefix of whole records holds.
struct Layout {
  Bytes bytes;
  std::vector<uint64_t> ends;  // ends[k]: where record k ends
  std::vector<Trace> after;    // after[k]: the trace records [0, k] hold
};

Layout LayoutOf(const Trace& trace) {
  Layout layout{.bytes = EncodeHeader()};
  Trace so_far;
  const auto add = [&](const Bytes& record) {
    layout.bytes.insert(layout.bytes.end(), record.begin(), record.end());
    layout.ends.push_back(layout.bytes.size());
    layout.after.push_back(so_far);
  };
  for (size_t i = 0; i <= trace.events.size(); ++i) {
    if (i == trace.first_crash_point) {
      so_far.first_crash_point = i;
      add(EncodeInitialStateEndsRecord());
    }
    if (i == trace.events.size()) break;
    so_far.events.push_back(trace.events[i]);
    add(EncodeRecord(trace.events[i]));
  }
  for (const std::string& warning : trace.warnings) {
    so_far.warnings.push_back(warning);
    add(EncodeWarningRecord(warning));
  }
  return layout;
}

Trace SampleTrace() {
  Trace trace = testing::GoldenTrace();
  testing::RandomEvents random(42);
  for (int i = 0; i < 6; ++i) trace.events.push_back(random.Next());
  trace.warnings.push_back("io_uring");
  return trace;
}

bool IsPrefix(const std::vector<Event>& prefix, const std::vector<Event>& of) {
  return prefix.size() <= of.size() && std::equal(prefix.begin(), prefix.end(), of.begin());
}

BOOST_AUTO_TEST_SUITE(trace_damage)

BOOST_AUTO_TEST_CASE(cut_at_every_offset_keeps_every_whole_record_and_names_the_cut) {
  const Layout layout = LayoutOf(SampleTrace());
  BOOST_TEST_REQUIRE(layout.bytes == EncodeTrace(SampleTrace()));
  for (size_t cut = 0; cut <= layout.bytes.size(); ++cut) {
    const TraceReadResult read = ReadTrace(ByteView(layout.bytes).first(cut));
    if (cut < kTraceHeaderBytes) {
      BOOST_TEST(read.status.message() ==
                 "truncated header: " + std::to_string(cut) + " of 16 bytes");
      BOOST_TEST((read.trace == Trace{}));
      continue;
    }
    size_t whole = 0;  // records wholly before the cut
    while (whole < layout.ends.size() && layout.ends[whole] <= cut) ++whole;
    const uint64_t start = whole == 0 ? kTraceHeaderBytes : layout.ends[whole - 1];
    const Trace expected = whole == 0 ? Trace{} : layout.after[whole - 1];
    BOOST_TEST((read.trace == expected), "cut " << cut);
    BOOST_TEST(read.valid_bytes == start, "cut " << cut);
    if (cut == start) {
      BOOST_TEST(read.status.ok(), "cut " << cut << ": " << read.status.ToString());
      continue;
    }
    const uint64_t have = cut - start;
    const uint64_t need = layout.ends[whole] - start;
    const std::string tail = have < kRecordHeaderBytes
                                 ? std::to_string(have) + " of 8 header bytes"
                                 : std::to_string(have) + " of " + std::to_string(need) + " bytes";
    BOOST_TEST(read.status.ToString() ==
                   "Corruption: truncated record at offset " + std::to_string(start) + ": " + tail,
               "cut " << cut);
  }
}

BOOST_AUTO_TEST_CASE(any_flipped_bit_is_reported_and_keeps_the_records_before_it) {
  const Layout layout = LayoutOf(SampleTrace());
  for (size_t at = 0; at < layout.bytes.size(); ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes damaged = layout.bytes;
      damaged[at] ^= static_cast<std::byte>(1 << bit);
      const TraceReadResult read = ReadTrace(damaged);
      BOOST_TEST(read.status.IsCorruption(), "byte " << at << " bit " << bit << " accepted");
      BOOST_TEST(read.valid_bytes <= at, "byte " << at << " bit " << bit);
      BOOST_TEST(IsPrefix(read.trace.events, SampleTrace().events), "byte " << at);
    }
  }
}

BOOST_AUTO_TEST_CASE(record_torn_mid_file_by_a_killed_writer_stops_the_reader_there) {
  // Writer A dies after writing 10 bytes of its record; writer B appends after the torn bytes.
  const Event a{.type = EventType::kWrite, .inode = 5, .offset = 0, .data = std::string(100, 'a')};
  const Event b{.type = EventType::kFsync, .inode = 6};
  const Bytes first = EncodeRecord(b);
  const Bytes torn = EncodeRecord(a);
  Bytes bytes = EncodeHeader();
  bytes.insert(bytes.end(), first.begin(), first.end());
  bytes.insert(bytes.end(), torn.begin(), torn.begin() + 10);
  for (int i = 0; i < 20; ++i) bytes.insert(bytes.end(), first.begin(), first.end());
  const TraceReadResult read = ReadTrace(bytes);
  BOOST_TEST(read.trace.events == std::vector<Event>{b});
  BOOST_TEST(read.status.message().starts_with("bad CRC at offset 41 "), read.status.ToString());
}

// Real processes appending with one write(2) each on O_APPEND descriptors: no record interleaves
// with another, so every one of them reads back, each writer's in its own order.
BOOST_AUTO_TEST_CASE(concurrent_appenders_on_o_append_never_interleave_records) {
  constexpr int kWriters = 4;
  constexpr int kRecords = 300;
  powercut::testing::TempDir dir;
  const std::string path = dir.Join("trace");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  BOOST_REQUIRE(fd >= 0);
  const Bytes header = EncodeHeader();
  BOOST_REQUIRE(::write(fd, header.data(), header.size()) == static_cast<ssize_t>(header.size()));
  ::close(fd);
  std::vector<std::vector<Bytes>> records(kWriters);  // encoded before fork: children only write
  for (int w = 0; w < kWriters; ++w) {
    for (int r = 0; r < kRecords; ++r) {
      records[w].push_back(EncodeRecord(Event{.type = EventType::kWrite,
                                              .inode = static_cast<InodeId>(w + 2),
                                              .offset = static_cast<uint64_t>(r),
                                              .data = std::string(100 + 37 * r, 'x')}));
    }
  }
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    const pid_t pid = ::fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
      const int child_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
      for (const Bytes& record : records[w]) {
        if (::write(child_fd, record.data(), record.size()) !=
            static_cast<ssize_t>(record.size())) {
          ::_exit(1);
        }
      }
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = 0;
    BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  std::vector<uint64_t> next(kWriters, 0);
  const Bytes bytes = testing::ToBytes(powercut::testing::ReadWholeFile(path));
  const TraceReadResult read = ReadTrace(bytes);
  BOOST_TEST(read.status.ok(), read.status.ToString());
  BOOST_TEST(read.trace.events.size() == static_cast<size_t>(kWriters * kRecords));
  for (const Event& e : read.trace.events) {
    const size_t w = e.inode - 2;
    BOOST_TEST_REQUIRE(w < static_cast<size_t>(kWriters));
    BOOST_TEST(e.offset == next[w]++);
  }
}

// A writer killed by SIGKILL at an arbitrary moment, mid-record or not: the file reads back as
// every whole record it wrote, then at most one torn record at the end.
BOOST_AUTO_TEST_CASE(writer_killed_by_sigkill_leaves_a_readable_trace) {
  powercut::testing::TempDir dir;
  const std::string path = dir.Join("trace");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  BOOST_REQUIRE(fd >= 0);
  const Bytes header = EncodeHeader();
  BOOST_REQUIRE(::write(fd, header.data(), header.size()) == static_cast<ssize_t>(header.size()));
  std::vector<Bytes> records;
  for (uint64_t r = 0; r < 48; ++r) {  // 1 MiB records: a write(2) that spans many pages
    records.push_back(EncodeRecord(Event{
        .type = EventType::kWrite, .inode = 2, .offset = r, .data = std::string(1 << 20, 'k')}));
  }
  int ready[2];
  BOOST_REQUIRE(::pipe(ready) == 0);
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    for (size_t r = 0; r < records.size(); ++r) {
      if (::write(fd, records[r].data(), records[r].size()) < 0) ::_exit(1);
      if (r == 0 && ::write(ready[1], "x", 1) != 1) ::_exit(1);
    }
    ::_exit(0);
  }
  char byte = 0;
  BOOST_REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::kill(pid, SIGKILL);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  ::close(fd);
  ::close(ready[0]);
  ::close(ready[1]);

  const std::string all = powercut::testing::ReadWholeFile(path);
  const TraceReadResult read = ReadTrace(testing::ToBytes(all));
  BOOST_TEST_MESSAGE("killed after " << read.trace.events.size() << " records, "
                                     << (all.size() - read.valid_bytes)
                                     << " torn bytes: " << read.status.ToString());
  BOOST_TEST(read.trace.events.size() >= 1u);
  for (size_t r = 0; r < read.trace.events.size(); ++r) {
    BOOST_TEST(read.trace.events[r].offset == r);
  }
  if (read.valid_bytes == all.size()) {
    BOOST_TEST(read.status.ok());
  } else {
    BOOST_TEST(read.status.message().starts_with("truncated record at offset " +
                                                 std::to_string(read.valid_bytes) + ":"),
               read.status.ToString());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::trace
