// I/O errors injected through the journal's libfiu points (io.h): a failed write or sync is
// sticky, reaches every waiter, and reopening recovers with no acknowledged transaction lost.
#include <fiu-control.h>
#include <fiu.h>
#include <stdlib.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <future>
#include <string_view>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/testing/temp_dir.h"
#include "journal/journal.h"
#include "journal/journal_test_util.h"
#include "journal/format.h"
#include "journal/segment_writer.h"
#include "journal/test_file_system.h"

namespace powercut::journal {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using powercut::testing::TempDir;

// libfiu passes the errno as the failinfo pointer.
void* Errno(int e) { return reinterpret_cast<void*>(static_cast<intptr_t>(e)); }  // NOLINT(performance-no-int-to-ptr)

struct FaultFixture {
  FaultFixture() { fiu_init(0); }
  ~FaultFixture() { DisableAll(); }
  static void DisableAll() {
    for (const char* name : {"powercut/journal/io/sync", "powercut/journal/io/write",
                             "powercut/journal/io/write/short", "powercut/journal/io/rename",
                             "powercut/journal/io/dirsync", "powercut/journal/io/unlink"}) {
      fiu_disable(name);
    }
  }
  TempDir tmp;
  PosixFileSystem fs;
  std::string dir = tmp.Join("wal");

  std::unique_ptr<Journal> Open(Durability durability, uint64_t max_segment_bytes = 64ull << 20) {
    return OpenJournal(fs, dir, durability, max_segment_bytes);
  }
};

BOOST_FIXTURE_TEST_SUITE(fault_injection, FaultFixture)

BOOST_AUTO_TEST_CASE(failed_sync_is_sticky_until_reopen) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 3);
  fiu_enable("powercut/journal/io/sync", 1, Errno(EIO), FIU_ONETIME);
  const Result<uint64_t> failed = journal->Append(SampleOps(4));
  BOOST_TEST(failed.status().IsIoError());
  BOOST_TEST(failed.status().error_number() == EIO);
  // The fault fired once; the journal must still refuse: a retried fsync proves nothing.
  BOOST_TEST(journal->Append(SampleOps(5)).status().error_number() == EIO);
  BOOST_TEST(journal->Checkpoint(3).error_number() == EIO);
  BOOST_TEST(journal->health().error_number() == EIO);
  BOOST_TEST(journal->durable_txn() == 3u);
  BOOST_TEST(journal->Close().error_number() == EIO);  // close surfaces it too
  journal.reset();
  auto reopened = Open(Durability::kImmediate);
  BOOST_TEST(reopened->health().ok());
  const std::vector<Transaction> txns = ReplayAll(*reopened);
  BOOST_TEST(txns.size() >= 3u);  // txn 4 was written, so it may or may not be there
  BOOST_TEST(HoldsSamples(txns, 1, txns.size()));
  BOOST_TEST(reopened->Append(SampleOps(txns.size() + 1)).ok());
}

BOOST_AUTO_TEST_CASE(failed_write_with_enospc_keeps_its_errno) {
  auto journal = Open(Durability::kGroupCommit);
  AppendSamples(*journal, 1, 2);
  fiu_enable("powercut/journal/io/write", 1, Errno(ENOSPC), FIU_ONETIME);
  const Result<uint64_t> failed = journal->Append(SampleOps(3));
  BOOST_TEST(failed.status().error_number() == ENOSPC);
  BOOST_TEST(failed.status().message().find("(injected)") != std::string::npos);
  BOOST_TEST(journal->Append(SampleOps(3)).status().error_number() == ENOSPC);
}

BOOST_AUTO_TEST_CASE(short_write_is_sticky_and_recovery_cuts_the_partial_record) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 5);
  fiu_enable("powercut/journal/io/write/short", 1, Errno(ENOSPC), FIU_ONETIME);
  BOOST_TEST(!journal->Append(SampleOps(6)).ok());
  BOOST_TEST(!journal->Append(SampleOps(6)).ok());
  journal.reset();
  auto reopened = Open(Durability::kImmediate);
  BOOST_TEST(reopened->recovery().truncated_bytes > 0u);
  BOOST_TEST(HoldsSamples(ReplayAll(*reopened), 1, 5));
  AppendSamples(*reopened, 6, 7);
}

BOOST_AUTO_TEST_CASE(every_waiter_of_a_failed_group_commit_gets_the_error) {
  PosixFileSystem posix;
  TestFileSystem slow(posix);
  slow.SetSyncDelay(std::chrono::milliseconds(3));
  auto opened = Journal::Open(slow, dir, TestOptions(Durability::kGroupCommit));
  BOOST_REQUIRE(opened.ok());
  Journal& journal = **opened;
  std::atomic<uint64_t> max_acked{0};
  std::atomic<int> failures{0};
  std::atomic<int> wrong_errno{0};  // Boost.Test assertions are not thread-safe: count, check later
  std::atomic<bool> start_failing{false};
  std::vector<std::future<void>> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.push_back(std::async(std::launch::async, [&, t] {
      for (uint64_t i = 0; i < 1000; ++i) {
        Result<uint64_t> id = journal.Append(SampleOps(static_cast<uint64_t>(t) * 1000 + i));
        if (!id.ok()) {
          if (id.status().error_number() != EIO) ++wrong_errno;
          ++failures;
          return;
        }
        uint64_t seen = max_acked.load();
        while (seen < *id && !max_acked.compare_exchange_weak(seen, *id)) {
        }
        if (*id > 50) start_failing = true;
      }
    }));
  }
  while (!start_failing) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  fiu_enable("powercut/journal/io/sync", 1, Errno(EIO), FIU_ONETIME);
  for (auto& thread : threads) {
    // Nobody may be left blocked: every thread returns promptly once the journal has failed.
    BOOST_REQUIRE(thread.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  }
  BOOST_TEST(failures.load() == 8);
  BOOST_TEST(wrong_errno.load() == 0);
  BOOST_TEST(journal.durable_txn() >= max_acked.load());
  const uint64_t acked = max_acked.load();
  opened->reset();
  auto reopened = Open(Durability::kGroupCommit);
  BOOST_TEST(reopened->last_txn() >= acked);  // nothing acknowledged was lost
}

BOOST_AUTO_TEST_CASE(failed_checkpoint_keeps_the_old_checkpoint_and_is_sticky) {
  auto journal = Open(Durability::kImmediate);
  AppendSamples(*journal, 1, 10);
  BOOST_REQUIRE(journal->Checkpoint(3).ok());
  fiu_enable("powercut/journal/io/rename", 1, Errno(EIO), FIU_ONETIME);
  BOOST_TEST(journal->Checkpoint(8).error_number() == EIO);
  BOOST_TEST(journal->checkpoint_txn() == 3u);  // the MANIFEST never moved
  BOOST_TEST(journal->health().error_number() == EIO);
  BOOST_TEST(journal->Append(SampleOps(11)).status().error_number() == EIO);
  BOOST_TEST(journal->Checkpoint(8).error_number() == EIO);
  BOOST_TEST(journal->Close().error_number() == EIO);
  journal.reset();
  auto reopened = Open(Durability::kImmediate);
  BOOST_TEST(reopened->checkpoint_txn() == 3u);
  BOOST_TEST(HoldsSamples(ReplayAll(*reopened), 4, 10));
}

BOOST_AUTO_TEST_CASE(appender_queued_behind_a_failing_checkpoint_is_not_acknowledged) {
  PosixFileSystem posix;
  TestFileSystem slow(posix);
  auto opened = Journal::Open(slow, dir, TestOptions(Durability::kRelaxed));
  BOOST_REQUIRE(opened.ok());
  Journal& journal = **opened;
  AppendSamples(journal, 1, 5);
  slow.SetSyncDelay(std::chrono::milliseconds(300));  // the checkpoint holds the I/O lock a while
  fiu_enable("powercut/journal/io/rename", 1, Errno(EIO), FIU_ONETIME);
  auto checkpoint = std::async(std::launch::async, [&] { return journal.Checkpoint(4); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const Result<uint64_t> id = journal.Append(SampleOps(6));  // leads, waits for the I/O lock
  BOOST_TEST(checkpoint.get().error_number() == EIO);
  BOOST_TEST(!id.ok(), "txn " << (id.ok() ? *id : 0) << " acknowledged after the journal failed");
}

BOOST_AUTO_TEST_CASE(failed_data_sync_leaves_the_data_marked_unsynced) {
  BOOST_REQUIRE(fs.CreateDir(dir).ok());
  SegmentWriter writer(fs, dir, 1, [] { return uint64_t{42}; });
  BOOST_REQUIRE(writer.StartSegment(1, 1).ok());
  Bytes record(kRecordPrefixBytes);
  BOOST_REQUIRE(EncodeOps({Barrier{}}, record).ok());
  SealRecord(record, writer.salt(), 1, 0, 0, Crc32(0, ByteView(record).subspan(kRecordPrefixBytes)));
  BOOST_REQUIRE(writer.Append(record, 1).ok());
  fiu_enable("powercut/journal/io/sync", 1, Errno(EIO), FIU_ONETIME);
  BOOST_TEST(!writer.DataSync().ok());
  BOOST_TEST(writer.has_unsynced());  // a later sync must not be skipped
}

BOOST_AUTO_TEST_CASE(failed_sync_at_close_is_sticky_and_repeated) {
  auto journal = Open(Durability::kRelaxed);
  AppendSamples(*journal, 1, 3);
  fiu_enable("powercut/journal/io/sync", 1, Errno(EIO), FIU_ONETIME);
  BOOST_TEST(journal->Close().error_number() == EIO);
  BOOST_TEST(journal->health().error_number() == EIO);
  BOOST_TEST(journal->Close().error_number() == EIO);
  BOOST_TEST(journal->durable_txn() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_close_of_the_segment_file_is_reported) {
  PosixFileSystem posix;
  TestFileSystem failing(posix);
  auto journal = Journal::Open(failing, dir, TestOptions(Durability::kImmediate));
  BOOST_REQUIRE(journal.ok());
  AppendSamples(**journal, 1, 2);
  failing.SetFailCloses(true);
  BOOST_TEST((*journal)->Close().error_number() == EIO);
}

BOOST_AUTO_TEST_CASE(close_of_a_failed_journal_releases_its_files) {
  auto open_fds = [] {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
    return n;
  };
  const size_t before = open_fds();
  auto journal = Open(Durability::kImmediate);
  fiu_enable("powercut/journal/io/sync", 1, Errno(EIO), FIU_ONETIME);
  BOOST_TEST(!journal->Append(SampleOps(1)).ok());
  BOOST_TEST(!journal->Close().ok());
  BOOST_TEST(open_fds() == before);
}

// SQLite-style error injection (its test_syscall/malloc sweeps): fail the 1st, 2nd, ... Nth
// I/O call of a workload, once or persistently from then on, with EIO, ENOSPC or a short write,
// until a run completes without reaching the fault. After every run the journal is reopened
// without faults: it must open, hold every acknowledged transaction with its content, and
// accept more. Each sweep prints one "fault-sweep:" line with its count (scripts/reliability.sh
// collects them for docs/RELIABILITY.md).
enum class FaultKind : uint8_t { kEio, kEnospc, kShortWrite };
enum class Persistence : uint8_t { kOnce, kPersistent };

std::string_view FaultName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kEio:
      return "EIO";
    case FaultKind::kEnospc:
      return "ENOSPC";
    case FaultKind::kShortWrite:
      return "short-write";
  }
  return "?";
}

// The libfiu decision for the points a fault applies to: counts their calls and fires at the
// n-th. libfiu passes a callback the name it was enabled under (the wildcard, not the point), so
// a short write gets its own exact entry, which wins over the wildcard: see Arm().
struct NthCall {
  static inline std::atomic<int> calls{0};
  static inline int fail_at = 0;
  static inline bool persistent = false;
  static inline int error_number = EIO;
  static int Decide(const char* name, int* failnum, void** failinfo, unsigned* flags) {
    (void)name;
    (void)failnum;
    (void)flags;
    const int n = ++calls;
    if (n == fail_at || (persistent && n > fail_at)) {
      *failinfo = Errno(error_number);
      return 1;
    }
    return 0;
  }
  static int Never(const char*, int*, void**, unsigned*) { return 0; }

  static constexpr const char* kEveryPoint = "powercut/journal/io/*";
  static constexpr const char* kShortWrite = "powercut/journal/io/write/short";
  // An errno fault counts every I/O call (open, read, write, sync, truncate, rename, unlink,
  // directory sync) and never shortens a write; a short write counts only writes.
  static void Arm(FaultKind kind, int n, bool persistent_fault) {
    calls = 0;
    fail_at = n;
    persistent = persistent_fault;
    error_number = kind == FaultKind::kEio ? EIO : ENOSPC;
    if (kind == FaultKind::kShortWrite) {
      fiu_enable_external(kShortWrite, 1, nullptr, 0, Decide);
    } else {
      fiu_enable_external(kEveryPoint, 1, nullptr, 0, Decide);
      fiu_enable_external(kShortWrite, 1, nullptr, 0, Never);
    }
  }
  static void Disarm() {
    fiu_disable(kEveryPoint);
    fiu_disable(kShortWrite);
  }
};

struct WorkloadResult {
  uint64_t acked = 0;  // the highest id an Append returned
  bool hit_error = false;
};

// One workload run in two sessions, so that faults also hit recovery: the first creates the
// journal and appends 4 transactions; the second reopens it, appends 10 with a checkpoint in
// between. Segments of the minimum size make the journal rotate every few transactions.
WorkloadResult RunWorkload(FileSystem& fs, const std::string& dir, Durability durability) {
  WorkloadResult result;
  JournalOptions options = TestOptions(durability);
  options.max_segment_bytes = kMinSegmentBytes;
  for (const int appends : {4, 10}) {
    auto journal = Journal::Open(fs, dir, options);
    if (!journal.ok()) return {result.acked, true};
    uint64_t next = (*journal)->last_txn() + 1;
    for (int i = 0; i < appends; ++i, ++next) {
      const Result<uint64_t> id = (*journal)->Append(SampleOps(next));
      if (!id.ok()) return {result.acked, true};
      result.acked = *id;
      if (i == 5 && !(*journal)->Checkpoint(*id - 3).ok()) return {result.acked, true};
    }
    if (!(*journal)->Close().ok()) return {result.acked, true};
  }
  return result;
}

// Reopens `dir` without faults and checks that nothing acknowledged was lost; returns the
// number of acknowledged transactions lost (0, or 1 for "any").
int CheckRecovered(FileSystem& fs, const std::string& dir, Durability durability,
                   uint64_t acked, const std::string& context) {
  auto journal = Journal::Open(fs, dir, TestOptions(durability));
  BOOST_REQUIRE_MESSAGE(journal.ok(), context << ": " << journal.status().ToString());
  const uint64_t checkpoint = (*journal)->checkpoint_txn();
  const std::vector<Transaction> txns = ReplayAll(**journal);
  const uint64_t last = txns.empty() ? checkpoint : txns.back().txn_id;
  BOOST_TEST(last >= acked, context << ": acknowledged txn " << acked << " lost");
  BOOST_TEST(HoldsSamples(txns, checkpoint + 1, last), context);
  const Result<uint64_t> more = (*journal)->Append(SampleOps(last + 1));
  BOOST_TEST((more.ok() && *more == last + 1), context << ": no append after recovery");
  BOOST_TEST((*journal)->Close().ok(), context);
  return last >= acked ? 0 : 1;
}

// A scratch directory on tmpfs (/dev/shm) when there is one: a sweep makes thousands of
// fsyncs, which cost nothing there and change nothing the journal sees.
class SweepDir {
 public:
  explicit SweepDir(const std::string& fallback_parent) {
    std::error_code error;
    const bool shm = std::filesystem::is_directory("/dev/shm", error);
    std::string pattern = (shm ? std::string("/dev/shm") : fallback_parent) + "/sweep-XXXXXX";
    BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~SweepDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  SweepDir(const SweepDir&) = delete;
  SweepDir& operator=(const SweepDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void SweepNthCall(const std::string& parent, FaultKind kind, Persistence persistence) {
  const SweepDir scratch(parent);
  const std::string& root = scratch.path();
  PosixFileSystem fs;
  for (const Durability durability :
       {Durability::kImmediate, Durability::kGroupCommit, Durability::kRelaxed}) {
    int n = 1;
    int lost = 0;
    for (;; ++n) {
      const std::string context = std::string(FaultName(kind)) + " at call " + std::to_string(n) +
                                  (persistence == Persistence::kPersistent ? " and after" : "") +
                                  ", " + std::string(DurabilityName(durability));
      const std::string dir = root + "/sweep-" + std::string(DurabilityName(durability)) + "-" +
                              std::to_string(n);
      NthCall::Arm(kind, n, persistence == Persistence::kPersistent);
      const WorkloadResult run = RunWorkload(fs, dir, durability);
      NthCall::Disarm();
      if (std::filesystem::exists(dir)) {
        lost += CheckRecovered(fs, dir, durability, run.acked, context);
        std::filesystem::remove_all(dir);
      }
      if (!run.hit_error) break;
    }
    // One line per sweep for scripts/reliability.sh; the last run is the one the fault missed.
    std::printf("fault-sweep: fault=%s persistence=%s durability=%s runs=%d lost=%d\n",
                std::string(FaultName(kind)).c_str(),
                persistence == Persistence::kPersistent ? "persistent" : "once",
                std::string(DurabilityName(durability)).c_str(), n, lost);
    BOOST_TEST(n > (kind == FaultKind::kShortWrite ? 5 : 30),
               "the workload should make more calls than " << n);
  }
}

BOOST_AUTO_TEST_CASE(failing_the_nth_io_call_once_with_eio_never_loses_an_acknowledged_txn) {
  SweepNthCall(tmp.path(), FaultKind::kEio, Persistence::kOnce);
}

BOOST_AUTO_TEST_CASE(failing_every_io_call_from_the_nth_with_eio_never_loses_an_acknowledged_txn) {
  SweepNthCall(tmp.path(), FaultKind::kEio, Persistence::kPersistent);
}

BOOST_AUTO_TEST_CASE(failing_the_nth_io_call_once_with_enospc_never_loses_an_acknowledged_txn) {
  SweepNthCall(tmp.path(), FaultKind::kEnospc, Persistence::kOnce);
}

BOOST_AUTO_TEST_CASE(failing_every_io_call_from_the_nth_with_enospc_never_loses_an_acknowledged_txn) {
  SweepNthCall(tmp.path(), FaultKind::kEnospc, Persistence::kPersistent);
}

BOOST_AUTO_TEST_CASE(a_short_nth_write_once_never_loses_an_acknowledged_txn) {
  SweepNthCall(tmp.path(), FaultKind::kShortWrite, Persistence::kOnce);
}

BOOST_AUTO_TEST_CASE(short_writes_from_the_nth_on_never_lose_an_acknowledged_txn) {
  SweepNthCall(tmp.path(), FaultKind::kShortWrite, Persistence::kPersistent);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
