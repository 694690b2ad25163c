// TableReader: reads one table of a TOML file key by key, strictly, and says exactly what is
// wrong: every error names the file, the line, the table and the key, the problem and the fix
//
//   rename.toml:14: [explore] max_deviation: unknown key (did you mean max_deviations?)
//   rename.toml:9: [workload] timeout_s: expected a number of seconds > 0, got a string ("10")
//
// Errors are collected in Diagnostics rather than returned one at a time, so a user fixes a file
// in one round. A key is "known" once a getter asked for it; RejectUnknown() reports the others.
#ifndef POWERCUT_HARNESS_TOML_READER_H_
#define POWERCUT_HARNESS_TOML_READER_H_

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace powercut::harness {

// The errors found in one file, kept in line order.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  // "FILE:LINE: [TABLE] KEY: PROBLEM (FIX)"; TABLE empty: the top level; KEY empty: the table
  // itself; FIX may be empty.
  void Add(int64_t line, std::string_view table, std::string_view key, std::string_view problem,
           std::string_view fix);
  bool empty() const { return errors_.empty(); }
  // Every error, one per line, in line order.
  std::string Text() const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<std::pair<int64_t, std::string>> errors_;
};

// The closest of `candidates` to `word` when it is close enough to be a typo (edit distance at
// most 2, and less than half of the word), else empty.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

class TableReader {
 public:
  // `name`: as errors show it ("explore", "workload.options"; "" for the top level).
  TableReader(const toml::table& table, std::string name, Diagnostics& diagnostics);

  std::optional<std::string> String(std::string_view key);
  // An integer in [low, high].
  std::optional<int64_t> Integer(std::string_view key, int64_t low, int64_t high);
  // An integer or a float, > 0 and <= high: seconds.
  std::optional<double> Seconds(std::string_view key, double high);
  std::optional<bool> Bool(std::string_view key);
  // An array of strings; `non_empty`: at least one element.
  std::optional<std::vector<std::string>> Strings(std::string_view key, bool non_empty);
  // A sub-table (`[name.key]` or `key = { ... }`); nullptr when absent or not a table (an error).
  const toml::table* Table(std::string_view key);
  // The node, of any type, for callers that check it themselves; marks the key known.
  const toml::node* Node(std::string_view key);
  bool Has(std::string_view key) const { return table_.contains(key); }

  // Reports every key no getter asked for, with the closest known key as a suggestion. Keys
  // named in `also_known` are not reported (read elsewhere).
  void RejectUnknown(const std::vector<std::string>& also_known = {});

  // Errors at `key`'s line (the table's when absent).
  void Error(std::string_view key, std::string_view problem, std::string_view fix = "");
  int64_t LineOf(std::string_view key) const;
  int64_t line() const;
  const std::string& name() const { return name_; }
  const toml::table& table() const { return table_; }
  Diagnostics& diagnostics() { return diagnostics_; }

 private:
  const toml::node* Lookup(std::string_view key);
  void WrongType(std::string_view key, const toml::node& node, std::string_view wanted);

  const toml::table& table_;
  std::string name_;
  Diagnostics& diagnostics_;
  std::set<std::string, std::less<>> asked_;
};

// "a string (\"10\")", "an integer (3)", "a table": what a node is, for messages.
std::string DescribeNode(const toml::node& node);

}  // namespace powercut::harness

#endif  // POWERCUT_HARNESS_TOML_READER_H_
