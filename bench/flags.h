// Command-line parsing shared by the benchmark programs: `--name VALUE`, `--name=VALUE` and
// switches, numbers and comma-separated lists. The programs report errors; nothing here prints.
#ifndef POWERCUT_BENCH_FLAGS_H_
#define POWERCUT_BENCH_FLAGS_H_

#include <charconv>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace powercut::bench {

// The whole of `text` as a number (no sign games, no trailing characters).
template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// "1,4,16": every element a number in [min, max]; at least one. `out` is replaced.
bool ParseIntList(std::string_view text, int min, int max, std::vector<int>& out);
// "1,1024,16384" likewise, for sizes.
bool ParseSizeList(std::string_view text, size_t min, size_t max, std::vector<size_t>& out);
// "a,b": the comma-separated names, appended to `out` (empty names kept: they match nothing).
void AppendNames(std::string_view text, std::vector<std::string>& out);

// Called with a flag's name (e.g. "--runs") and its value ("" for a switch). Returns true when
// it took the flag, false when the value is bad, nullopt when the flag is unknown.
using FlagHandler = std::function<std::optional<bool>(std::string_view, std::string_view)>;

// Walks argv[1..]: each name in `switches` stands alone, every other flag takes a value, inline
// (`--runs=3`) or as the next argument. Returns nullopt when all parsed, "" for --help or -h, or
// an error message naming the flag.
std::optional<std::string> WalkFlags(int argc, char** argv,
                                     std::initializer_list<std::string_view> switches,
                                     const FlagHandler& handle);

// A program's whole command line: WalkFlags, then for --help the usage on stdout (exit status
// 0), for an error "program: error" and the usage on stderr (exit status 2). Returns that exit
// status, or nullopt when the program should go on.
std::optional<int> ParseCommandLine(int argc, char** argv, std::string_view program,
                                    std::string_view usage,
                                    std::initializer_list<std::string_view> switches,
                                    const FlagHandler& handle);

}  // namespace powercut::bench

#endif  // POWERCUT_BENCH_FLAGS_H_
