#include "bench/peer_store.h"

#include <cerrno>
#include <filesystem>
#include <random>

namespace powercut::bench {

std::vector<Peer> AvailablePeers() {
  std::vector<Peer> peers;
#ifdef POWERCUT_BENCH_WITH_SQLITE
  peers.push_back(SqlitePeer());
#endif
#ifdef POWERCUT_BENCH_WITH_LEVELDB
  peers.push_back(LevelDbPeer());
#endif
#ifdef POWERCUT_BENCH_WITH_ROCKSDB
  peers.push_back(RocksDbPeer());
#endif
  return peers;
}

std::vector<std::string> MissingPeers() {
  std::vector<std::string> missing;
#ifndef POWERCUT_BENCH_WITH_SQLITE
  missing.emplace_back("SQLite (libsqlite3-dev)");
#endif
#ifndef POWERCUT_BENCH_WITH_LEVELDB
  missing.emplace_back("LevelDB (libleveldb-dev)");
#endif
#ifndef POWERCUT_BENCH_WITH_ROCKSDB
  missing.emplace_back("RocksDB (librocksdb-dev)");
#endif
  return missing;
}

Result<RunResult> RunPeer(const Peer& peer, const PeerOptions& options, const Timing& timing) {
  Result<std::unique_ptr<PeerStore>> opened = peer.open(options);
  if (!opened.ok()) return opened.status();
  PeerStore& store = **opened;
  const auto commit = [&](int thread) { return store.Commit(thread); };
  Result<RunResult> run = RunThreads(options.threads, commit, 1, NoSyncCounters, timing);
  const Status closed = store.Close();
  if (run.ok() && !closed.ok()) return closed;
  return run;
}

Status PeerError(const std::string& message) { return Status::IoError(message, EIO); }

Status MakeStoreDir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::create_directory(dir, ec) || ec) {
    return Status::IoError("create " + dir, ec ? ec.value() : EEXIST);
  }
  return Status::Ok();
}

std::array<char, 16> PeerKeys::Next(int thread) {
  const uint64_t count = counts_[static_cast<size_t>(thread)]++;
  std::array<char, 16> key{};
  for (size_t i = 0; i < 8; ++i) {
    const size_t shift = 56 - 8 * i;
    key[i] = static_cast<char>(static_cast<uint64_t>(thread) >> shift);
    key[8 + i] = static_cast<char>(count >> shift);
  }
  return key;
}

std::string PeerValue(size_t bytes) {
  std::mt19937_64 random(0x706f776572637574);  // fixed: every run writes the same bytes
  std::string value(bytes, '\0');
  for (char& c : value) c = static_cast<char>(random());
  return value;
}

}  // namespace powercut::bench
