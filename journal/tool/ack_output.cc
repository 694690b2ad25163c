#include "journal/tool/ack_output.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <memory>

namespace powercut::journal::tool {
namespace {

std::optional<uint64_t> ParseNumberAfter(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  const std::string_view digits = line.substr(prefix.size());
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

void Raise(std::optional<uint64_t>& max, uint64_t value) {
  if (!max || *max < value) max = value;
}

// One complete line of output: a promise, or something else to ignore.
void AddLine(std::string_view line, AckOutput& output) {
  if (const std::optional<uint64_t> id = ParseNumberAfter(line, "ack ")) {
    Raise(output.max_acked, *id);
    output.acked.push_back(*id);
  } else if (const std::optional<uint64_t> txn = ParseNumberAfter(line, "checkpoint ")) {
    Raise(output.max_checkpoint, *txn);
  }
}

}  // namespace

std::optional<uint64_t> AckOutput::FirstAckedAbove(uint64_t txn) const {
  std::optional<uint64_t> first;
  for (const uint64_t id : acked) {
    if (id > txn && (!first || id < *first)) first = id;
  }
  return first;
}

Status FdLineSink::WriteLine(std::string_view line) {
  std::string buffer;
  buffer.reserve(line.size() + 1);
  buffer.append(line);
  buffer.push_back('\n');
  std::lock_guard lock(mu_);
  size_t done = 0;
  while (done < buffer.size()) {
    const ssize_t n = ::write(fd_, buffer.data() + done, buffer.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("write to descriptor " + std::to_string(fd_), errno);
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

AckOutput ParseAckOutput(std::string_view text) {
  AckOutput output;
  size_t start = 0;
  while (true) {
    const size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) break;  // no line, or a final line cut by the crash
    AddLine(text.substr(start, newline - start), output);
    start = newline + 1;
  }
  return output;
}

AckOutput ParseAckLines(const std::vector<std::string>& lines) {
  AckOutput output;
  output.acked.reserve(lines.size());  // most lines are acks
  for (const std::string& line : lines) {
    // A line holding '\n' is several lines once joined; each of them is complete.
    std::string_view rest = line;
    for (size_t newline; (newline = rest.find('\n')) != std::string_view::npos;) {
      AddLine(rest.substr(0, newline), output);
      rest.remove_prefix(newline + 1);
    }
    AddLine(rest, output);
  }
  return output;
}

Result<AckOutput> ReadAckOutput(FileSystem& fs, const std::string& path) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kReadOnly));
  std::string text;
  std::vector<std::byte> chunk(64 * 1024);
  while (true) {
    POWERCUT_ASSIGN_OR_RETURN(const size_t n, file->ReadAt(text.size(), chunk));
    if (n == 0) break;
    text.append(reinterpret_cast<const char*>(chunk.data()), n);
  }
  POWERCUT_RETURN_IF_ERROR(file->Close());
  return ParseAckOutput(text);
}

}  // namespace powercut::journal::tool
