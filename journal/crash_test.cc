// A process killed at any step of open/recovery, append, rotation or checkpoint leaves a
// directory that the next open recovers to a prefix holding every acknowledged transaction,
// with ids continuing after it. TestFileSystem::FailFrom(k) kills the "process" at its k-th
// mutating call; k sweeps every step until the operation completes untouched.
//
// This is process death (what was written stays written). Power-loss states (unsynced writes
// dropped, torn, reordered) are explored by the faultfs crash-state generator.
#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"
#include "journal/journal.h"
#include "journal/journal_test_util.h"
#include "journal/test_file_system.h"

namespace powercut::journal {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using powercut::testing::TempDir;

struct CrashFixture {
  TempDir tmp;
  PosixFileSystem posix;
  std::string base = tmp.Join("base");
  std::string work = tmp.Join("work");

  void CopyBaseToWork() {
    std::filesystem::remove_all(work);
    std::filesystem::copy(base, work, std::filesystem::copy_options::recursive);
  }
  JournalOptions Options(Durability durability, uint64_t max_segment_bytes = 4096) const {
    JournalOptions options = TestOptions(durability);
    options.max_segment_bytes = max_segment_bytes;
    return options;
  }
};

BOOST_FIXTURE_TEST_SUITE(crash, CrashFixture)

BOOST_AUTO_TEST_CASE(crash_at_any_step_of_recovery_recovers_the_same) {
  constexpr uint64_t kTxns = 100;
  {
    auto journal = Journal::Open(posix, base, Options(Durability::kImmediate));
    BOOST_REQUIRE(journal.ok());
    AppendSamples(**journal, 1, kTxns);
  }
  // Leave recovery real work: a torn tail to cut and leftovers to delete.
  uint64_t last_seq = 1;
  while (std::filesystem::exists(SegmentPath(base, last_seq + 1))) ++last_seq;
  BOOST_REQUIRE(last_seq > 1);
  const std::string last = SegmentPath(base, last_seq);
  AppendToFile(last, std::string(50, 'x'));
  AppendToFile(JoinPath(base, "MANIFEST.tmp"), "partial");

  for (uint64_t k = 0;; ++k) {
    CopyBaseToWork();
    TestFileSystem dying(posix);
    dying.FailFrom(k);
    const bool completed = Journal::Open(dying, work, Options(Durability::kImmediate)).ok();
    // Recovery crashed at step k (or finished); the next open must find the same log.
    for (int again = 0; again < 2; ++again) {
      auto journal = Journal::Open(posix, work, Options(Durability::kImmediate));
      BOOST_REQUIRE_MESSAGE(journal.ok(), "step " << k << ": " << journal.status().ToString());
      BOOST_TEST(HoldsSamples(ReplayAll(**journal), 1, kTxns), "step " << k);
      BOOST_TEST((*journal)->last_txn() == kTxns);
    }
    if (completed) {
      BOOST_TEST_MESSAGE("recovery has " << k << " mutating steps");
      BOOST_TEST(k > 3u);
      break;
    }
  }
}

BOOST_AUTO_TEST_CASE(crash_at_any_step_of_appends_keeps_every_acknowledged_txn) {
  for (Durability durability : {Durability::kImmediate, Durability::kGroupCommit, Durability::kRelaxed}) {
    for (uint64_t k = 0;; ++k) {
      std::filesystem::remove_all(work);
      TestFileSystem dying(posix);
      dying.FailFrom(k);
      uint64_t acked = 0;
      {
        auto journal = Journal::Open(dying, work, Options(durability));
        if (journal.ok()) {
          for (uint64_t n = 1; n <= 20; ++n) {
            if (!(*journal)->Append(SampleOps(n)).ok()) break;
            acked = n;
          }
        }
      }
      if (!std::filesystem::exists(work)) {
        BOOST_REQUIRE_MESSAGE(k < 3, "the journal directory was never created");
        continue;  // died before mkdir
      }
      auto journal = Journal::Open(posix, work, Options(durability));
      BOOST_REQUIRE_MESSAGE(journal.ok(), DurabilityName(durability) << " step " << k << ": "
                                                                     << journal.status().ToString());
      const uint64_t recovered = (*journal)->last_txn();
      BOOST_TEST(recovered >= acked, DurabilityName(durability) << " step " << k);
      BOOST_TEST(HoldsSamples(ReplayAll(**journal), 1, recovered));
      BOOST_REQUIRE((*journal)->Append(SampleOps(recovered + 1)).ok());
      BOOST_TEST((*journal)->last_txn() == recovered + 1);
      if (acked == 20) break;
    }
  }
}

BOOST_AUTO_TEST_CASE(crash_at_any_step_of_checkpoint_loses_nothing) {
  {
    auto journal = Journal::Open(posix, base, Options(Durability::kGroupCommit));
    BOOST_REQUIRE(journal.ok());
    AppendSamples(**journal, 1, 60);
  }
  // 45 lies inside a segment; 60 covers everything, including the active segment.
  for (const uint64_t applied : {uint64_t{45}, uint64_t{60}}) {
    for (uint64_t k = 0;; ++k) {
      CopyBaseToWork();
      TestFileSystem dying(posix);
      bool completed = false;
      {
        auto journal = Journal::Open(dying, work, Options(Durability::kGroupCommit));
        BOOST_REQUIRE(journal.ok());
        dying.ClearLog();
        dying.FailFrom(dying.mutating_calls() + k);
        completed = (*journal)->Checkpoint(applied).ok();
        BOOST_TEST(dying.Count("truncate") == 0u, "never in place; step " << k);
      }
      auto journal = Journal::Open(posix, work, Options(Durability::kGroupCommit));
      BOOST_REQUIRE_MESSAGE(journal.ok(), "step " << k << ": " << journal.status().ToString());
      const uint64_t checkpoint = (*journal)->checkpoint_txn();
      BOOST_TEST((checkpoint == 0u || checkpoint == applied), "step " << k);
      BOOST_TEST(HoldsSamples(ReplayAll(**journal), checkpoint + 1, 60), "step " << k);
      BOOST_REQUIRE((*journal)->Append(SampleOps(61)).ok());
      BOOST_TEST((*journal)->last_txn() == 61u);
      if (completed) {
        BOOST_TEST(checkpoint == applied);
        break;
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(crash_at_any_step_of_creation_leaves_a_journal_that_opens) {
  for (uint64_t k = 0;; ++k) {
    std::filesystem::remove_all(work);
    TestFileSystem dying(posix);
    dying.FailFrom(k);
    const bool completed = Journal::Open(dying, work, Options(Durability::kImmediate)).ok();
    if (std::filesystem::exists(work)) {
      auto journal = Journal::Open(posix, work, Options(Durability::kImmediate));
      BOOST_REQUIRE_MESSAGE(journal.ok(), "step " << k << ": " << journal.status().ToString());
      AppendSamples(**journal, 1, 2);
    }
    if (completed) break;
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
