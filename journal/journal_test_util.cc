#include "journal/journal_test_util.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/format.h"
#include "journal/segment_reader.h"

namespace powercut::journal::testing {

std::vector<Op> SampleOps(uint64_t n) {
  std::vector<Op> ops;
  WriteFile file;
  file.path = "files/" + std::to_string(n);
  for (uint64_t i = 0; i < n % 7; ++i) file.chunk_ids.push_back(n * 100 + i);
  file.size = n * 10;
  ops.emplace_back(std::move(file));
  for (uint64_t i = 0; i < n % 4; ++i) {
    switch ((n + i) % 5) {
      case 0: {
        WriteChunk chunk{n, {}, n * 4096};
        chunk.data_hash.fill(static_cast<uint8_t>(n));
        ops.emplace_back(chunk);
        break;
      }
      case 1: ops.emplace_back(DeleteChunk{n + i}); break;
      case 2: ops.emplace_back(DeleteFile{"old/" + std::to_string(n)}); break;
      case 3: {
        UpdateRoot root;
        root.root_hash.fill(static_cast<uint8_t>(n + 1));
        ops.emplace_back(root);
        break;
      }
      default: ops.emplace_back(Barrier{}); break;
    }
  }
  return ops;
}

JournalOptions TestOptions(Durability durability) {
  JournalOptions options;
  options.durability = durability;
  options.clock_ns = [] { return uint64_t{1700000000000000000}; };
  // Deterministic, but different for every journal the test process creates: each incarnation
  // must get its own id and salts, as with real entropy.
  static std::atomic<uint64_t> counter{0x5eed};
  options.entropy = [] { return counter.fetch_add(0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9; };
  return options;
}

std::unique_ptr<Journal> OpenJournal(FileSystem& fs, const std::string& dir, Durability durability,
                                     uint64_t max_segment_bytes) {
  JournalOptions options = TestOptions(durability);
  options.max_segment_bytes = max_segment_bytes;
  auto journal = Journal::Open(fs, dir, options);
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  return std::move(journal).value();
}

std::vector<Transaction> ReplayAll(Journal& journal) {
  std::vector<Transaction> txns;
  const Status s = journal.Replay(0, [&](const Transaction& t) {
    txns.push_back(t);
    return Status::Ok();
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return txns;
}

std::vector<Transaction> ReopenAndReplay(FileSystem& fs, const std::string& dir,
                                         const JournalOptions& options) {
  auto journal = Journal::Open(fs, dir, options);
  BOOST_REQUIRE_MESSAGE(journal.ok(), journal.status().ToString());
  std::vector<Transaction> txns = ReplayAll(**journal);
  BOOST_REQUIRE((*journal)->Close().ok());
  return txns;
}

void AppendSamples(Journal& journal, uint64_t first, uint64_t last) {
  for (uint64_t n = first; n <= last; ++n) {
    Result<uint64_t> id = journal.Append(SampleOps(n));
    BOOST_REQUIRE_MESSAGE(id.ok(), id.status().ToString());
    BOOST_REQUIRE_EQUAL(*id, n);
  }
}

bool HoldsSamples(const std::vector<Transaction>& txns, uint64_t first, uint64_t last) {
  if (txns.size() != last + 1 - first) return false;
  for (uint64_t n = first; n <= last; ++n) {
    const Transaction& t = txns[n - first];
    if (t.txn_id != n || t.ops != SampleOps(n)) return false;
  }
  return true;
}

std::string SegmentPath(const std::string& dir, uint64_t seq) {
  return JoinPath(dir, SegmentFileName(seq));
}

uint64_t FileSize(const std::string& path) { return std::filesystem::file_size(path); }

void FlipByte(const std::string& path, uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  const char c = static_cast<char>(f.get());
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x40));
  BOOST_REQUIRE(f.good());
}

void TruncateFile(const std::string& path, uint64_t size) { std::filesystem::resize_file(path, size); }

void AppendToFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::app | std::ios::binary);
  f << bytes;
  BOOST_REQUIRE(f.good());
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << f.rdbuf();
  return bytes.str();
}

void WriteWholeFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
  BOOST_REQUIRE(f.good());
}

uint64_t RecordOffset(const std::string& path, uint64_t txn) {
  PosixFileSystem fs;
  auto reader = SegmentReader::Open(fs, path);
  BOOST_REQUIRE(reader.ok());
  while (true) {
    auto record = (*reader)->Next();
    BOOST_REQUIRE(record.ok());
    BOOST_REQUIRE_MESSAGE(record->has_value(), "txn " << txn << " not in " << path);
    if ((*record)->header.txn_id == txn) return (*record)->offset;
  }
}

}  // namespace powercut::journal::testing
