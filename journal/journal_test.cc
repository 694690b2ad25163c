// The Journal's contract: ids, durability modes, checkpoint, directory syncs, close.
#include "journal/journal.h"

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <future>
#include <map>
#include <thread>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"
#include "journal/format.h"
#include "journal/journal_test_util.h"
#include "journal/test_file_system.h"

namespace powercut::journal {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using powercut::testing::TempDir;

struct JournalFixture {
  TempDir tmp;
  PosixFileSystem posix;
  TestFileSystem fs{posix};
  std::string dir = tmp.Join("wal");

  std::unique_ptr<Journal> Open(Durability durability, uint64_t max_segment_bytes = 64ull << 20) {
    return OpenJournal(fs, dir, durability, max_segment_bytes);
  }
  // Index of the first log entry at or after `from` that starts with `prefix`, or -1.
  static long Find(const std::vector<std::string>& log, const std::string& prefix,
                   size_t from = 0) {
    for (size_t i = from; i < log.size(); ++i) {
      if (log[i].starts_with(prefix)) return static_cast<long>(i);
    }
    return -1;
  }
};

BOOST_FIXTURE_TEST_SUITE(journal, JournalFixture)

BOOST_AUTO_TEST_CASE(ids_are_strictly_increasing_and_gap_free_across_reopen) {
  for (uint64_t round = 0; round < 3; ++round) {
    auto journal = Open(Durability::kImmediate);
    BOOST_TEST(journal->recovery().last_txn == round * 5);
    AppendSamples(*journal, round * 5 + 1, round * 5 + 5);
    BOOST_TEST(journal->Close().ok());
  }
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kImmediate)), 1, 15));
}

BOOST_AUTO_TEST_CASE(ids_continue_after_a_checkpoint_empties_the_log) {
  {
    auto journal = Open(Durability::kGroupCommit);
    AppendSamples(*journal, 1, 8);
    BOOST_TEST(journal->Checkpoint(8).ok());
    BOOST_TEST(ReplayAll(*journal).empty());
    AppendSamples(*journal, 9, 9);
  }
  auto journal = Open(Durability::kGroupCommit);
  BOOST_TEST(journal->checkpoint_txn() == 8u);
  BOOST_TEST(HoldsSamples(ReplayAll(*journal), 9, 9));
  AppendSamples(*journal, 10, 10);
}

BOOST_AUTO_TEST_CASE(ids_continue_when_an_emptied_log_is_reopened) {
  {
    auto journal = Open(Durability::kImmediate);
    AppendSamples(*journal, 1, 4);
    BOOST_TEST(journal->Checkpoint(4).ok());
  }
  auto journal = Open(Durability::kImmediate);
  BOOST_TEST(journal->recovery().last_txn == 4u);
  BOOST_TEST(ReplayAll(*journal).empty());
  AppendSamples(*journal, 5, 6);
}

BOOST_AUTO_TEST_CASE(a_new_journal_reports_that_it_was_created) {
  auto journal = Open(Durability::kImmediate);
  BOOST_TEST(journal->recovery().created);
  BOOST_TEST(journal->recovery().last_txn == 0u);
  BOOST_TEST(journal->last_txn() == 0u);
}

BOOST_AUTO_TEST_CASE(immediate_syncs_each_append_before_acknowledging_it) {
  auto journal = Open(Durability::kImmediate);
  fs.ClearLog();
  AppendSamples(*journal, 1, 5);
  const std::vector<std::string> log = fs.log();
  BOOST_REQUIRE_EQUAL(log.size(), 10u);
  for (size_t i = 0; i < log.size(); i += 2) {
    BOOST_TEST(log[i].starts_with("write "));
    BOOST_TEST(log[i + 1].starts_with("datasync "));
  }
  BOOST_TEST(journal->durable_txn() == 5u);
}

BOOST_AUTO_TEST_CASE(relaxed_hands_each_append_to_the_os_before_returning_and_never_syncs) {
  auto journal = Open(Durability::kRelaxed);
  fs.ClearLog();
  uint64_t size = FileSize(SegmentPath(dir, 1));
  for (uint64_t n = 1; n <= 5; ++n) {
    BOOST_REQUIRE(journal->Append(SampleOps(n)).ok());
    const uint64_t now = FileSize(SegmentPath(dir, 1));
    BOOST_TEST(now > size);  // in the kernel's page cache: survives a process crash
    size = now;
  }
  BOOST_TEST(fs.Count("datasync") == 0u);
  BOOST_TEST(fs.Count("write") == 5u);
  BOOST_TEST(journal->durable_txn() == 0u);
  BOOST_TEST(journal->Close().ok());
  BOOST_TEST(fs.Count("datasync") == 1u);  // a clean close makes it durable
}

BOOST_AUTO_TEST_CASE(group_commit_lone_writer_pays_one_sync_per_append_and_never_waits) {
  // Timed against Immediate in the same run, so machine load cancels out: with a fixed commit
  // delay (the seed's 5 ms) 300 appends would take >= 1.5 s whatever the disk.
  auto time_appends = [&](Durability durability) {
    std::filesystem::remove_all(dir);
    auto journal = Open(durability);
    fs.ClearLog();
    const auto start = std::chrono::steady_clock::now();
    AppendSamples(*journal, 1, 300);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    BOOST_TEST(fs.Count("datasync") == 300u);
    return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  };
  // The fastest of three interleaved rounds each: a load spike on a shared machine slows one
  // round, not all three of one mode.
  auto immediate_ms = time_appends(Durability::kImmediate);
  auto group_ms = time_appends(Durability::kGroupCommit);
  for (int round = 1; round < 3; ++round) {
    immediate_ms = std::min(immediate_ms, time_appends(Durability::kImmediate));
    group_ms = std::min(group_ms, time_appends(Durability::kGroupCommit));
  }
  BOOST_TEST_MESSAGE("300 lone appends: immediate " << immediate_ms << " ms, group " << group_ms
                                                    << " ms");
  BOOST_TEST(group_ms < 2 * immediate_ms + 500);
}

BOOST_AUTO_TEST_CASE(batches_respect_the_mode_and_max_batch_bytes) {
  for (Durability durability : {Durability::kGroupCommit, Durability::kImmediate}) {
    std::filesystem::remove_all(dir);
    fs.SetSyncDelay(std::chrono::milliseconds(3));
    JournalOptions options = TestOptions(durability);
    options.max_batch_bytes = 100;  // two 41-byte Barrier records
    auto opened = Journal::Open(fs, dir, options);
    BOOST_REQUIRE(opened.ok());
    Journal& journal = **opened;
    fs.ClearLog();
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    threads.reserve(8);
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 30; ++i) failed += journal.Append({Barrier{}}).ok() ? 0 : 1;
      });
    }
    for (std::thread& t : threads) t.join();
    BOOST_TEST(failed.load() == 0);
    size_t writes = 0;
    for (const std::string& entry : fs.log()) {
      if (!entry.starts_with("write " + SegmentPath(dir, 1) + "@")) continue;
      ++writes;
      const size_t len = std::stoul(entry.substr(entry.rfind('+') + 1));
      BOOST_TEST(len <= (durability == Durability::kImmediate ? 41u : 100u), entry);
    }
    if (durability == Durability::kImmediate) {
      BOOST_TEST(writes == 240u);
      BOOST_TEST(fs.Count("datasync") == 240u);
    } else {
      BOOST_TEST(writes < 240u);  // batching happened
    }
  }
}

BOOST_AUTO_TEST_CASE(group_commit_shares_syncs_and_acknowledges_only_durable_ids) {
  fs.SetSyncDelay(std::chrono::milliseconds(2));
  auto journal = Open(Durability::kGroupCommit);
  fs.ClearLog();
  constexpr uint64_t kThreads = 8;
  constexpr uint64_t kPerThread = 40;
  std::mutex mu;
  std::map<uint64_t, std::vector<Op>> acked;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (uint64_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t i = 0; i < kPerThread; ++i) {
        std::vector<Op> ops = SampleOps(t * 1000 + i);
        Result<uint64_t> id = journal->Append(ops);
        // Acknowledged means durable, and acknowledgements come in id order.
        const uint64_t durable = journal->durable_txn();
        std::lock_guard lock(mu);
        BOOST_REQUIRE(id.ok());
        BOOST_REQUIRE(durable >= *id);
        const bool fresh = acked.emplace(*id, std::move(ops)).second;
        BOOST_REQUIRE(fresh);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  BOOST_TEST(acked.size() == kThreads * kPerThread);
  BOOST_TEST(acked.begin()->first == 1u);
  BOOST_TEST(acked.rbegin()->first == kThreads * kPerThread);
  const size_t syncs = fs.Count("datasync");
  BOOST_TEST_MESSAGE("syncs for " << kThreads * kPerThread << " appends: " << syncs);
  BOOST_TEST(syncs < kThreads * kPerThread / 2);
  BOOST_REQUIRE(journal->Close().ok());

  const std::vector<Transaction> txns =
      ReopenAndReplay(fs, dir, TestOptions(Durability::kGroupCommit));
  BOOST_REQUIRE_EQUAL(txns.size(), acked.size());
  for (const Transaction& t : txns) BOOST_TEST((t.ops == acked.at(t.txn_id)), "txn " << t.txn_id);
}

BOOST_AUTO_TEST_CASE(empty_and_oversized_transactions_are_rejected) {
  auto journal = Open(Durability::kImmediate);
  BOOST_TEST(journal->Append({}).status().IsInvalidArgument());
  WriteFile huge;
  huge.chunk_ids.resize(kMaxPayloadBytes / 8);
  const Result<uint64_t> id = journal->Append({huge});
  BOOST_TEST(id.status().IsInvalidArgument());
  BOOST_TEST(id.status().message().find("exceeds the record limit") != std::string::npos);
  BOOST_TEST(journal->health().ok());  // a rejected argument is not an I/O failure
  huge.chunk_ids.resize((kMaxPayloadBytes - 64) / 8);
  BOOST_TEST(journal->Append({huge}).ok());
}

BOOST_AUTO_TEST_CASE(segments_rotate_and_all_of_them_recover) {
  {
    auto journal = Open(Durability::kGroupCommit, 4096);
    AppendSamples(*journal, 1, 100);
  }
  BOOST_TEST(std::filesystem::exists(SegmentPath(dir, 3)));
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kGroupCommit)), 1, 100));
}

BOOST_AUTO_TEST_CASE(rotation_raises_the_durable_watermark_in_relaxed_mode) {
  auto journal = Open(Durability::kRelaxed, 4096);
  uint64_t n = 1;
  while (!std::filesystem::exists(SegmentPath(dir, 2))) AppendSamples(*journal, n, n), ++n;
  BOOST_TEST(journal->durable_txn() == n - 2);  // all of segment 1, synced by the rotation
}

BOOST_AUTO_TEST_CASE(constant_entropy_still_gives_each_segment_its_own_salt) {
  JournalOptions options = TestOptions(Durability::kImmediate);
  options.entropy = [] { return uint64_t{77}; };
  options.max_segment_bytes = 4096;
  auto journal = Journal::Open(fs, dir, options);
  BOOST_REQUIRE(journal.ok());
  AppendSamples(**journal, 1, 100);
  BOOST_REQUIRE(std::filesystem::exists(SegmentPath(dir, 3)));
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, options), 1, 100));
}

BOOST_AUTO_TEST_CASE(rotation_syncs_the_old_segment_before_the_new_name_exists) {
  auto journal = Open(Durability::kRelaxed, 4096);
  fs.ClearLog();
  uint64_t n = 1;
  while (!std::filesystem::exists(SegmentPath(dir, 2))) {
    AppendSamples(*journal, n, n);
    ++n;
  }
  const std::vector<std::string> log = fs.log();
  const long sync_old = Find(log, "datasync " + SegmentPath(dir, 1));
  const long rename_new = Find(log, "rename " + SegmentPath(dir, 2) + ".tmp");
  const long sync_dir = Find(log, "syncdir " + dir, static_cast<size_t>(std::max(rename_new, 0L)));
  const long write_new = Find(log, "write " + SegmentPath(dir, 2) + "@");
  BOOST_TEST(sync_old >= 0);
  BOOST_TEST(sync_old < rename_new);
  BOOST_TEST(rename_new < sync_dir);
  BOOST_TEST(sync_dir < write_new);
}

BOOST_AUTO_TEST_CASE(creating_a_journal_syncs_every_new_name_into_its_directory) {
  fs.ClearLog();
  auto journal = Open(Durability::kImmediate);
  const std::vector<std::string> log = fs.log();
  const long mkdir = Find(log, "mkdir " + dir);
  const long parent_sync = Find(log, "syncdir " + tmp.path());
  const long manifest = Find(log, "rename " + dir + "/MANIFEST.tmp -> " + dir + "/MANIFEST");
  const long manifest_sync =
      Find(log, "syncdir " + dir, static_cast<size_t>(std::max(manifest, 0L)));
  const long segment = Find(log, "rename " + SegmentPath(dir, 1) + ".tmp");
  const long segment_sync = Find(log, "syncdir " + dir, static_cast<size_t>(std::max(segment, 0L)));
  BOOST_TEST(mkdir == 0);
  BOOST_TEST(parent_sync == 1);
  BOOST_TEST(manifest_sync == manifest + 1);
  BOOST_TEST(segment_sync == segment + 1);
  BOOST_TEST(manifest < segment);
}

BOOST_AUTO_TEST_CASE(every_replaced_file_is_synced_before_its_rename_and_its_directory_after) {
  auto journal = Open(Durability::kImmediate, 4096);
  AppendSamples(*journal, 1, 60);               // rotations
  BOOST_REQUIRE(journal->Checkpoint(60).ok());  // a MANIFEST replacement and a rotation
  const std::vector<std::string> log = fs.log();
  size_t renames = 0;
  for (size_t i = 1; i + 1 < log.size(); ++i) {
    if (!log[i].starts_with("rename ")) continue;
    ++renames;
    const std::string temp = log[i].substr(7, log[i].find(" -> ") - 7);
    BOOST_TEST(log[i - 1] == "sync " + temp, "before " << log[i]);
    BOOST_TEST(log[i + 1] == "syncdir " + dir, "after " << log[i]);
  }
  BOOST_TEST(renames >= 4u);
}

BOOST_AUTO_TEST_CASE(checkpoint_records_itself_durably_before_removing_segments) {
  auto journal = Open(Durability::kGroupCommit, 4096);
  AppendSamples(*journal, 1, 100);
  fs.ClearLog();
  BOOST_REQUIRE(journal->Checkpoint(60).ok());
  const std::vector<std::string> log = fs.log();
  const long manifest = Find(log, "rename " + dir + "/MANIFEST.tmp");
  const long manifest_sync =
      Find(log, "syncdir " + dir, static_cast<size_t>(std::max(manifest, 0L)));
  const long first_unlink = Find(log, "unlink ");
  const long unlink_sync =
      Find(log, "syncdir " + dir, static_cast<size_t>(std::max(first_unlink, 0L)));
  BOOST_TEST(manifest >= 0);
  BOOST_TEST(manifest_sync == manifest + 1);
  BOOST_TEST(first_unlink > manifest_sync);
  BOOST_TEST(unlink_sync > first_unlink);
  BOOST_TEST(fs.Count("truncate") == 0u);  // never truncates in place
  BOOST_TEST(!std::filesystem::exists(SegmentPath(dir, 1)));
  BOOST_TEST(HoldsSamples(ReplayAll(*journal), 61, 100));
}

BOOST_AUTO_TEST_CASE(checkpoint_inside_the_active_segment_keeps_it_whole) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 10);
  const uint64_t size = FileSize(SegmentPath(dir, 1));
  BOOST_REQUIRE(journal->Checkpoint(5).ok());
  BOOST_TEST(FileSize(SegmentPath(dir, 1)) == size);
  BOOST_TEST(HoldsSamples(ReplayAll(*journal), 6, 10));
  BOOST_REQUIRE(journal->Close().ok());
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kImmediate)), 6, 10));
}

BOOST_AUTO_TEST_CASE(checkpoint_of_an_unappended_txn_is_rejected) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 3);
  const Status s = journal->Checkpoint(4);
  BOOST_TEST(s.IsInvalidArgument());
  BOOST_TEST(s.message() == "cannot checkpoint txn 4: the last appended txn is 3");
  BOOST_TEST(journal->health().ok());
}

BOOST_AUTO_TEST_CASE(checkpoint_at_or_below_the_current_one_changes_nothing) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 3);
  BOOST_REQUIRE(journal->Checkpoint(2).ok());
  fs.ClearLog();
  BOOST_TEST(journal->Checkpoint(2).ok());
  BOOST_TEST(journal->Checkpoint(1).ok());
  BOOST_TEST(fs.log().empty());
  BOOST_TEST(journal->checkpoint_txn() == 2u);
}

BOOST_AUTO_TEST_CASE(relaxed_checkpoint_syncs_the_log_first) {
  auto journal = Open(Durability::kRelaxed);
  AppendSamples(*journal, 1, 3);
  fs.ClearLog();
  BOOST_REQUIRE(journal->Checkpoint(2).ok());
  const std::vector<std::string> log = fs.log();
  BOOST_TEST(Find(log, "datasync ") >= 0);
  BOOST_TEST(Find(log, "datasync ") < Find(log, "rename "));
  BOOST_TEST(journal->durable_txn() == 3u);
}

BOOST_AUTO_TEST_CASE(replay_starts_after_the_given_txn) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 10);
  std::vector<uint64_t> ids;
  BOOST_REQUIRE(journal
                    ->Replay(7,
                             [&](const Transaction& t) {
                               ids.push_back(t.txn_id);
                               return Status::Ok();
                             })
                    .ok());
  BOOST_TEST((ids == std::vector<uint64_t>{8, 9, 10}));
}

BOOST_AUTO_TEST_CASE(replay_stops_at_the_visitors_error) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 5);
  int seen = 0;
  const Status s = journal->Replay(0, [&](const Transaction&) {
    return ++seen == 2 ? Status::InvalidArgument("stop") : Status::Ok();
  });
  BOOST_TEST(s.message() == "stop");
  BOOST_TEST(seen == 2);
}

BOOST_AUTO_TEST_CASE(close_is_idempotent_and_later_calls_fail) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 2);
  BOOST_TEST(journal->Close().ok());
  BOOST_TEST(journal->Close().ok());
  BOOST_TEST(journal->Append(SampleOps(3)).status().IsFailedPrecondition());
  BOOST_TEST(journal->Checkpoint(1).IsFailedPrecondition());
  BOOST_TEST(
      journal->Replay(0, [](const Transaction&) { return Status::Ok(); }).IsFailedPrecondition());
}

BOOST_AUTO_TEST_CASE(destructor_closes_and_makes_relaxed_writes_durable) {
  {
    auto journal = Open(Durability::kRelaxed);
    AppendSamples(*journal, 1, 3);
    fs.ClearLog();
  }
  BOOST_TEST(fs.Count("datasync " + SegmentPath(dir, 1)) == 1u);
  BOOST_TEST(HoldsSamples(ReopenAndReplay(fs, dir, TestOptions(Durability::kRelaxed)), 1, 3));
}

BOOST_AUTO_TEST_CASE(close_waits_for_appends_in_flight_and_acknowledges_nothing_after) {
  fs.SetSyncDelay(std::chrono::milliseconds(20));
  auto journal = Open(Durability::kGroupCommit);
  std::atomic<uint64_t> max_acked{0};
  std::atomic<int> wrong_errors{0};  // Boost.Test is not thread-safe: count, check later
  std::vector<std::future<void>> appenders;
  appenders.reserve(6);
  for (int t = 0; t < 6; ++t) {
    appenders.push_back(std::async(std::launch::async, [&] {
      for (int i = 0; i < 1000; ++i) {
        const Result<uint64_t> id = journal->Append({Barrier{}});
        if (!id.ok()) {
          if (!id.status().IsFailedPrecondition()) ++wrong_errors;
          return;
        }
        uint64_t seen = max_acked.load();
        while (seen < *id && !max_acked.compare_exchange_weak(seen, *id)) {
        }
      }
    }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto closing = std::async(std::launch::async, [&] { return journal->Close(); });
  BOOST_REQUIRE(closing.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  BOOST_TEST(closing.get().ok());
  for (auto& a : appenders) {
    BOOST_REQUIRE(a.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  }
  BOOST_TEST(wrong_errors.load() == 0);
  BOOST_TEST(journal->durable_txn() >= max_acked.load());
  journal.reset();
  fs.SetSyncDelay(std::chrono::milliseconds(0));
  auto reopened = Open(Durability::kGroupCommit);
  BOOST_TEST(reopened->last_txn() >= max_acked.load());
}

BOOST_AUTO_TEST_CASE(reads_never_exceed_the_window_and_record_bound_on_garbage) {
  {
    auto journal = Open(Durability::kImmediate);
    AppendSamples(*journal, 1, 3);
  }
  AppendToFile(SegmentPath(dir, 1), std::string(3 << 20, 'E'));
  auto journal = Open(Durability::kImmediate);
  BOOST_TEST(journal->recovery().last_txn == 3u);
  BOOST_TEST(fs.max_read_bytes() <= size_t{256} * 1024 + kMaxPayloadBytes + 64);
}

BOOST_AUTO_TEST_CASE(invalid_options_are_rejected) {
  JournalOptions options = TestOptions(Durability::kImmediate);
  options.max_segment_bytes = 100;
  BOOST_TEST(Journal::Open(fs, dir, options).status().IsInvalidArgument());
}

BOOST_AUTO_TEST_CASE(durability_names_round_trip) {
  for (Durability d : {Durability::kImmediate, Durability::kGroupCommit, Durability::kRelaxed}) {
    BOOST_TEST((ParseDurability(DurabilityName(d)) == d));
  }
  BOOST_TEST(!ParseDurability("sometimes").has_value());
}

BOOST_AUTO_TEST_CASE(hybrid_policy_uses_the_journal_for_big_or_multi_op_writes) {
  BOOST_TEST(!ShouldUseJournal(1024, 1));
  BOOST_TEST(!ShouldUseJournal(kJournalThresholdBytes - 1, 1));
  BOOST_TEST(ShouldUseJournal(kJournalThresholdBytes, 1));
  BOOST_TEST(ShouldUseJournal(100 * 1024, 1));
  BOOST_TEST(ShouldUseJournal(10, 2));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
