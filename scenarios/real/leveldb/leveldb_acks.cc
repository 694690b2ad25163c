// leveldb-acks: the LevelDB workload and checker of scenarios/real (README.md, "LevelDB").
//
//   leveldb-acks write DIR TXNS ROWS sync|nosync   commit TXNS write batches of ROWS Puts each,
//                                                 with WriteOptions::sync as given; `ack T`
//                                                 after batch T's Write returned
//   leveldb-acks check DIR OUTPUT TXNS ROWS        reopen DIR (recovering it) and judge it
//                                                 (acks.h); exit 0 consistent, 1 violation
//
// A batch is LevelDB's unit of atomicity (one log record), so it stands for a transaction.
// The info log (the LOG file) is replaced by one that discards: it is a diagnostic text file
// recovery never reads, and its unsynced appends would only multiply the crash states.
#include <leveldb/db.h>
#include <leveldb/env.h>
#include <leveldb/write_batch.h>

#include <cstdarg>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "scenarios/real/acks.h"

namespace powercut::real {
namespace {

class DiscardingLogger final : public leveldb::Logger {
 public:
  void Logv(const char* /*format*/, std::va_list /*args*/) override {}
};

int Usage() {
  (void)std::fprintf(stderr,
                     "usage: leveldb-acks write DIR TXNS ROWS sync|nosync\n"
                     "       leveldb-acks check DIR OUTPUT TXNS ROWS\n");
  return kCannotCheck;
}

std::unique_ptr<leveldb::DB> Open(const std::string& dir, leveldb::Logger* logger,
                                  leveldb::Status& status) {
  leveldb::Options options;
  options.create_if_missing = true;
  options.info_log = logger;
  leveldb::DB* db = nullptr;
  status = leveldb::DB::Open(options, dir, &db);
  return std::unique_ptr<leveldb::DB>(db);
}

int Write(const std::string& dir, int txns, int rows, bool sync) {
  DiscardingLogger logger;
  leveldb::Status status;
  const std::unique_ptr<leveldb::DB> db = Open(dir, &logger, status);
  if (!status.ok()) {
    (void)std::fprintf(stderr, "leveldb-acks: open %s: %s\n", dir.c_str(),
                       status.ToString().c_str());
    return 1;
  }
  leveldb::WriteOptions write_options;
  write_options.sync = sync;
  for (int txn = 1; txn <= txns; ++txn) {
    leveldb::WriteBatch batch;
    for (int row = 1; row <= rows; ++row) batch.Put(KeyOf(txn, row), ValueOf(txn, row));
    status = db->Write(write_options, &batch);
    if (!status.ok()) {
      (void)std::fprintf(stderr, "leveldb-acks: write txn %d: %s\n", txn,
                         status.ToString().c_str());
      return 1;
    }
    PrintAck(txn);
  }
  return 0;
}

int Check(const Command& command) {
  DiscardingLogger logger;
  leveldb::Status status;
  const std::unique_ptr<leveldb::DB> db = Open(command.dir, &logger, status);
  if (!status.ok()) {
    (void)std::printf("the database does not open: %s\n", status.ToString().c_str());
    return kViolation;
  }
  return Judge(command, [&db](const std::string& key) -> std::optional<std::string> {
    std::string value;
    const leveldb::Status s = db->Get(leveldb::ReadOptions(), key, &value);
    if (s.IsNotFound()) return std::nullopt;
    if (!s.ok()) throw std::runtime_error(key + ": " + s.ToString());
    return value;
  });
}

}  // namespace
}  // namespace powercut::real

int main(int argc, char** argv) {
  using namespace powercut::real;
  const std::optional<Command> command = ParseCommand(argc, argv);
  if (!command) return Usage();
  if (command->mode == "check") return Check(*command);
  if (command->variant != "sync" && command->variant != "nosync") return Usage();
  return Write(command->dir, command->txns, command->rows, command->variant == "sync");
}
