#include "harness/checker.h"

#include <unistd.h>

#include <array>
#include <charconv>
#include <string_view>

#include "faultfs/fs/posix_file_system.h"
#include "harness/printable.h"

namespace powercut::harness {
namespace {

using Kind = CheckerVerdict::Kind;

constexpr std::array<std::string_view, 5> kProtocolVariables = {
    "POWERCUT_STATE_DIR=", "POWERCUT_OUTPUT=", "POWERCUT_CRASH_POINT=", "POWERCUT_SCENARIO=",
    "POWERCUT_STATE_ID="};
constexpr size_t kReasonChars = 300;
constexpr size_t kDetailBytes = 2048;  // of each stream, in `details`
constexpr int kLastSignal = 64;        // SIGRTMAX on Linux

// The first line of `text` holding anything but blanks, without its line end; "" if none.
std::string FirstLine(std::string_view text) {
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      std::string reason = Printable(line);
      if (reason.size() > kReasonChars) reason = reason.substr(0, kReasonChars) + "...";
      return reason;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return "";
}

std::string FirstLineOfEither(const ProcessResult& run) {
  std::string line = FirstLine(run.out);
  return line.empty() ? FirstLine(run.err) : line;
}

// "stdout: <line>" for each line of the head of `text`, and how much was left out.
void AppendStream(std::string& details, std::string_view name, std::string_view text,
                  uint64_t total) {
  std::string_view head = text.substr(0, std::min(text.size(), kDetailBytes));
  while (!head.empty()) {
    const size_t end = head.find('\n');
    details += '\n';  // appended piece by piece: "\n" + std::string trips GCC 12's -Wrestrict
    details += name;
    details += ": ";
    details += Printable(head.substr(0, end));
    if (end == std::string_view::npos) break;
    head.remove_prefix(end + 1);
  }
  if (total > std::min<uint64_t>(text.size(), kDetailBytes)) {
    details += "\n(";
    details += std::to_string(total - std::min<uint64_t>(text.size(), kDetailBytes));
    details += " more bytes of ";
    details += name;
    details += " not shown)";
  }
}

std::string HowItEnded(const ProcessResult& run, std::chrono::milliseconds timeout) {
  switch (run.end) {
    case ProcessResult::End::kExited: return "exit " + std::to_string(run.exit_code);
    case ProcessResult::End::kSignaled: return "killed by " + SignalName(run.signal);
    case ProcessResult::End::kTimedOut: return "killed after its timeout of " + FormatSeconds(timeout);
    case ProcessResult::End::kCancelled: return "cancelled";
  }
  return "";
}

CheckerVerdict JudgeExit(const ProcessResult& run) {
  const int code = run.exit_code;
  const std::string line = FirstLineOfEither(run);
  const std::string said = line.empty() ? "" : ": " + line;
  if (code == 0) return {Kind::kConsistent, "", ""};
  if (code >= 1 && code <= 124) {
    return {Kind::kViolation,
            line.empty() ? "exit " + std::to_string(code) + " (the checker printed nothing)" : line,
            ""};
  }
  if (code == 125) return {Kind::kCannotRun, "the checker could not run (exit 125)" + said, ""};
  if (code == 126) {
    return {Kind::kCannotRun, "the checker command could not be executed (sh exit 126)" + said,
            ""};
  }
  if (code == 127) {
    return {Kind::kCannotRun, "the checker command was not found (sh exit 127)" + said, ""};
  }
  if (code > 128 && code <= 128 + kLastSignal) {
    return {Kind::kCrashed,
            "recovery crashed: killed by " + SignalName(code - 128) + " (sh exit " +
                std::to_string(code) + ")",
            ""};
  }
  return {Kind::kCannotRun,
          "the checker exited " + std::to_string(code) +
              ", outside the protocol (0 consistent, 1-124 violation, 125 could not run)" + said,
          ""};
}

}  // namespace

std::string FormatSeconds(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  std::array<char, 32> text{};
  const auto [end, error] =
      std::to_chars(text.data(), text.data() + text.size(), static_cast<double>(ms) / 1000.0);
  return (error == std::errc() ? std::string(text.data(), end) : "?") + " s";
}

CheckerVerdict JudgeChecker(const ProcessResult& run, std::chrono::milliseconds timeout) {
  CheckerVerdict verdict;
  switch (run.end) {
    case ProcessResult::End::kExited:
      verdict = JudgeExit(run);
      break;
    case ProcessResult::End::kSignaled:
      verdict = {Kind::kCrashed, "recovery crashed: killed by " + SignalName(run.signal), ""};
      break;
    case ProcessResult::End::kTimedOut:
      verdict = {Kind::kHung, "recovery hung: no exit after " + FormatSeconds(timeout), ""};
      break;
    case ProcessResult::End::kCancelled:
      return {Kind::kCancelled, "", ""};
  }
  verdict.details = HowItEnded(run, timeout);
  AppendStream(verdict.details, "stdout", run.out, run.out_bytes);
  AppendStream(verdict.details, "stderr", run.err, run.err_bytes);
  return verdict;
}

std::string SubstitutePlaceholders(const std::string& command, const std::string& state_dir,
                                   const std::string& output_file) {
  static constexpr std::string_view kState = "{state}";
  static constexpr std::string_view kOutput = "{output}";
  std::string out;
  out.reserve(command.size());
  for (size_t i = 0; i < command.size();) {
    const std::string_view rest = std::string_view(command).substr(i);
    if (rest.starts_with(kState)) {
      out += state_dir;
      i += kState.size();
    } else if (rest.starts_with(kOutput)) {
      out += output_file;
      i += kOutput.size();
    } else {
      out += command[i++];
    }
  }
  return out;
}

bool IsShellSafePath(const std::string& path) {
  if (path.empty() || path.front() == '-') return false;
  for (const char c : path) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '/' || c == '.' || c == '_' || c == '+' || c == ',' || c == ':' ||
                      c == '-';
    if (!safe) return false;
  }
  return true;
}

std::vector<std::string> InheritedEnvironment() {
  std::vector<std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view variable(*entry);
    bool ours = false;
    for (const std::string_view name : kProtocolVariables) ours = ours || variable.starts_with(name);
    if (!ours) env.emplace_back(variable);
  }
  return env;
}

Status WriteOutputFile(const std::string& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    text += line;
    text += '\n';
  }
  PosixFileSystem fs;
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kCreateTruncate));
  POWERCUT_RETURN_IF_ERROR(file->WriteAt(0, std::as_bytes(std::span(text.data(), text.size()))));
  return file->Close();
}

CheckerRunner::CheckerRunner(CheckerSpec spec, std::vector<std::string> environment)
    : spec_(std::move(spec)), environment_(std::move(environment)) {}

Result<CheckerVerdict> CheckerRunner::Run(const CheckerTarget& target) const {
  ProcessSpec process;
  process.argv = {"/bin/sh", "-c",
                  SubstitutePlaceholders(spec_.command, target.state_dir, target.output_file)};
  std::vector<std::string>& env = process.env.emplace(environment_);
  env.push_back("POWERCUT_STATE_DIR=" + target.state_dir);
  env.push_back("POWERCUT_OUTPUT=" + target.output_file);
  env.push_back("POWERCUT_CRASH_POINT=" + std::to_string(target.crash_point));
  env.push_back("POWERCUT_SCENARIO=" + spec_.scenario);
  env.push_back("POWERCUT_STATE_ID=" + target.state_id);
  process.cwd = target.state_dir;
  process.timeout = spec_.timeout;
  process.capture_bytes = spec_.capture_bytes;
  process.cancel_fd = target.cancel_fd;
  POWERCUT_ASSIGN_OR_RETURN(const ProcessResult run, RunProcess(process));
  return JudgeChecker(run, spec_.timeout);
}

}  // namespace powercut::harness
