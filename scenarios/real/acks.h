// What the LevelDB and LMDB programs of scenarios/real share: their command line, the
// transactions they commit and the judgement of a crash state (README.md). A workload commits
// transactions 1..N, each writing `rows` keys, and prints `ack T` once transaction T's commit
// returned. The checker, given a way to look keys up in the recovered store and the acks
// printed before the crash, says whether the store is consistent:
//   - atomicity: each transaction is all or nothing, every value whole (a torn value is a
//     violation), and the transactions present are a prefix 1..M;
//   - durability: every acknowledged transaction is among them.
// Header-only: each program is one source file plus this.
#ifndef POWERCUT_SCENARIOS_REAL_ACKS_H_
#define POWERCUT_SCENARIOS_REAL_ACKS_H_

#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace powercut::real {

// Exit codes of a checker (docs/cli.md, the checker protocol).
inline constexpr int kConsistent = 0;
inline constexpr int kViolation = 1;
inline constexpr int kCannotCheck = 125;

inline std::string KeyOf(int txn, int row) {
  return "txn" + std::to_string(txn) + "-row" + std::to_string(row);
}

// 200 bytes, different for every key, so a value from another key or a torn one is caught.
inline std::string ValueOf(int txn, int row) {
  std::string value = KeyOf(txn, row) + ":";
  while (value.size() < 200) value += static_cast<char>('a' + (txn * 7 + row + value.size()) % 26);
  return value;
}

// Prints the promise and flushes it: a line still in stdio's buffer is no promise
// (faultfs/RECORDING.md, "stdio").
inline void PrintAck(int txn) {
  (void)std::printf("ack %d\n", txn);
  (void)std::fflush(stdout);
}

// The transactions acknowledged in the checker's output file (lines `ack N`).
inline std::vector<int> ReadAcks(const std::string& output_file) {
  std::vector<int> acked;
  std::ifstream in(output_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("ack ", 0) == 0) acked.push_back(std::stoi(line.substr(4)));
  }
  return acked;
}

// A positive integer argument, or nullopt.
inline std::optional<int> ParseCount(const char* text) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(text, &used);
    if (used == std::string(text).size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// The command line of both programs (past their own modes, such as lmdb-acks init):
//   PROGRAM write DIR TXNS ROWS VARIANT      VARIANT: the program's durability setting
//   PROGRAM check DIR OUTPUT TXNS ROWS
struct Command {
  std::string mode;  // "write" or "check"
  std::string dir;
  std::string output;   // check: the file of acks printed before the crash
  std::string variant;  // write
  int txns = 0;
  int rows = 0;
};

// The command, or nullopt when argv is not one (the caller prints its usage).
inline std::optional<Command> ParseCommand(int argc, char** argv) {
  if (argc != 6) return std::nullopt;
  Command command{.mode = argv[1], .dir = argv[2]};
  std::optional<int> txns;
  std::optional<int> rows;
  if (command.mode == "write") {
    txns = ParseCount(argv[3]);
    rows = ParseCount(argv[4]);
    command.variant = argv[5];
  } else if (command.mode == "check") {
    command.output = argv[3];
    txns = ParseCount(argv[4]);
    rows = ParseCount(argv[5]);
  } else {
    return std::nullopt;
  }
  if (!txns || !rows) return std::nullopt;
  command.txns = *txns;
  command.rows = *rows;
  return command;
}

// The key's value in the recovered store, nullopt when absent; an error reading it is thrown as
// std::runtime_error with its message (the checker reports it as the violation).
using Lookup = std::function<std::optional<std::string>(const std::string& key)>;

// The reason the store violates atomicity or durability, or nullopt when it is consistent.
inline std::optional<std::string> JudgeTransactions(int txns, int rows,
                                                    const std::vector<int>& acked,
                                                    const Lookup& lookup) {
  int committed = 0;  // transactions 1..committed are present, whole
  for (int txn = 1; txn <= txns; ++txn) {
    int present = 0;
    for (int row = 1; row <= rows; ++row) {
      const std::optional<std::string> value = lookup(KeyOf(txn, row));
      if (!value) continue;
      if (*value != ValueOf(txn, row)) {
        return "torn value: " + KeyOf(txn, row) + " holds " + std::to_string(value->size()) +
               " bytes that are not what was written";
      }
      ++present;
    }
    if (present != 0 && present != rows) {
      return "half a transaction: txn " + std::to_string(txn) + " has " + std::to_string(present) +
             " of its " + std::to_string(rows) + " keys";
    }
    if (present == rows) {
      if (committed != txn - 1) {
        return "not a prefix: txn " + std::to_string(txn) + " is there but txn " +
               std::to_string(committed + 1) + " is not";
      }
      committed = txn;
    }
  }
  for (const int txn : acked) {
    if (txn > committed) {
      return "acknowledged txn " + std::to_string(txn) + " lost: the store holds txns 1.." +
             std::to_string(committed);
    }
  }
  return std::nullopt;
}

// The checker's verdict on the recovered store for `command` (a check): prints the reason of a
// violation as its one line, and returns the exit code.
inline int Judge(const Command& command, const Lookup& lookup) {
  try {
    const std::optional<std::string> reason =
        JudgeTransactions(command.txns, command.rows, ReadAcks(command.output), lookup);
    if (!reason) return kConsistent;
    (void)std::printf("%s\n", reason->c_str());
  } catch (const std::runtime_error& error) {
    (void)std::printf("reading the store failed: %s\n", error.what());
  }
  return kViolation;
}

}  // namespace powercut::real

#endif  // POWERCUT_SCENARIOS_REAL_ACKS_H_
