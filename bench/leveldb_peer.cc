// LevelDB as a peer: one database shared by every thread (LevelDB's DB is thread-safe), each
// commit one Put with WriteOptions::sync, which makes LevelDB fdatasync its log before the Put
// returns. Concurrent writers queue and the front one writes the queued batches as one log
// record with one sync: LevelDB's own group commit. Default options otherwise (4 MiB write
// buffer, Snappy compression of tables; the values are incompressible).
#include <leveldb/db.h>

#include "bench/peer_store.h"

namespace powercut::bench {
namespace {

class LevelDbStore final : public PeerStore {
 public:
  static Result<std::unique_ptr<PeerStore>> Open(const PeerOptions& options) {
    POWERCUT_RETURN_IF_ERROR(MakeStoreDir(options.dir));
    std::unique_ptr<LevelDbStore> store(new LevelDbStore(options));
    leveldb::Options open_options;
    open_options.create_if_missing = true;
    open_options.error_if_exists = true;
    leveldb::DB* db = nullptr;
    const leveldb::Status s = leveldb::DB::Open(open_options, options.dir, &db);
    if (!s.ok()) return PeerError("leveldb open: " + s.ToString());
    store->db_.reset(db);
    return std::unique_ptr<PeerStore>(std::move(store));
  }

  Status Commit(int thread) override {
    const std::array<char, 16> key = keys_.Next(thread);
    leveldb::WriteOptions write;
    write.sync = true;
    const leveldb::Status s =
        db_->Put(write, leveldb::Slice(key.data(), key.size()), leveldb::Slice(value_));
    return s.ok() ? Status::Ok() : PeerError("leveldb put: " + s.ToString());
  }

  Status Close() override {
    db_.reset();  // LevelDB closes in the destructor, waiting for background compaction
    return Status::Ok();
  }

 private:
  explicit LevelDbStore(const PeerOptions& options)
      : keys_(options.threads), value_(PeerValue(options.value_bytes)) {}

  PeerKeys keys_;
  const std::string value_;
  std::unique_ptr<leveldb::DB> db_;
};

}  // namespace

Peer LevelDbPeer() {
  return {"LevelDB",
          "LevelDB " + std::to_string(leveldb::kMajorVersion) + "." +
              std::to_string(leveldb::kMinorVersion) +
              ": one Put per transaction, WriteOptions::sync, default options",
          LevelDbStore::Open};
}

}  // namespace powercut::bench
