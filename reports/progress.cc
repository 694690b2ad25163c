#include "reports/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "reports/markup.h"
#include "reports/text_format.h"

namespace powercut::reports {
namespace {

// "0:09", "12:34", "1:02:03".
std::string Clock(double seconds) {
  const long long total = std::llround(seconds);
  const auto two = [](long long n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  if (total >= 3600) {
    return std::to_string(total / 3600) + ":" + two(total / 60 % 60) + ":" + two(total % 60);
  }
  return std::to_string(total / 60) + ":" + two(total % 60);
}

std::string Rate(double per_second) {
  if (per_second >= 100) return Thousands(static_cast<size_t>(std::llround(per_second))) + "/s";
  return Fixed(per_second, 1) + "/s";
}

struct Parts {
  std::string where;  // "[2/5] "
  std::string name;   // the scenario
  std::string what;   // " | posix | 1,234/5,000 states 24%"
  std::string rate;   // " | 410/s"
  std::string eta;    // " | ETA 0:09"
  std::string found;  // " | 3 violations"
};

Parts PartsOf(const ProgressState& s) {
  Parts p;
  if (s.scenario_count > 0) {
    p.where =
        "[" + std::to_string(s.scenario_index + 1) + "/" + std::to_string(s.scenario_count) + "] ";
  }
  p.name = PrintableUtf8(s.scenario);
  if (!s.model.empty()) p.what = " | " + PrintableUtf8(s.model);
  switch (s.phase) {
    case ProgressState::Phase::kRecording:
      p.what += " | recording " + Clock(s.seconds);
      break;
    case ProgressState::Phase::kReducing:
      p.what += " | reducing violations " + Clock(s.seconds);
      break;
    case ProgressState::Phase::kExploring: {
      p.what += " | " + Thousands(s.states_checked);
      if (s.states_total && *s.states_total > 0) {
        const size_t total = *s.states_total;
        p.what += "/" + Thousands(total) + " states " +
                  std::to_string(std::min<size_t>(s.states_checked, total) * 100 / total) + "%";
      } else {
        p.what += " states";
      }
      const double rate = s.seconds > 0 ? static_cast<double>(s.states_checked) / s.seconds : 0;
      if (rate > 0) p.rate = " | " + Rate(rate);
      if (rate > 0 && s.states_total && *s.states_total > s.states_checked) {
        p.eta = " | ETA " + Clock(static_cast<double>(*s.states_total - s.states_checked) / rate);
      }
      break;
    }
  }
  p.found = " | " + Thousands(s.violations) + (s.violations == 1 ? " violation" : " violations");
  return p;
}

}  // namespace

std::string RenderProgressLine(const ProgressState& state, size_t width) {
  const size_t room = width > 1 ? width - 1 : 0;
  Parts p = PartsOf(state);
  const auto joined = [&p] { return p.where + p.name + p.what + p.rate + p.eta + p.found; };
  std::string line = joined();
  // Shorten in order: leave out the rate, cut the scenario's name (to no less than 12
  // columns), leave out the ETA; then cut the line.
  if (DisplayColumns(line) > room) {
    p.rate.clear();
    line = joined();
  }
  const size_t name_columns = DisplayColumns(p.name);
  if (DisplayColumns(line) > room && name_columns > 12) {
    const size_t excess = DisplayColumns(line) - room;
    const size_t keep = name_columns > excess + 12 ? name_columns - excess : 12;
    p.name = FirstColumns(p.name, keep - 3) + "...";
    line = joined();
  }
  if (DisplayColumns(line) > room) {
    p.eta.clear();
    line = joined();
  }
  return DisplayColumns(line) > room ? FirstColumns(line, room) : line;
}

TerminalInfo DetectTerminal(int fd) {
  TerminalInfo info;
  info.is_tty = ::isatty(fd) == 1;
  winsize size{};
  if (info.is_tty && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    info.width = size.ws_col;
    return info;
  }
  // NOLINTNEXTLINE(concurrency-mt-unsafe): powercut never changes its environment while running
  const char* columns = std::getenv("COLUMNS");
  size_t parsed = 0;
  if (columns != nullptr) {
    const std::string_view text(columns);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc() && end == text.data() + text.size() && parsed > 0) info.width = parsed;
  }
  return info;
}

ProgressLine::ProgressLine(int fd)
    : fd_(fd), terminal_(DetectTerminal(fd)), track_width_(true), min_interval_(100) {}

ProgressLine::ProgressLine(int fd, TerminalInfo terminal, std::chrono::milliseconds min_interval)
    : fd_(fd), terminal_(terminal), track_width_(false), min_interval_(min_interval) {}

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::Update(const ProgressState& state) {
  if (!active()) return;
  const auto now = std::chrono::steady_clock::now();
  const bool changed = state.scenario_index != last_.scenario_index || state.model != last_.model ||
                       state.phase != last_.phase || state.violations != last_.violations ||
                       drawn_columns_ == 0;
  if (!changed && now - last_draw_ < min_interval_) return;
  if (track_width_) terminal_.width = DetectTerminal(fd_).width;
  const std::string line = RenderProgressLine(state, terminal_.width);
  const size_t columns = DisplayColumns(line);
  std::string text = "\r" + line;
  if (drawn_columns_ > columns) text.append(drawn_columns_ - columns, ' ');
  Write(text);
  drawn_columns_ = std::max(columns, size_t{1});  // 1: something was drawn, even if empty
  last_ = state;
  last_draw_ = now;
}

void ProgressLine::Clear() {
  if (!active() || drawn_columns_ == 0) return;
  Write("\r" + std::string(drawn_columns_, ' ') + "\r");
  drawn_columns_ = 0;
}

void ProgressLine::Write(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // progress is best effort: a closed terminal must not stop the run
    done += static_cast<size_t>(n);
  }
}

}  // namespace powercut::reports
