// RocksDB as a peer: one database shared by every thread, each commit one Put with
// WriteOptions::sync (the WAL is fdatasynced before the Put returns; the WAL is on, as by
// default). Concurrent writers join a write group whose leader writes and syncs the WAL once for
// all of them: RocksDB's own group commit. Default options otherwise (64 MiB write buffer,
// Snappy compression of tables; the values are incompressible).
#include <rocksdb/db.h>
#include <rocksdb/version.h>

#include "bench/peer_store.h"

namespace powercut::bench {
namespace {

class RocksDbStore final : public PeerStore {
 public:
  static Result<std::unique_ptr<PeerStore>> Open(const PeerOptions& options) {
    POWERCUT_RETURN_IF_ERROR(MakeStoreDir(options.dir));
    std::unique_ptr<RocksDbStore> store(new RocksDbStore(options));
    rocksdb::Options open_options;
    open_options.create_if_missing = true;
    open_options.error_if_exists = true;
    rocksdb::DB* db = nullptr;
    const rocksdb::Status s = rocksdb::DB::Open(open_options, options.dir, &db);
    if (!s.ok()) return PeerError("rocksdb open: " + s.ToString());
    store->db_.reset(db);
    return std::unique_ptr<PeerStore>(std::move(store));
  }

  Status Commit(int thread) override {
    const std::array<char, 16> key = keys_.Next(thread);
    rocksdb::WriteOptions write;
    write.sync = true;
    const rocksdb::Status s =
        db_->Put(write, rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value_));
    return s.ok() ? Status::Ok() : PeerError("rocksdb put: " + s.ToString());
  }

  Status Close() override {
    const rocksdb::Status s = db_->Close();
    db_.reset();
    return s.ok() ? Status::Ok() : PeerError("rocksdb close: " + s.ToString());
  }

 private:
  explicit RocksDbStore(const PeerOptions& options)
      : keys_(options.threads), value_(PeerValue(options.value_bytes)) {}

  PeerKeys keys_;
  const std::string value_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace

Peer RocksDbPeer() {
  return {"RocksDB",
          "RocksDB " + std::to_string(ROCKSDB_MAJOR) + "." + std::to_string(ROCKSDB_MINOR) + "." +
              std::to_string(ROCKSDB_PATCH) +
              ": one Put per transaction, WriteOptions::sync, WAL on, default options",
          RocksDbStore::Open};
}

}  // namespace powercut::bench
