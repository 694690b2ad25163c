// The stores a user might pick instead of the reference journal, as peers_bench drives them.
//
// A PeerStore is one freshly made database in a directory of its own. Commit() makes one
// transaction of `value_bytes` (under a 16-byte key unique to the call) durable with the
// library's own per-commit sync before it returns, as the journal's Immediate and GroupCommit
// modes do: SQLite in WAL mode with synchronous=FULL, LevelDB and RocksDB with
// WriteOptions::sync. Each peer's file says how it is configured and why.
//
// A peer whose library was missing at configure time is not built; AvailablePeers() lists the
// ones that were, MissingPeers() the ones that were not (so a report can say so).
#ifndef POWERCUT_BENCH_PEER_STORE_H_
#define POWERCUT_BENCH_PEER_STORE_H_

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/run_threads.h"
#include "bench/stats.h"
#include "faultfs/fs/result.h"

namespace powercut::bench {

class PeerStore {
 public:
  virtual ~PeerStore() = default;
  // Safe to call from `threads` threads at once; `thread` in [0, threads) names the caller.
  virtual Status Commit(int thread) = 0;
  // Flushes what the library keeps in memory and releases the database. Not timed.
  virtual Status Close() = 0;
};

struct PeerOptions {
  std::string dir;  // must not exist yet; made by the store
  int threads = 1;
  size_t value_bytes = 64;
  // SQLite only: one connection per thread instead of one shared (sqlite_peer.cc says why the
  // shared one is the default).
  bool sqlite_connection_per_thread = false;
};

struct Peer {
  std::string name;      // "SQLite", "LevelDB", "RocksDB": also the measurement's name
  std::string settings;  // how it is configured, for the report
  std::function<Result<std::unique_ptr<PeerStore>>(const PeerOptions&)> open;
};

std::vector<Peer> AvailablePeers();
std::vector<std::string> MissingPeers();

// A library's failure as a Status: kIoError (EIO), with the library's own message in front.
Status PeerError(const std::string& message);
// Makes the store's directory, which must not exist yet.
Status MakeStoreDir(const std::string& dir);

// Each defined only when its library was found (sqlite_peer.cc, leveldb_peer.cc,
// rocksdb_peer.cc); call them through AvailablePeers().
Peer SqlitePeer();
Peer LevelDbPeer();
Peer RocksDbPeer();

// Opens a fresh store with `peer.open(options)`, runs options.threads committers over one
// window (syncs are the library's own and are not counted), and closes it.
Result<RunResult> RunPeer(const Peer& peer, const PeerOptions& options, const Timing& timing);

// Keys unique to each commit: thread and per-thread count, 8 bytes each, big-endian, so every
// thread appends in key order and no two commits write the same key. Next(t) may be called only
// by thread t; different threads may call it at once.
class PeerKeys {
 public:
  explicit PeerKeys(int threads) : counts_(static_cast<size_t>(threads), 0) {}
  std::array<char, 16> Next(int thread);

 private:
  std::vector<uint64_t> counts_;
};
// `bytes` bytes that do not compress (a fixed pseudo-random sequence), the value of every commit.
std::string PeerValue(size_t bytes);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_PEER_STORE_H_
