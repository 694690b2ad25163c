// The progress line of `powercut run` on a terminal: where the run is (scenario, model, phase),
// states checked, rate, ETA when the total is known, and violations so far, redrawn in place.
//
//   [2/5] sqlite-style-commit | posix | 1,234/5,000 states 24% | 410/s | ETA 0:09 | 3 violations
//
// ProgressState is plain data, so the `run` command's progress callback turns what it knows
// into one and hands it over: `progress_line.Update(state)`. Its fields follow the run
// command's progress snapshot (scenario index from 0, states checked, seconds), plus the phase.
// On a terminal the line is redrawn with a carriage return, padded with spaces over what was
// there and never wider than the terminal (so it never wraps); no escape sequences at all.
// Anywhere else (a CI log, a pipe) ProgressLine writes nothing: plain lines are the run
// command's own output there.
#ifndef POWERCUT_REPORTS_PROGRESS_H_
#define POWERCUT_REPORTS_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace powercut::reports {

struct ProgressState {
  size_t scenario_index = 0;  // from 0, of scenario_count (shown from 1)
  size_t scenario_count = 0;
  std::string scenario;
  std::string model;  // empty while recording
  enum class Phase : uint8_t { kRecording, kExploring, kReducing };
  Phase phase = Phase::kExploring;
  size_t states_checked = 0;           // states checked in this model's exploration
  std::optional<size_t> states_total;  // when known (exhaustive count, sample size, cap)
  size_t violations = 0;               // violating states found so far in the whole run
  double seconds = 0;                  // since this phase began: the rate and ETA
};

// The line, at most `width - 1` columns (a line as wide as the terminal wraps on some), without
// a newline. Names are made printable (markup.h's PrintableUtf8). When it does not fit, the rate
// is left out, then the scenario's name is cut, then the ETA is left out, then the line is cut.
std::string RenderProgressLine(const ProgressState& state, size_t width);

struct TerminalInfo {
  bool is_tty = false;
  size_t width = 80;
};
// Whether `fd` is a terminal and how wide (TIOCGWINSZ, else $COLUMNS, else 80).
TerminalInfo DetectTerminal(int fd);

// Not thread-safe: call it from the thread that reports progress.
class ProgressLine {
 public:
  // Detects the terminal on `fd` now and its width at every redraw (it may be resized).
  explicit ProgressLine(int fd);
  // For tests: a fixed terminal.
  ProgressLine(int fd, TerminalInfo terminal, std::chrono::milliseconds min_interval);
  ~ProgressLine();  // clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool active() const { return terminal_.is_tty; }

  // Redraws, at most once per min_interval (default 100 ms) unless the scenario, model or
  // phase changed, or a violation was found, since the last redraw.
  void Update(const ProgressState& state);
  // Blanks the line and returns the cursor to its start: call it before printing anything
  // else, and at the end.
  void Clear();

 private:
  void Write(const std::string& text);

  int fd_;
  TerminalInfo terminal_;
  bool track_width_;
  std::chrono::milliseconds min_interval_;
  std::chrono::steady_clock::time_point last_draw_{};
  ProgressState last_{};
  size_t drawn_columns_ = 0;
};

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_PROGRESS_H_
