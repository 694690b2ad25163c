#include "harness/toml_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "harness/printable.h"

namespace powercut::harness {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// neighbours each cost 1 (so "naem" is one step from "name").
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string Quoted(std::string_view text) {
  std::ostringstream out;
  out << '"';
  for (const char c : text.substr(0, 60)) {
    if (c == '"' || c == '\\') out << '\\';
    out << (c == '\n' ? ' ' : c);
  }
  if (text.size() > 60) out << "...";
  out << '"';
  return out.str();
}

}  // namespace

void Diagnostics::Add(int64_t line, std::string_view table, std::string_view key,
                      std::string_view problem, std::string_view fix) {
  std::string text = file_ + ":" + std::to_string(line) + ": ";
  if (!table.empty()) text.append("[").append(table).append("] ");
  if (!key.empty()) text.append(key).append(": ");
  text += problem;
  if (!fix.empty()) text += " (" + std::string(fix) + ")";
  errors_.emplace_back(line, Printable(text));  // one error, one line
}

std::string Diagnostics::Text() const {
  std::vector<std::pair<int64_t, std::string>> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text;
  for (const auto& [line, error] : sorted) text += error + "\n";
  return text;
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& candidate : candidates) {
    const size_t distance = EditDistance(word, candidate);
    if (distance < best_distance && 2 * distance < std::max(word.size(), size_t{2})) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string DescribeNode(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string (" + Quoted(*node.value<std::string>()) + ")";
    case toml::node_type::integer:
      return "an integer (" + std::to_string(*node.value<int64_t>()) + ")";
    case toml::node_type::floating_point: {
      std::ostringstream out;
      out << "a float (" << *node.value<double>() << ")";
      return out.str();
    }
    case toml::node_type::boolean:
      return *node.value<bool>() ? "true" : "false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

TableReader::TableReader(const toml::table& table, std::string name, Diagnostics& diagnostics)
    : table_(table), name_(std::move(name)), diagnostics_(diagnostics) {}

const toml::node* TableReader::Lookup(std::string_view key) {
  asked_.insert(std::string(key));
  return table_.get(key);
}

int64_t TableReader::line() const {
  return std::max<int64_t>(1, static_cast<int64_t>(table_.source().begin.line));
}

int64_t TableReader::LineOf(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return line();
  return std::max<int64_t>(1, static_cast<int64_t>(node->source().begin.line));
}

void TableReader::Error(std::string_view key, std::string_view problem, std::string_view fix) {
  diagnostics_.Add(LineOf(key), name_, key, problem, fix);
}

void TableReader::WrongType(std::string_view key, const toml::node& node, std::string_view wanted) {
  Error(key, "expected " + std::string(wanted) + ", got " + DescribeNode(node));
}

const toml::node* TableReader::Node(std::string_view key) { return Lookup(key); }

std::optional<std::string> TableReader::String(std::string_view key) {
  const toml::node* node = Lookup(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) {
    WrongType(key, *node, "a string");
    return std::nullopt;
  }
  return *node->value<std::string>();
}

std::optional<int64_t> TableReader::Integer(std::string_view key, int64_t low, int64_t high) {
  const toml::node* node = Lookup(key);
  if (node == nullptr) return std::nullopt;
  const std::string wanted =
      "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  if (!node->is_integer()) {
    WrongType(key, *node, wanted);
    return std::nullopt;
  }
  const int64_t value = *node->value<int64_t>();
  if (value < low || value > high) {
    WrongType(key, *node, wanted);
    return std::nullopt;
  }
  return value;
}

std::optional<double> TableReader::Seconds(std::string_view key, double high) {
  const toml::node* node = Lookup(key);
  if (node == nullptr) return std::nullopt;
  std::ostringstream wanted;
  wanted << "a number of seconds > 0 and <= " << high;
  if (!node->is_number()) {
    WrongType(key, *node, wanted.str());
    return std::nullopt;
  }
  const double value = *node->value<double>();
  if (!(value > 0) || value > high || !std::isfinite(value)) {
    WrongType(key, *node, wanted.str());
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TableReader::Bool(std::string_view key) {
  const toml::node* node = Lookup(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    WrongType(key, *node, "true or false");
    return std::nullopt;
  }
  return *node->value<bool>();
}

std::optional<std::vector<std::string>> TableReader::Strings(std::string_view key, bool non_empty) {
  const toml::node* node = Lookup(key);
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  const std::string wanted = non_empty ? "a non-empty array of strings" : "an array of strings";
  if (array == nullptr || (non_empty && array->empty())) {
    WrongType(key, *node, wanted);
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (!element.is_string()) {
      Error(key, "expected " + wanted + ", but element " + std::to_string(i + 1) + " is " +
                     DescribeNode(element));
      return std::nullopt;
    }
    values.push_back(*element.value<std::string>());
  }
  return values;
}

const toml::table* TableReader::Table(std::string_view key) {
  const toml::node* node = Lookup(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) {
    WrongType(key, *node, "a table");
    return nullptr;
  }
  return node->as_table();
}

void TableReader::RejectUnknown(const std::vector<std::string>& also_known) {
  std::vector<std::string> known(asked_.begin(), asked_.end());
  known.insert(known.end(), also_known.begin(), also_known.end());
  for (const auto& [key, node] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    const std::string suggestion = ClosestMatch(key.str(), known);
    std::string fix;
    if (!suggestion.empty()) {
      fix = "did you mean " + suggestion + "?";
    } else {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      fix = "known keys: " + list;
    }
    diagnostics_.Add(std::max<int64_t>(1, key.source().begin.line), name_, key.str(), "unknown key",
                     fix);
  }
}

}  // namespace powercut::harness
