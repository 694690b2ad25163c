#include "reports/run_html.h"

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/read_file.h"
#include "faultfs/testing/temp_dir.h"
#include "reports/run_report_fixtures.h"
#include "reports/test_text.h"

namespace powercut::reports {
namespace {

using testing::Contains;
using testing::Occurrences;

// The line holding the element with id `id` (each row and each group is one line).
std::string Row(const std::string& page, const std::string& id) {
  const size_t at = page.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t begin = page.rfind('\n', at) + 1;
  return page.substr(begin, page.find('\n', at) - begin);
}

// Whether the element with id `id` is inside a folded <details>.
bool Folded(const std::string& page, const std::string& id) {
  const size_t at = page.find("id=\"" + id + "\"");
  const size_t open = page.rfind("<details class=\"fold\">", at);
  const size_t close = page.rfind("</details>", at);
  return open != std::string::npos && (close == std::string::npos || close < open);
}

RunReport LongRun(size_t events) {
  return RunReport{.scenarios = {fixtures::LongTraceScenario(events)}, .exit_code = 1};
}

BOOST_AUTO_TEST_SUITE(run_html)

BOOST_AUTO_TEST_CASE(the_page_loads_nothing_from_elsewhere) {
  const std::string page = RunReportHtml(fixtures::MixedRun());
  BOOST_TEST(page.starts_with("<!DOCTYPE html>"));
  for (const char* outside : {"http:", "https:", "src=", "<link", "@import", "url(", "=\"//"}) {
    BOOST_TEST(!Contains(page, outside), outside);
  }
  BOOST_TEST(Contains(page,
                      "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                      "script-src 'unsafe-inline'\""));
  BOOST_TEST(Occurrences(page, "<script>") == 1u);
  BOOST_TEST(Occurrences(page, "<style>") == 1u);
}

BOOST_AUTO_TEST_CASE(each_group_shows_its_reproducer) {
  const std::string page = RunReportHtml(fixtures::MixedRun());
  const std::string group = Row(page, "s2-m1-g1");
  BOOST_TEST(Contains(group, "<span class=\"cls\">acknowledged before durable</span>"), group);
  BOOST_TEST(Contains(group, "3 violating states at crash points 10-12"));
  BOOST_TEST(Contains(group, "<p class=\"summary\">`ack 3` (#9) was printed while"));
  BOOST_TEST(Contains(group, "<b>Fix</b><span>fsync the directory `.` after `unlink db-journal`"));
  BOOST_TEST(Contains(group, "<dd class=\"reason\">txn 3 acknowledged but rolled back</dd>"));
  BOOST_TEST(Contains(group, "<code>c10</code> at <a href=\"#s2-e10\">crash point 10</a>"));
  BOOST_TEST(Contains(group, "<td><code>db-journal</code></td><td class=\"exp\">absent</td>"));
  BOOST_TEST(Contains(group,
                      "<code>powercut replay build/powercut/sqlite-style-commit.trace "
                      "--state c10 --model posix --sector-bytes 512 -o state-c10 "
                      "--checker 'sqlite-check db {output}'</code><button"));
  const std::string torn = Row(page, "s2-m1-g2");
  BOOST_TEST(Contains(torn, "may not be 1-minimal"), torn);
  BOOST_TEST(Occurrences(page, "<article class=\"group\"") == 2u);
}

BOOST_AUTO_TEST_CASE(bytes_from_the_trace_are_escaped) {
  const std::string page = RunReportHtml(fixtures::MixedRun());
  BOOST_TEST(Contains(Row(page, "s2-e12"),
                      "rename w&lt;&amp;&gt;\"'\\x01\\xff.tmp -&gt; w&lt;&amp;&gt;\"'\\x01\\xff"));
  BOOST_TEST(Contains(page, "record 4 fails its checksum &lt;CRC mismatch&gt; &amp; was not"));
  BOOST_TEST(!Contains(page, "<&>"));
  for (const char raw : {'\x01', '\xff'}) BOOST_TEST(page.find(raw) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(rows_mark_syncs_promises_and_the_initial_state) {
  const std::string page = RunReportHtml(fixtures::MixedRun());
  BOOST_TEST(Contains(Row(page, "s2-e5"), "class=\"ev sync\""));
  BOOST_TEST(Contains(Row(page, "s2-e5"), "<b class=\"tag sync\">sync</b>"));
  BOOST_TEST(Contains(Row(page, "s2-e9"), "class=\"ev out\""));
  BOOST_TEST(Contains(Row(page, "s2-e9"), "<b class=\"tag out\">promise</b>"));
  BOOST_TEST(Contains(Row(page, "s1-e9"), "class=\"ev failed\""));
  BOOST_TEST(Contains(page,
                      "initial state ends: crash points start at #3</div><div class=\"ev\" "
                      "id=\"s2-e3\""));
  BOOST_TEST(Contains(Row(page, "s2-e15"), "end of the trace"));
}

BOOST_AUTO_TEST_CASE(crash_points_are_coloured_by_verdict_per_model) {
  const std::string page = RunReportHtml(fixtures::MixedRun());
  // posix explored every point from 3 and violated at 10-14; ext4-ordered only after syncs.
  BOOST_TEST(Contains(Row(page, "s2-e10"), "<i class=\"cp bad\"></i><i class=\"cp ne\"></i>"));
  BOOST_TEST(Contains(Row(page, "s2-e6"), "<i class=\"cp ok\"></i><i class=\"cp ok\"></i>"));
  BOOST_TEST(Contains(Row(page, "s2-e2"), "<i class=\"cp ne\"></i><i class=\"cp ne\"></i>"));
  BOOST_TEST(Contains(Row(page, "s2-e10"), "<a class=\"mark\" href=\"#s2-m1-g1\">"));
  // The overview strip: runs of equal state.
  BOOST_TEST(Contains(page,
                      "<rect class=\"bad\" x=\"10\" width=\"5\" height=\"1\"><title>crash "
                      "points 10–14: violating</title></rect>"));
}

BOOST_AUTO_TEST_CASE(a_short_trace_is_shown_whole) {
  const std::string page = RunReportHtml(fixtures::MixedRun());
  BOOST_TEST(!Contains(page, "<details class=\"fold\">"));
  BOOST_TEST(!Contains(page, "class=\"unfold\""));
}

BOOST_AUTO_TEST_CASE(a_long_trace_folds_what_is_far_from_violations) {
  const std::string page = RunReportHtml(LongRun(5000));
  BOOST_TEST(Occurrences(page, "<details class=\"fold\">") == 3u);
  // Syncs at every tenth event, output lines at every 25th unless a sync is there.
  BOOST_TEST(
      Contains(page, "<summary>1,660 events #3–#1662: 166 syncs, 33 output lines</summary>"));
  for (const char* open :
       {"s1-e0", "s1-e2", "s1-e1663", "s1-e1666", "s1-e1669", "s1-e3330", "s1-e3335", "s1-e5000"}) {
    BOOST_TEST(!Folded(page, open), open);
  }
  for (const char* folded : {"s1-e3", "s1-e1662", "s1-e1670", "s1-e3329", "s1-e3336", "s1-e4999"}) {
    BOOST_TEST(Folded(page, folded), folded);
  }
  BOOST_TEST(Contains(page, "class=\"unfold\""));
  BOOST_TEST(page.size() < 1'000'000u, page.size());  // 5,000 events
}

BOOST_AUTO_TEST_CASE(the_neighbourhood_shown_follows_the_options) {
  const std::string page =
      RunReportHtml(LongRun(300), {.expand_all_below = 10, .context_events = 1, .min_fold = 2});
  // Crash points 100 and 101 violate: one event before each, one after, open.
  BOOST_TEST(!Folded(page, "s1-e99"));
  BOOST_TEST(!Folded(page, "s1-e101"));
  BOOST_TEST(Folded(page, "s1-e98"));
  BOOST_TEST(Folded(page, "s1-e102"));
  BOOST_TEST(!Contains(RunReportHtml(LongRun(300), {.expand_all_below = 300}), "<details"));
}

BOOST_AUTO_TEST_CASE(skipped_error_and_interrupted_say_why) {
  const std::string mixed = RunReportHtml(fixtures::MixedRun());
  BOOST_TEST(Contains(mixed,
                      "<p class=\"reason-box skipped\">the workload's program "
                      "`leveldb-example` is not installed (not in PATH)</p>"));
  BOOST_TEST(Contains(mixed, "<p class=\"reason-box error\">scenarios/broken.toml:7: unknown key"));
  const std::string cut = RunReportHtml(fixtures::InterruptedRun());
  BOOST_TEST(Contains(cut, "<div class=\"banner\">This run was interrupted"));
  BOOST_TEST(Contains(cut, "<h1>powercut run <span class=\"badge error\">interrupted</span>"));
  BOOST_TEST(Contains(cut, "<span>shard 2/4</span>"));
  BOOST_TEST(Contains(RunReportHtml(RunReport{}), "No scenario was run."));
}

BOOST_AUTO_TEST_CASE(the_same_report_gives_the_same_page) {
  BOOST_TEST(RunReportHtml(fixtures::MixedRun()) == RunReportHtml(fixtures::MixedRun()));
}

BOOST_AUTO_TEST_CASE(the_page_is_written_as_index_html_in_the_directory) {
  powercut::testing::TempDir dir;
  BOOST_TEST(WriteRunHtml(fixtures::MixedRun(), dir.Join("report")).ok());
  BOOST_TEST(powercut::testing::ReadWholeFile(dir.Join("report/index.html")) ==
             RunReportHtml(fixtures::MixedRun()));
  BOOST_TEST(WriteRunHtml(fixtures::MixedRun(), dir.Join("report")).ok());  // again: replaced
  const Status bad = WriteRunHtml(fixtures::MixedRun(), dir.Join("no/such/dir"));
  BOOST_TEST(bad.message().find("no/such/dir: cannot create the report directory") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
