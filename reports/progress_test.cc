#include "reports/progress.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <boost/test/unit_test.hpp>

#include "reports/progress_summary.h"
#include "reports/run_report_fixtures.h"
#include "reports/text_format.h"

namespace powercut::reports {
namespace {

using Phase = ProgressState::Phase;

ProgressState Exploring() {
  return {.scenario_index = 1,
          .scenario_count = 5,
          .scenario = "sqlite-style-commit",
          .model = "posix",
          .phase = Phase::kExploring,
          .states_checked = 1234,
          .states_total = 5000,
          .violations = 3,
          .seconds = 3.0};
}

// What was written to a pipe's write end so far.
struct Pipe {
  Pipe() {
    BOOST_REQUIRE(::pipe(fds.data()) == 0);
    BOOST_REQUIRE(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
  }
  ~Pipe() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
  std::string Drain() const {
    std::string text;
    std::array<char, 4096> buffer{};
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer.data(), buffer.size())) > 0) text.append(buffer.data(), n);
    return text;
  }
  std::array<int, 2> fds{};
};

BOOST_AUTO_TEST_SUITE(progress)

BOOST_AUTO_TEST_CASE(the_line_shows_position_states_rate_eta_and_violations) {
  BOOST_TEST(RenderProgressLine(Exploring(), 200) ==
             "[2/5] sqlite-style-commit | posix | 1,234/5,000 states 24% | 411/s | ETA 0:09 | "
             "3 violations");
}

BOOST_AUTO_TEST_CASE(without_a_total_there_is_no_percentage_and_no_eta) {
  ProgressState s = Exploring();
  s.states_total.reset();
  s.states_checked = 12;
  s.violations = 1;
  BOOST_TEST(RenderProgressLine(s, 200) ==
             "[2/5] sqlite-style-commit | posix | 12 states | 4.0/s | 1 violation");
}

BOOST_AUTO_TEST_CASE(recording_and_reducing_show_the_time_spent) {
  ProgressState s = Exploring();
  s.phase = Phase::kRecording;
  s.model.clear();
  s.seconds = 75;
  BOOST_TEST(RenderProgressLine(s, 200) ==
             "[2/5] sqlite-style-commit | recording 1:15 | 3 violations");
  s.phase = Phase::kReducing;
  s.model = "posix";
  s.seconds = 3725;
  BOOST_TEST(RenderProgressLine(s, 200) ==
             "[2/5] sqlite-style-commit | posix | reducing violations 1:02:05 | 3 violations");
}

BOOST_AUTO_TEST_CASE(a_narrow_terminal_loses_the_rate_then_the_name_then_the_eta) {
  const ProgressState s = Exploring();  // 92 columns in full
  BOOST_TEST(RenderProgressLine(s, 93) == RenderProgressLine(s, 200));
  BOOST_TEST(
      RenderProgressLine(s, 92) ==
      "[2/5] sqlite-style-commit | posix | 1,234/5,000 states 24% | ETA 0:09 | 3 violations");
  BOOST_TEST(RenderProgressLine(s, 80) ==
             "[2/5] sqlite-styl... | posix | 1,234/5,000 states 24% | ETA 0:09 | 3 violations");
  BOOST_TEST(RenderProgressLine(s, 70) ==
             "[2/5] sqlite-st... | posix | 1,234/5,000 states 24% | 3 violations");
  BOOST_TEST(RenderProgressLine(s, 50) == "[2/5] sqlite-st... | posix | 1,234/5,000 states 2");
  for (size_t width = 0; width < 130; ++width) {
    const std::string line = RenderProgressLine(s, width);
    BOOST_TEST(DisplayColumns(line) + 1 <= std::max<size_t>(width, 1), width);
  }
}

BOOST_AUTO_TEST_CASE(names_are_made_printable) {
  ProgressState s = Exploring();
  s.scenario = "a\x1b[31mred\xff";
  const std::string line = RenderProgressLine(s, 200);
  BOOST_TEST(line.find('\x1b') == std::string::npos);
  BOOST_TEST(line.starts_with("[2/5] a\\x1b[31mred\\xff | posix"), line);
}

BOOST_AUTO_TEST_CASE(nothing_is_written_where_there_is_no_terminal) {
  Pipe pipe;
  {
    ProgressLine line(pipe.fds[1]);
    BOOST_TEST(!line.active());
    line.Update(Exploring());
    line.Clear();
  }
  BOOST_TEST(pipe.Drain().empty());
}

BOOST_AUTO_TEST_CASE(on_a_terminal_the_line_is_redrawn_in_place_without_escape_codes) {
  Pipe pipe;
  ProgressLine line(pipe.fds[1], {.is_tty = true, .width = 200}, std::chrono::milliseconds(0));
  line.Update(Exploring());
  const std::string first = pipe.Drain();
  BOOST_TEST(first == "\r" + RenderProgressLine(Exploring(), 200));
  ProgressState shorter = Exploring();
  shorter.scenario = "x";
  line.Update(shorter);
  const std::string second = pipe.Drain();
  const std::string drawn = RenderProgressLine(shorter, 200);
  // Spaces over what the longer line left.
  BOOST_TEST(second == "\r" + drawn + std::string(first.size() - 1 - drawn.size(), ' '));
  line.Clear();
  BOOST_TEST(pipe.Drain() == "\r" + std::string(drawn.size(), ' ') + "\r");
  line.Clear();  // nothing drawn since: nothing to clear
  BOOST_TEST(pipe.Drain().empty());
}

BOOST_AUTO_TEST_CASE(redraws_are_throttled_unless_something_that_matters_changed) {
  Pipe pipe;
  ProgressLine line(pipe.fds[1], {.is_tty = true, .width = 200}, std::chrono::hours(1));
  ProgressState s = Exploring();
  line.Update(s);
  BOOST_TEST(!pipe.Drain().empty());
  s.states_checked += 10;
  line.Update(s);
  BOOST_TEST(pipe.Drain().empty());  // only a count moved, and an hour has not passed
  s.violations += 1;
  line.Update(s);
  BOOST_TEST(pipe.Drain().find("4 violations") != std::string::npos);
  s.model = "ext4-ordered";
  line.Update(s);
  BOOST_TEST(pipe.Drain().find("ext4-ordered") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_summary_table_has_a_row_per_model_and_the_totals) {
  BOOST_TEST(RenderRunSummaryTable(fixtures::MixedRun()) ==
             "scenario             model         expected    result   checked  violating  groups"
             "    time\n"
             "journal-immediate    posix         consistent  met           41          0       0"
             "  0.50 s\n"
             "                     prefix        consistent  met           41          0       0"
             "  0.50 s\n"
             "sqlite-style-commit  posix         consistent  NOT MET       88          5       2"
             "  2.50 s\n"
             "                     ext4-ordered  consistent  met            6          0       0"
             "  0.06 s\n"
             "leveldb-example      -             -           SKIPPED        -          -       -"
             "  0.00 s\n"
             "broken               -             -           ERROR          -          -       -"
             "  0.00 s\n"
             "\n"
             "4 scenarios: 1 passed, 1 failed, 1 skipped, 1 error (exit 1)\n");
}

BOOST_AUTO_TEST_CASE(the_summary_table_fits_a_narrow_terminal_and_says_interrupted) {
  const std::string text = RenderRunSummaryTable(fixtures::InterruptedRun(), 80);
  BOOST_TEST(text.find("\nsqlite-st...  posix   consistent  INTERRUPTED") != std::string::npos,
             text);
  BOOST_TEST(text.ends_with("2 scenarios: 1 passed, 0 failed, 0 skipped, 1 error; interrupted: a "
                            "partial result (exit 130)\n"),
             text);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
