#include "harness/file_differences.h"

#include <algorithm>
#include <map>

#include "faultfs/reduce/pending_pieces.h"

namespace powercut::harness {
namespace {

constexpr size_t kShownBytes = 48;

struct Entry {
  bool is_dir = false;
  std::string contents;  // files
};

std::map<std::string, Entry> Entries(const FsImage& image) {
  std::map<std::string, Entry> entries;
  image.VisitTree([&](const FsImage::Entry& e) {
    entries[e.path] = {e.node.is_dir, e.node.is_dir ? "" : image.Contents(e.inode)};
  });
  return entries;
}

std::string Escaped(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

// True when more than a quarter of `bytes` is neither printable ASCII nor whitespace.
bool LooksBinary(std::string_view bytes) {
  const auto unprintable = std::count_if(bytes.begin(), bytes.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n' && c != '\t' && c != '\r') || byte >= 0x7f;
  });
  return static_cast<size_t>(unprintable) * 4 > bytes.size();
}

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += (out.empty() ? "" : " ");
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

}  // namespace

std::string DescribeContents(const std::optional<std::string>& contents, bool is_dir) {
  if (is_dir) return "directory";
  if (!contents) return "absent";
  const size_t n = contents->size();
  std::string text = std::to_string(n) + (n == 1 ? " byte" : " bytes");
  if (n == 0) return text;
  const std::string_view head = std::string_view(*contents).substr(0, kShownBytes);
  if (LooksBinary(head)) {
    constexpr size_t kHexBytes = 16;
    return text + ", binary: " + Hex(head.substr(0, kHexBytes)) + (n > kHexBytes ? " ..." : "");
  }
  text += ": \"" + Escaped(head) + "\"";
  if (n > kShownBytes) text += "...";
  return text;
}

std::vector<reports::FileDifference> DiffImages(const FsImage& expected, const FsImage& found) {
  const std::map<std::string, Entry> want = Entries(expected);
  const std::map<std::string, Entry> got = Entries(found);
  std::map<std::string, reports::FileDifference> differences;
  auto describe = [](const std::map<std::string, Entry>& entries, const std::string& path) {
    const auto it = entries.find(path);
    if (it == entries.end()) return DescribeContents(std::nullopt, false);
    return DescribeContents(it->second.contents, it->second.is_dir);
  };
  auto compare = [&](const std::string& path) {
    const auto a = want.find(path);
    const auto b = got.find(path);
    const bool same = a != want.end() && b != got.end() && a->second.is_dir == b->second.is_dir &&
                      a->second.contents == b->second.contents;
    if (!same) differences[path] = {path, describe(want, path), describe(got, path)};
  };
  for (const auto& [path, entry] : want) compare(path);
  for (const auto& [path, entry] : got) compare(path);
  std::vector<reports::FileDifference> out;
  out.reserve(differences.size());
  for (auto& [path, difference] : differences) out.push_back(std::move(difference));
  return out;
}

Result<FsImage> ExpectedStateAt(const trace::Trace& trace, const crash::GeneratorOptions& options,
                                size_t crash_point) {
  crash::GeneratorOptions posix = options;
  posix.model = crash::Model::kPosix;
  const crash::CrashStateGenerator generator(trace, posix);
  const reduce::PendingPieces pieces(generator, crash_point);
  const reduce::Selection all(pieces.size(), true);
  POWERCUT_ASSIGN_OR_RETURN(auto state, generator.Materialize(pieces.IdOf(all)));
  return std::move(state.second);
}

}  // namespace powercut::harness
