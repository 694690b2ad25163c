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
  std::fprintf(stderr,
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
      std::fprintf(stderr, "lmdb-acks: txn %d: %s\n", txn, error->c_str());
      return 1;
    }
    PrintAck(txn);
  }
  return 0;
}

int Check(const std::string& dir, const std::string& output, int txns, int rows) {
  try {
    const Environment env(dir, 0);
    MDB_txn* txn = nullptr;
    if (const int rc = mdb_txn_begin(env.get(), nullptr, MDB_RDONLY, &txn); rc != 0) {
      throw std::runtime_error(Describe("mdb_txn_begin", rc));
    }
    MDB_dbi dbi = 0;
    if (const int rc = mdb_dbi_open(txn, nullptr, 0, &dbi); rc != 0) {
      mdb_txn_abort(txn);
      throw std::runtime_error(Describe("mdb_dbi_open", rc));
    }
    const Lookup lookup = [txn, dbi](const std::string& key) -> std::optional<std::string> {
      MDB_val k = Val(key);
      MDB_val v{};
      const int rc = mdb_get(txn, dbi, &k, &v);
      if (rc == MDB_NOTFOUND) return std::nullopt;
      if (rc != 0) throw std::runtime_error(Describe(("mdb_get " + key).c_str(), rc));
      return std::string(static_cast<const char*>(v.mv_data), v.mv_size);
    };
    std::optional<std::string> reason;
    try {
      reason = JudgeTransactions(txns, rows, ReadAcks(output), lookup);
    } catch (...) {
      mdb_txn_abort(txn);
      throw;
    }
    mdb_txn_abort(txn);
    if (reason) {
      std::printf("%s\n", reason->c_str());
      return kViolation;
    }
    return kConsistent;
  } catch (const std::runtime_error& error) {
    std::printf("the environment does not open or read: %s\n", error.what());
    return kViolation;
  }
}

}  // namespace
}  // namespace powercut::real

int main(int argc, char** argv) {
  using namespace powercut::real;
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "init" && argc == 3) {
      const Environment env(argv[2], 0);
      return 0;
    }
    if (mode == "write" && argc == 6) {
      const auto txns = ParseCount(argv[3]);
      const auto rows = ParseCount(argv[4]);
      const std::string flags = argv[5];
      if (!txns || !rows) return Usage();
      if (flags == "default") return Write(argv[2], *txns, *rows, 0);
      if (flags == "nosync") return Write(argv[2], *txns, *rows, MDB_NOSYNC);
      if (flags == "nometasync") return Write(argv[2], *txns, *rows, MDB_NOMETASYNC);
      return Usage();
    }
  } catch (const std::runtime_error& error) {
    std::fprintf(stderr, "lmdb-acks: %s\n", error.what());
    return 1;
  }
  if (mode == "check" && argc == 6) {
    const auto txns = ParseCount(argv[4]);
    const auto rows = ParseCount(argv[5]);
    if (!txns || !rows) return Usage();
    return Check(argv[2], argv[3], *txns, *rows);
  }
  return Usage();
}
