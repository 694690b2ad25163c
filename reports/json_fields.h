// JsonFields: reads a parsed JSON document field by field into plain structs, with an error that
// names the place in the document ("scenarios[1].models[0].met: expected a boolean, found a
// string"). The first error is kept and every later read returns a default, so a reader reads
// straight through and looks at status() once at the end. Never throws.
//
// Internal to reports/ (the readers of its JSON schemas); not thread-safe (one per document).
#ifndef POWERCUT_REPORTS_JSON_FIELDS_H_
#define POWERCUT_REPORTS_JSON_FIELDS_H_

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faultfs/fs/status.h"

namespace powercut::reports {

class JsonFields {
 public:
  using Json = nlohmann::ordered_json;

  // A value in the document and where it is ("" for the root). `value` is null after an error.
  struct Node {
    const Json* value = nullptr;
    std::string path;
  };

  bool ok() const { return status_.ok(); }
  // OK, or InvalidArgument "PATH: PROBLEM" for the first problem met.
  const Status& status() const { return status_; }

  // Records a problem at `path` (only the first one is kept).
  void Fail(const std::string& path, std::string_view problem);

  // Whether the object `node` has a member `key` (for fields added within a schema version,
  // which older documents lack).
  bool Has(const Node& node, std::string_view key) const {
    return node.value != nullptr && node.value->is_object() && node.value->contains(key);
  }

  // The member `key` of the object `node`; missing or not an object is an error.
  Node Object(const Node& node, std::string_view key);
  // The elements of the array `node.key`.
  std::vector<Node> Array(const Node& node, std::string_view key);

  std::string String(const Node& node, std::string_view key);
  // A string or null (null: nullopt).
  std::optional<std::string> OptionalString(const Node& node, std::string_view key);
  bool Bool(const Node& node, std::string_view key);
  double Number(const Node& node, std::string_view key);
  std::vector<std::string> Strings(const Node& node, std::string_view key);

  // An integer in T's range (size_t, uint32_t, uint64_t, int).
  template <typename T>
  T Integer(const Node& node, std::string_view key) {
    return IntegerOf<T>(Member(node, key));
  }
  template <typename T>
  std::optional<T> OptionalInteger(const Node& node, std::string_view key) {
    const Node member = Member(node, key);
    if (member.value == nullptr || member.value->is_null()) return std::nullopt;
    return IntegerOf<T>(member);
  }
  template <typename T>
  std::vector<T> Integers(const Node& node, std::string_view key) {
    std::vector<T> values;
    for (const Node& element : Array(node, key)) values.push_back(IntegerOf<T>(element));
    return values;
  }

 private:
  // The member `key` of `node`, any type; value null (and an error) when missing.
  Node Member(const Node& node, std::string_view key);
  // Checks `node` has the type `is` accepts, else fails with "expected WHAT".
  bool Expect(const Node& node, bool (Json::*is)() const noexcept, std::string_view what);

  template <typename T>
  T IntegerOf(const Node& node) {
    if (node.value == nullptr) return T{};
    const Json& value = *node.value;
    if (value.is_number_unsigned()) {
      const auto n = value.get<uint64_t>();
      if (n <= static_cast<uint64_t>(std::numeric_limits<T>::max())) return static_cast<T>(n);
    } else if (value.is_number_integer()) {
      const auto n = value.get<int64_t>();
      if (std::numeric_limits<T>::is_signed &&
          n >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
          n <= static_cast<int64_t>(std::numeric_limits<T>::max())) {
        return static_cast<T>(n);
      }
    } else {
      Fail(node.path, std::string("expected an integer, found ") + TypeName(value));
      return T{};
    }
    Fail(node.path, "the integer " + value.dump() + " is out of range");
    return T{};
  }

  static std::string TypeName(const Json& value);

  Status status_;
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_JSON_FIELDS_H_
