#include "reports/run_report_fixtures.h"

#include <string>
#include <utility>
#include <vector>

namespace powercut::reports::fixtures {
namespace {

// Names with the markup characters, a control byte and a byte that is not UTF-8: what a renderer
// must escape, never pass through.
const std::string kOddName = "w<&>\"'\x01\xff";

TimelineEvent Event(size_t index, std::string text) {
  return {.index = index, .text = std::move(text)};
}
TimelineEvent Barrier(size_t index, std::string text) {
  return {.index = index, .text = std::move(text), .barrier = true};
}
TimelineEvent Output(size_t index, const std::string& line) {
  return {.index = index, .text = "output \"" + line + "\"", .output = true};
}

std::vector<CrashPointSummary> CrashPoints(size_t first, size_t last,
                                           const std::vector<size_t>& violating) {
  std::vector<CrashPointSummary> points;
  for (size_t c = first; c <= last; ++c) {
    size_t bad = 0;
    for (const size_t v : violating) bad += v == c ? 1 : 0;
    points.push_back({.index = c, .checked = 2 + c % 3, .violating = bad});
  }
  return points;
}

ExploreReport Exploration(const ScenarioReport& scenario, const std::string& model,
                          const std::string& crash_points, ExploreReport::Stats stats) {
  ExploreReport e;
  e.powercut_version = "0.1.0";
  e.trace = {.path = scenario.recording.trace_path,
             .events = scenario.recording.events,
             .first_crash_point = scenario.recording.first_crash_point,
             .output_lines = 0,
             .warnings = scenario.recording.warnings};
  for (const TimelineEvent& event : scenario.timeline) e.trace.output_lines += event.output ? 1 : 0;
  e.options = {.model = model,
               .sector_bytes = 512,
               .crash_points = crash_points,
               .strategy = "exhaustive",
               .max_deviations = 2,
               .samples = 2000,
               .seed = 7,
               .max_states = 100000,
               .jobs = 2};
  e.checker = {
      .command = "sqlite-check db {output}", .timeout_seconds = 5, .scenario = scenario.name};
  e.scratch = "/dev/shm/powercut-Fx1234";
  e.stats = stats;
  e.outcome = stats.violating > 0 ? ExploreReport::Outcome::kViolation
                                  : ExploreReport::Outcome::kConsistent;
  return e;
}

std::vector<std::string> Replay(const std::string& trace, const std::string& state) {
  return {"powercut",
          "replay",
          trace,
          "--state",
          state,
          "--model",
          "posix",
          "--sector-bytes",
          "512",
          "-o",
          "state-" + state,
          "--checker",
          "sqlite-check db {output}"};
}

ViolationGroup AcknowledgedBeforeDurable(const std::string& trace) {
  return {
      .key = "acknowledged before durable|output ack N|.",
      .classification = "acknowledged before durable",
      .summary =
          "acknowledged before durable: `ack 3` (#9) was printed while `unlink db-journal` (#8) "
          "was not durable",
      .explanation = {"checker: txn 3 acknowledged but rolled back",
                      "pending since: #8 (the directory `.`) was pending after `fsync .` (#5)",
                      "with `unlink db-journal` (#8) persisted, the state is consistent",
                      "the checker's reason names the output `ack 3` (#9)",
                      "reproducer: state c10, 0 deviations from dropping everything unsynced"},
      .fix_hint =
          "fsync the directory `.` after `unlink db-journal` (#8) and before printing "
          "`ack 3` (#9)",
      .checker_reason = "txn 3 acknowledged but rolled back",
      .minimal_state_id = "c10",
      .minimal_crash_point = 10,
      .minimal_deviations = 0,
      .replay = Replay(trace, "c10"),
      .differences = {{.path = "db-journal",
                       .expected = "absent",
                       .found = "512 bytes: \"\\xd9\\xd5\\x05\\xf9 \\xa2c\\xd7\"..."}},
      .violations = 3,
      .crash_points = {10, 11, 12},
      .reduction_incomplete = false,
  };
}

ViolationGroup TornWrite(const std::string& trace) {
  return {
      .key = "torn write|write wN.tmp @N+N",
      .classification = "torn write",
      .summary = "write #11 (" + kOddName + ".tmp, bytes 0-1023) persisted only in part",
      .explanation = {"checker: record 4 fails its checksum <CRC mismatch> & was not discarded",
                      "#11 write " + kOddName +
                          ".tmp @0+1024: sector 0 persisted, sector 1 "
                          "did not",
                      "pending since: #11 was never synced"},
      .fix_hint =
          "an append: recovery must detect and discard a torn tail (a checksum per "
          "record)",
      .checker_reason = "record 4 fails its checksum <CRC mismatch> & was not discarded",
      .minimal_state_id = "c13+e10+e11:0+e12",
      .minimal_crash_point = 13,
      .minimal_deviations = 2,
      .replay = Replay(trace, "c13+e10+e11:0+e12"),
      .differences = {{.path = kOddName,
                       .expected = "1024 bytes: \"rec4...\"",
                       .found = "1024 bytes: \"rec4\" then 512 zero bytes"},
                      {.path = kOddName + ".tmp", .expected = "absent", .found = "absent"}},
      .violations = 2,
      .crash_points = {13, 14},
      .reduction_incomplete = true,
  };
}

}  // namespace

ScenarioReport PassedScenario() {
  ScenarioReport s;
  s.name = "journal-immediate";
  s.description = "3 transactions, fsync per commit; every acknowledged one must survive";
  s.file = "scenarios/journal/immediate.toml";
  s.verdict = ScenarioReport::Verdict::kPassed;
  s.recording = {
      .command = {"powercut-journal", "workload", "--mode", "immediate", "--txns", "3", "wal"},
      .exit_code = 0,
      .seconds = 0.125,
      .events = 10,
      .first_crash_point = 2,
      .trace_path = "build/powercut/journal-immediate.trace"};
  s.timeline = {
      Event(0, "mkdir wal (ino 2)"),
      Barrier(1, "fsync ."),
      Event(2, "create wal/0000000000000001.wal (ino 3)"),
      Event(3, "write wal/0000000000000001.wal @0+72 45 4d 42 52 ..."),
      Barrier(4, "fdatasync wal/0000000000000001.wal"),
      Output(5, "ack 1"),
      Event(6, "write wal/0000000000000001.wal @72+72 45 4d 42 52 ..."),
      Barrier(7, "fdatasync wal/0000000000000001.wal"),
      Output(8, "ack 2"),
      {.index = 9, .text = "fsync-failed wal/0000000000000001.wal (EIO)", .failed_sync = true}};
  for (const std::string model : {"posix", "prefix"}) {
    ModelResult m{.model = model,
                  .expected = {.result = "consistent"},
                  .met = true,
                  .verdict = "expected consistent and found no violation in 41 states"};
    m.exploration = Exploration(s, model, "all",
                                {.crash_points = 9,
                                 .generated = 96,
                                 .unique = 41,
                                 .checked = 41,
                                 .violating = 0,
                                 .capped = false,
                                 .seconds = 0.5});
    m.crash_points = CrashPoints(2, 10, {});
    s.models.push_back(std::move(m));
  }
  s.seconds = 1.25;
  return s;
}

ScenarioReport FailedScenario() {
  ScenarioReport s;
  s.name = "sqlite-style-commit";
  s.description = "commit by unlinking the rollback journal, then print `ack N`";
  s.file = "scenarios/examples/sqlite-style.toml";
  s.verdict = ScenarioReport::Verdict::kFailed;
  s.verdict_reason = "posix: expected consistent, found 5 violating states in 2 groups";
  s.recording = {.command = {"sh", "-c", "./commit.sh 3 && ./append.sh 4"},
                 .exit_code = 0,
                 .seconds = 0.25,
                 .events = 15,
                 .first_crash_point = 3,
                 .warnings = {"mmap write to db-shm not recorded"},
                 .trace_path = "build/powercut/sqlite-style-commit.trace"};
  s.timeline = {Event(0, "create db (ino 2)"),
                Event(1, "write db @0+4096 53 51 4c 69 ..."),
                Barrier(2, "fsync db"),
                Event(3, "create db-journal (ino 3)"),
                Event(4, "write db-journal @0+512 d9 d5 05 f9 ..."),
                Barrier(5, "fsync ."),
                Event(6, "write db @0+4096 53 51 4c 69 ..."),
                Barrier(7, "fsync db"),
                Event(8, "unlink db-journal"),
                Output(9, "ack 3"),
                Event(10, "create " + kOddName + ".tmp (ino 4)"),
                Event(11, "write " + kOddName + ".tmp @0+1024 72 65 63 34 ..."),
                Event(12, "rename " + kOddName + ".tmp -> " + kOddName),
                Output(13, "ack 4 <done> & \"synced\""),
                Event(14, "truncate db-journal 0")};
  const std::string& trace = s.recording.trace_path;

  ModelResult posix{.model = "posix",
                    .expected = {.result = "consistent"},
                    .met = false,
                    .verdict = "expected consistent, found 5 violating states in 2 groups"};
  posix.exploration = Exploration(s, "posix", "all",
                                  {.crash_points = 13,
                                   .generated = 212,
                                   .unique = 88,
                                   .checked = 88,
                                   .violating = 5,
                                   .capped = false,
                                   .seconds = 2.5});
  posix.exploration.violations.push_back(
      {.state_id = "c10",
       .crash_point = 10,
       .deviation_count = 0,
       .deviations = {},
       .reason = "txn 3 acknowledged but rolled back",
       .details = "exit 1\nstdout: txn 3 acknowledged but rolled back",
       .replay = Replay(trace, "c10")});
  posix.groups = {AcknowledgedBeforeDurable(trace), TornWrite(trace)};
  posix.crash_points = CrashPoints(3, 15, {10, 11, 12, 13, 14});

  ModelResult ext4{.model = "ext4-ordered",
                   .expected = {.result = "consistent"},
                   .met = true,
                   .verdict = "expected consistent and found no violation in 6 states"};
  ext4.exploration = Exploration(s, "ext4-ordered", "syncs",
                                 {.crash_points = 3,
                                  .generated = 9,
                                  .unique = 6,
                                  .checked = 6,
                                  .violating = 0,
                                  .capped = false,
                                  .seconds = 0.0625});
  ext4.crash_points = {
      {.index = 6, .checked = 2}, {.index = 8, .checked = 2}, {.index = 15, .checked = 2}};
  s.models = {std::move(posix), std::move(ext4)};
  s.seconds = 3.5;
  return s;
}

ScenarioReport SkippedScenario() {
  ScenarioReport s;
  s.name = "leveldb-example";
  s.file = "scenarios/real/leveldb.toml";
  s.verdict = ScenarioReport::Verdict::kSkipped;
  s.verdict_reason = "the workload's program `leveldb-example` is not installed (not in PATH)";
  s.recording.command = {"leveldb-example", "put", "k", "v"};
  return s;
}

ScenarioReport ErrorScenario() {
  ScenarioReport s;
  s.name = "broken";
  s.file = "scenarios/broken.toml";
  s.verdict = ScenarioReport::Verdict::kError;
  s.verdict_reason =
      "scenarios/broken.toml:7: unknown key `modle` in [explore]: did you mean "
      "`model`?";
  return s;
}

ScenarioReport LongTraceScenario(size_t events) {
  ScenarioReport s;
  s.name = "long-log";
  s.description = "a log appended many times, fsync every tenth event";
  s.file = "scenarios/long.toml";
  s.verdict = ScenarioReport::Verdict::kFailed;
  s.verdict_reason = "posix: expected consistent, found 2 groups";
  s.recording = {.builtin = "journal",
                 .exit_code = 0,
                 .seconds = 4,
                 .events = events,
                 .first_crash_point = 2,
                 .trace_path = "long.trace"};
  size_t acks = 0;
  for (size_t i = 0; i < events; ++i) {
    if (i % 10 == 9) {
      s.timeline.push_back(Barrier(i, "fdatasync log/000001.seg"));
    } else if (i % 25 == 24) {
      s.timeline.push_back(Output(i, "ack " + std::to_string(++acks)));
    } else {
      s.timeline.push_back(
          Event(i, "write log/000001.seg @" + std::to_string(i * 64) + "+64 4c 4f 47 ..."));
    }
  }
  const std::vector<size_t> bad = {events / 3, events / 3 + 1, 2 * events / 3};
  ModelResult m{.model = "posix",
                .expected = {.result = "consistent"},
                .met = false,
                .verdict = "expected consistent, found 3 violating states in 2 groups"};
  m.exploration = Exploration(s, "posix", "all",
                              {.crash_points = events - 1,
                               .generated = events * 4,
                               .unique = events * 2,
                               .checked = events * 2,
                               .violating = 3,
                               .seconds = 30});
  m.crash_points = CrashPoints(2, events, bad);
  ViolationGroup first = AcknowledgedBeforeDurable(s.recording.trace_path);
  first.minimal_crash_point = bad[0];
  first.crash_points = {bad[0], bad[1]};
  first.violations = 2;
  ViolationGroup second = TornWrite(s.recording.trace_path);
  second.minimal_crash_point = bad[2];
  second.crash_points = {bad[2]};
  second.violations = 1;
  m.groups = {std::move(first), std::move(second)};
  s.models.push_back(std::move(m));
  s.seconds = 34;
  return s;
}

RunReport MixedRun() {
  RunReport r;
  r.powercut_version = "0.1.0";
  r.started = "2024-06-01T12:00:00Z";
  r.seed_override = 7;
  r.jobs = 2;
  r.scenarios = {PassedScenario(), FailedScenario(), SkippedScenario(), ErrorScenario()};
  r.exit_code = 1;
  return r;
}

RunReport InterruptedRun() {
  RunReport r;
  r.powercut_version = "0.1.0";
  r.started = "2024-06-01T12:30:00Z";
  r.model_override = "posix";
  r.jobs = 2;
  r.shard = "2/4";
  ScenarioReport cut = FailedScenario();
  cut.verdict = ScenarioReport::Verdict::kError;
  cut.verdict_reason = "interrupted by SIGINT after 40 states: a partial result";
  cut.models.resize(1);
  ModelResult& m = cut.models.front();
  m.met = false;
  m.verdict = "interrupted after 40 of at least 88 states";
  m.exploration.outcome = ExploreReport::Outcome::kInterrupted;
  m.exploration.interruption = "SIGINT";
  m.exploration.stats.checked = 40;
  m.groups.resize(1);
  r.scenarios = {PassedScenario(), std::move(cut)};
  r.interrupted = true;
  r.exit_code = 130;
  return r;
}

}  // namespace powercut::reports::fixtures
