// The group-commit journal under load: 64 threads append for a while, then every acknowledgement
// is checked against the journal reopened from disk.
//
// Checked: no append fails; no id is acknowledged twice; the ids acknowledged are exactly
// 1..N (none skipped); after reopening, replay holds every acknowledged transaction once, with
// the content its thread wrote; no thread is left blocked (a deadlock fails the test after a
// grace period instead of hanging it). POWERCUT_STRESS_SECONDS sets the duration (default 2, for
// CI; scripts/reliability.sh runs 60). Prints one "load:" line with the figures.
#define BOOST_TEST_MODULE journal_stress_tests
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/journal.h"
#include "journal/journal_test_util.h"

namespace powercut::journal {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using Clock = std::chrono::steady_clock;

constexpr int kThreads = 64;

double StressSeconds() {
  const char* text = std::getenv("POWERCUT_STRESS_SECONDS");  // NOLINT(concurrency-mt-unsafe)
  const double seconds = text != nullptr ? std::atof(text) : 2.0;
  return seconds > 0 ? seconds : 2.0;
}

// What thread `t` appends as its `seq`-th transaction: one op naming both, so that replay shows
// who wrote each record.
uint64_t Tag(uint64_t thread, uint64_t seq) { return thread << 40 | seq; }

// A directory on tmpfs (/dev/shm) when there is one: the load is on the journal's locking and
// batching, not on the disk.
class ScratchDir {
 public:
  ScratchDir() {
    std::error_code error;
    std::string parent = std::filesystem::is_directory("/dev/shm", error)
                             ? "/dev/shm"
                             : std::filesystem::temp_directory_path().string();
    std::string pattern = parent + "/powercut-stress-XXXXXX";
    BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct ThreadResult {
  std::vector<std::pair<uint64_t, uint64_t>> acks;  // (id, tag)
  std::string error;                                // the first failure, if any
};

BOOST_AUTO_TEST_CASE(sixty_four_appenders_lose_and_duplicate_no_acknowledgement) {
  const double seconds = StressSeconds();
  ScratchDir scratch;
  const std::string dir = scratch.Join("wal");
  PosixFileSystem fs;
  auto journal = OpenJournal(fs, dir, Durability::kGroupCommit, 1u << 20);  // rotates under load
  const Clock::time_point stop =
      Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  std::vector<std::future<ThreadResult>> threads;
  threads.reserve(kThreads);
  for (uint64_t t = 0; t < kThreads; ++t) {
    threads.push_back(std::async(std::launch::async, [&journal, stop, t] {
      ThreadResult result;
      for (uint64_t seq = 0; Clock::now() < stop; ++seq) {
        const Result<uint64_t> id = journal->Append({DeleteChunk{Tag(t, seq)}});
        if (!id.ok()) {
          result.error = id.status().ToString();
          break;
        }
        result.acks.emplace_back(*id, Tag(t, seq));
      }
      return result;
    }));
  }
  // A deadlocked journal leaves threads blocked: give up after a grace period, do not hang.
  const Clock::time_point deadline = stop + std::chrono::seconds(30);
  std::vector<uint64_t> tag_of_id;  // index id - 1
  size_t acks = 0;
  size_t duplicated = 0;
  for (auto& thread : threads) {
    BOOST_REQUIRE_MESSAGE(thread.wait_until(deadline) == std::future_status::ready,
                          "an appender is still blocked 30 s after the end: deadlock?");
    const ThreadResult result = thread.get();
    BOOST_TEST(result.error.empty(), result.error);
    for (const auto& [id, tag] : result.acks) {
      if (tag_of_id.size() < id) tag_of_id.resize(id, ~uint64_t{0});
      if (tag_of_id[id - 1] != ~uint64_t{0}) ++duplicated;
      tag_of_id[id - 1] = tag;
      ++acks;
    }
  }
  BOOST_TEST(duplicated == 0u, duplicated << " ids acknowledged twice");
  size_t skipped = 0;
  for (const uint64_t tag : tag_of_id) skipped += tag == ~uint64_t{0} ? 1 : 0;
  BOOST_TEST(skipped == 0u, skipped << " ids below the highest were never acknowledged");
  BOOST_TEST(journal->Close().ok());
  journal.reset();

  // Reopened from disk: every acknowledged txn, once, with its thread's content.
  size_t lost = 0;
  size_t wrong = 0;
  auto reopened = OpenJournal(fs, dir, Durability::kGroupCommit, 1u << 20);
  std::vector<bool> seen(tag_of_id.size(), false);
  size_t replayed = 0;
  // Streamed, not collected: a 60 s run appends millions of transactions.
  const Status replay = reopened->Replay(0, [&](const Transaction& txn) {
    ++replayed;
    if (txn.txn_id == 0 || txn.txn_id > tag_of_id.size()) return Status::Ok();  // in flight
    seen[txn.txn_id - 1] = true;
    const auto* op = txn.ops.size() == 1 ? std::get_if<DeleteChunk>(&txn.ops[0]) : nullptr;
    if (op == nullptr || op->chunk_id != tag_of_id[txn.txn_id - 1]) ++wrong;
    return Status::Ok();
  });
  BOOST_TEST(replay.ok(), replay.ToString());
  for (const bool s : seen) lost += s ? 0 : 1;
  BOOST_TEST(lost == 0u, lost << " acknowledged txns missing after reopening");
  BOOST_TEST(wrong == 0u, wrong << " txns hold another thread's content");
  BOOST_TEST(replayed >= acks);
  std::printf("load: group-commit threads=%d seconds=%.0f acknowledged=%zu per_second=%.0f "
              "lost=%zu duplicated=%zu wrong=%zu\n",
              kThreads, seconds, acks, static_cast<double>(acks) / seconds, lost, duplicated, wrong);
}

}  // namespace
}  // namespace powercut::journal
