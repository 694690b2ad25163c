#include "reports/json_fields.h"

namespace powercut::reports {
namespace {

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

}  // namespace

std::string JsonFields::TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number with a fraction";
    default:
      return "something else";
  }
}

void JsonFields::Fail(const std::string& path, std::string_view problem) {
  if (!status_.ok()) return;
  status_ =
      Status::InvalidArgument((path.empty() ? "the document" : path) + ": " + std::string(problem));
}

bool JsonFields::Expect(const Node& node, bool (Json::*is)() const noexcept,
                        std::string_view what) {
  if (node.value == nullptr) return false;
  if ((node.value->*is)()) return true;
  Fail(node.path, "expected " + std::string(what) + ", found " + TypeName(*node.value));
  return false;
}

JsonFields::Node JsonFields::Member(const Node& node, std::string_view key) {
  if (!Expect(node, &Json::is_object, "an object")) return {};
  const std::string path = Join(node.path, key);
  const auto found = node.value->find(key);
  if (found == node.value->end()) {
    Fail(path, "missing");
    return {};
  }
  return {&*found, path};
}

JsonFields::Node JsonFields::Object(const Node& node, std::string_view key) {
  Node member = Member(node, key);
  return Expect(member, &Json::is_object, "an object") ? member : Node{};
}

std::vector<JsonFields::Node> JsonFields::Array(const Node& node, std::string_view key) {
  const Node member = Member(node, key);
  if (!Expect(member, &Json::is_array, "an array")) return {};
  std::vector<Node> elements;
  elements.reserve(member.value->size());
  for (size_t i = 0; i < member.value->size(); ++i) {
    elements.push_back({&(*member.value)[i], member.path + "[" + std::to_string(i) + "]"});
  }
  return elements;
}

std::string JsonFields::String(const Node& node, std::string_view key) {
  const Node member = Member(node, key);
  if (!Expect(member, &Json::is_string, "a string")) return {};
  return member.value->get<std::string>();
}

std::optional<std::string> JsonFields::OptionalString(const Node& node, std::string_view key) {
  const Node member = Member(node, key);
  if (member.value == nullptr || member.value->is_null()) return std::nullopt;
  if (!Expect(member, &Json::is_string, "a string or null")) return std::nullopt;
  return member.value->get<std::string>();
}

bool JsonFields::Bool(const Node& node, std::string_view key) {
  const Node member = Member(node, key);
  return Expect(member, &Json::is_boolean, "a boolean") && member.value->get<bool>();
}

double JsonFields::Number(const Node& node, std::string_view key) {
  const Node member = Member(node, key);
  if (!Expect(member, &Json::is_number, "a number")) return 0;
  return member.value->get<double>();
}

std::vector<std::string> JsonFields::Strings(const Node& node, std::string_view key) {
  std::vector<std::string> strings;
  for (const Node& element : Array(node, key)) {
    if (!Expect(element, &Json::is_string, "a string")) return {};
    strings.push_back(element.value->get<std::string>());
  }
  return strings;
}

}  // namespace powercut::reports
