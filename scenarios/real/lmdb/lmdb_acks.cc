// lmdb-acks: the LMDB workload and checker of scenarios/real (README.md, "LMDB").
//
//   lmdb-acks init DIR                             create the environment (a setup step)
//   lmdb-acks write DIR TXNS ROWS FLAGS            commit TXNS transactions of ROWS puts each;
//                                                 `ack T` after transaction T's mdb_txn_commit
//                                                 returned. FLAGS: default, nosync (MDB_NOSYNC)
//                                                 or nometasync (MDB_NOMETASYNC)
//   lmdb-acks check DIR OUTPUT TXNS ROWS           open DIR and judge it (acks.h); exit 0
//                                                 consistent, 1 violation
//
// Never MDB_WRITEMAP: LMDB then writes with pwrite and maps the data file read-only, so the
// recorder sees every write (a writable shared mapping is not recorded: faultfs/RECORDING.md).
// The lock file lock.mdb is mapped writable; it holds the reader table, which recovery rebuilds,
// never data.
#include <lmdb.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "scenarios/real/acks.h"

namespace powercut::real {
namespace {

constexpr std::size_t kMapBytes = 1 << 20;

int Usage() {
  (void)std::fprintf(stderr,
                     "usage: lmdb-acks init DIR\n"
                     "       lmdb-acks write DIR TXNS ROWS default|nosync|nometasync\n"
                     "       lmdb-acks check DIR OUTPUT TXNS ROWS\n");
  return kCannotCheck;
}

std::string Describe(const char* what, int rc) {
  return std::string(what) + ": " + mdb_strerror(rc);
}

// An open environment; the constructor throws std::runtime_error with LMDB's reason.
class Environment {
 public:
  Environment(const std::string& dir, unsigned flags) {
    if (const int rc = mdb_env_create(&env_); rc != 0)
      throw std::runtime_error(Describe("mdb_env_create", rc));
    int rc = mdb_env_set_mapsize(env_, kMapBytes);
    if (rc == 0) rc = mdb_env_open(env_, dir.c_str(), flags, 0644);
    if (rc != 0) {
      mdb_env_close(env_);
      throw std::runtime_error(Describe("mdb_env_open", rc));
    }
  }
  ~Environment() { mdb_env_close(env_); }
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
  MDB_env* get() const { return env_; }

 private:
  MDB_env* env_ = nullptr;
};

MDB_val Val(const std::string& bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

// Commits one transaction of `rows` puts; LMDB's reason on failure.
std::optional<std::string> Commit(MDB_env* env, int txn_number, int rows) {
  MDB_txn* txn = nullptr;
  if (const int rc = mdb_txn_begin(env, nullptr, 0, &txn); rc != 0)
    return Describe("mdb_txn_begin", rc);
  MDB_dbi dbi = 0;
  int rc = mdb_dbi_open(txn, nullptr, 0, &dbi);
  for (int row = 1; rc == 0 && row <= rows; ++row) {
    const std::string key = KeyOf(txn_number, row);
    const std::string value = ValueOf(txn_number, row);
    MDB_val k = Val(key);
    MDB_val v = Val(value);
    rc = mdb_put(txn, dbi, &k, &v, 0);
  }
  if (rc != 0) {
    mdb_txn_abort(txn);
    return Describe("mdb_put", rc);
  }
  if (rc = mdb_txn_commit(txn); rc != 0) return Describe("mdb_txn_commit", rc);
  return std::nullopt;
}

int Write(const std::string& dir, int txns, int rows, unsigned flags) {
  const Environment env(dir, flags);
  for (int txn = 1; txn <= txns; ++txn) {
    if (const auto error = Commit(env.get(), txn, rows)) {
      (void)std::fprintf(stderr, "lmdb-acks: txn %d: %s\n", txn, error->c_str());
      return 1;
    }
    PrintAck(txn);
  }
  return 0;
}

int Check(const Command& command) {
  try {
    const Environment env(command.dir, 0);
    MDB_txn* txn = nullptr;
    if (const int rc = mdb_txn_begin(env.get(), nullptr, MDB_RDONLY, &txn); rc != 0) {
      throw std::runtime_error(Describe("mdb_txn_begin", rc));
    }
    MDB_dbi dbi = 0;
    if (const int rc = mdb_dbi_open(txn, nullptr, 0, &dbi); rc != 0) {
      mdb_txn_abort(txn);
      throw std::runtime_error(Describe("mdb_dbi_open", rc));
    }
    // Judge reports a failed lookup itself, so the transaction is always ended here.
    const int verdict = Judge(command, [txn, dbi](const std::string& key) {
      MDB_val k = Val(key);
      MDB_val v{};
      const int rc = mdb_get(txn, dbi, &k, &v);
      if (rc == MDB_NOTFOUND) return std::optional<std::string>();
      if (rc != 0) throw std::runtime_error(Describe(("mdb_get " + key).c_str(), rc));
      return std::optional<std::string>(std::in_place, static_cast<const char*>(v.mv_data),
                                        v.mv_size);
    });
    mdb_txn_abort(txn);
    return verdict;
  } catch (const std::runtime_error& error) {
    (void)std::printf("the environment does not open or read: %s\n", error.what());
    return kViolation;
  }
}

}  // namespace
}  // namespace powercut::real

int main(int argc, char** argv) {
  using namespace powercut::real;
  try {
    if (argc == 3 && std::string(argv[1]) == "init") {
      const Environment env(argv[2], 0);
      return 0;
    }
    const std::optional<Command> command = ParseCommand(argc, argv);
    if (!command) return Usage();
    if (command->mode == "check") return Check(*command);
    if (command->variant == "default") return Write(command->dir, command->txns, command->rows, 0);
    if (command->variant == "nosync") {
      return Write(command->dir, command->txns, command->rows, MDB_NOSYNC);
    }
    if (command->variant == "nometasync") {
      return Write(command->dir, command->txns, command->rows, MDB_NOMETASYNC);
    }
    return Usage();
  } catch (const std::runtime_error& error) {
    (void)std::fprintf(stderr, "lmdb-acks: %s\n", error.what());
    return 1;
  }
}
