// SQLite as a peer: WAL mode with synchronous=FULL (the WAL is synced at every commit, as the
// journal's Immediate mode syncs every record), one INSERT of a (key, value) row per transaction
// (autocommit), into a table keyed by the 16-byte key. Default settings otherwise (page size,
// automatic checkpoints every 1000 pages, which sync the database file too).
//
// Connections: by default one, shared by every thread behind a mutex. SQLite commits one
// transaction at a time whatever the number of connections (the WAL has one writer lock) and
// never batches commits, so extra connections add no concurrency to a write-only load; what they
// add is waiting: a writer that finds the lock taken sleeps in the busy handler (1, 2, 5, 10 ms
// and up) while a commit takes a fraction of a millisecond. The shared connection is therefore
// SQLite's best case here, the strongest peer to compare against. One connection per thread
// (peers_bench --sqlite-per-thread) measures the other choice; docs/PERFORMANCE.md gives both.
#include <sqlite3.h>

#include <mutex>

#include "bench/peer_store.h"

namespace powercut::bench {
namespace {

constexpr int kBusyTimeoutMs = 30000;  // far beyond a run: a busy error means something broke

Status SqliteError(sqlite3* db, int rc, const std::string& what) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return PeerError("sqlite " + what + ": " + message + " (code " + std::to_string(rc) + ")");
}

// One connection and its prepared INSERT. Not thread-safe: the caller serializes.
class Connection {
 public:
  ~Connection() {
    sqlite3_finalize(insert_);
    sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Connection>> Open(const std::string& path) {
    std::unique_ptr<Connection> c(new Connection);
    const int rc =
        sqlite3_open_v2(path.c_str(), &c->db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) return SqliteError(c->db_, rc, "open " + path);
    sqlite3_busy_timeout(c->db_, kBusyTimeoutMs);
    // journal_mode is stored in the database; synchronous is per connection.
    POWERCUT_RETURN_IF_ERROR(
        c->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                "CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL);"));
    const int prepared = sqlite3_prepare_v2(c->db_, "INSERT INTO kv (k, v) VALUES (?1, ?2)", -1,
                                            &c->insert_, nullptr);
    if (prepared != SQLITE_OK) return SqliteError(c->db_, prepared, "prepare");
    return c;
  }

  Status Insert(const std::array<char, 16>& key, const std::string& value) {
    sqlite3_bind_blob(insert_, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    sqlite3_bind_blob(insert_, 2, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    return rc == SQLITE_DONE ? Status::Ok() : SqliteError(db_, rc, "insert");
  }

 private:
  Connection() = default;

  Status Exec(const char* sql) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : SqliteError(db_, rc, "exec");
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

class SqliteStore final : public PeerStore {
 public:
  static Result<std::unique_ptr<PeerStore>> Open(const PeerOptions& options) {
    POWERCUT_RETURN_IF_ERROR(MakeStoreDir(options.dir));
    const std::string path = options.dir + "/db.sqlite";
    std::unique_ptr<SqliteStore> store(new SqliteStore(options));
    const int connections = options.sqlite_connection_per_thread ? options.threads : 1;
    for (int i = 0; i < connections; ++i) {
      Result<std::unique_ptr<Connection>> c = Connection::Open(path);
      if (!c.ok()) return c.status();
      store->connections_.push_back(std::move(*c));
    }
    return std::unique_ptr<PeerStore>(std::move(store));
  }

  Status Commit(int thread) override {
    const std::array<char, 16> key = keys_.Next(thread);
    if (per_thread_) return connections_[static_cast<size_t>(thread)]->Insert(key, value_);
    const std::lock_guard lock(mutex_);
    return connections_.front()->Insert(key, value_);
  }

  Status Close() override {
    connections_.clear();  // the last close checkpoints the WAL into the database
    return Status::Ok();
  }

 private:
  explicit SqliteStore(const PeerOptions& options)
      : per_thread_(options.sqlite_connection_per_thread),
        keys_(options.threads),
        value_(PeerValue(options.value_bytes)) {}

  const bool per_thread_;
  PeerKeys keys_;
  const std::string value_;
  std::mutex mutex_;  // the shared connection's
  std::vector<std::unique_ptr<Connection>> connections_;
};

}  // namespace

Peer SqlitePeer() {
  return {"SQLite",
          std::string("SQLite ") + sqlite3_libversion() +
              ": WAL, synchronous=FULL, one INSERT per transaction",
          SqliteStore::Open};
}

}  // namespace powercut::bench
