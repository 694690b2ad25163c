#include "bench/flags.h"

#include <algorithm>
#include <iostream>

namespace powercut::bench {
namespace {

template <typename T>
bool ParseList(std::string_view text, T min, T max, std::vector<T>& out) {
  out.clear();
  std::vector<std::string> items;
  AppendNames(text, items);
  for (const std::string& item : items) {
    T n{};
    if (!ParseNumber(item, n) || n < min || n > max) return false;
    out.push_back(n);
  }
  return !out.empty();
}

}  // namespace

bool ParseIntList(std::string_view text, int min, int max, std::vector<int>& out) {
  return ParseList(text, min, max, out);
}

bool ParseSizeList(std::string_view text, size_t min, size_t max, std::vector<size_t>& out) {
  return ParseList(text, min, max, out);
}

void AppendNames(std::string_view text, std::vector<std::string>& out) {
  for (size_t start = 0; start <= text.size();) {
    const size_t comma = std::min(text.find(',', start), text.size());
    out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
}

std::optional<std::string> WalkFlags(int argc, char** argv,
                                     std::initializer_list<std::string_view> switches,
                                     const FlagHandler& handle) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return std::string();
    std::string_view value;
    const size_t eq = arg.find('=');
    const bool has_inline_value = eq != std::string_view::npos;
    if (has_inline_value) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const bool is_switch = std::find(switches.begin(), switches.end(), arg) != switches.end();
    if (is_switch && has_inline_value) return std::string(arg) + " takes no value";
    if (!is_switch && !has_inline_value) {
      if (i + 1 >= argc) return std::string(arg) + " needs a value";
      value = argv[++i];
    }
    const std::optional<bool> taken = handle(arg, value);
    if (!taken) return "unknown option " + std::string(arg);
    if (!*taken) return "bad value for " + std::string(arg) + ": " + std::string(value);
  }
  return std::nullopt;
}

std::optional<int> ParseCommandLine(int argc, char** argv, std::string_view program,
                                    std::string_view usage,
                                    std::initializer_list<std::string_view> switches,
                                    const FlagHandler& handle) {
  const std::optional<std::string> error = WalkFlags(argc, argv, switches, handle);
  if (!error) return std::nullopt;
  if (error->empty()) {
    std::cout << usage;
    return 0;
  }
  std::cerr << program << ": " << *error << "\n" << usage;
  return 2;
}

}  // namespace powercut::bench
