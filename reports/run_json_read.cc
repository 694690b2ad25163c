// The reader of "powercut-run/1" (run_json.h): every field the writer writes, except those
// derived from others ("summary", "replay" beside "replay_argv", the exploration's "complete" and
// "states_per_second"), which it ignores like any field it does not know. A model's
// "matching_groups", added within the version, may be missing (documents written before it).
#include <array>
#include <nlohmann/json.hpp>

#include "reports/group_json.h"
#include "reports/json_fields.h"
#include "reports/report_file.h"
#include "reports/run_json.h"

namespace powercut::reports {
namespace {

using Node = JsonFields::Node;

template <typename Enum, size_t N>
Enum NamedValue(JsonFields& in, const Node& node, std::string_view key,
                const std::array<Enum, N>& values, std::string_view (*name)(Enum)) {
  const std::string text = in.String(node, key);
  std::string names;
  for (const Enum value : values) {
    if (name(value) == text) return value;
    names += (names.empty() ? "" : ", ") + std::string(name(value));
  }
  if (in.ok()) {
    in.Fail(node.path.empty() ? std::string(key) : node.path + "." + std::string(key),
            "expected one of " + names + ", found \"" + text + "\"");
  }
  return values.front();
}

ExploreReport ReadExploration(JsonFields& in, const Node& node) {
  ExploreReport e;
  e.powercut_version = in.String(node, "powercut_version");
  e.outcome = NamedValue<ExploreReport::Outcome, 4>(
      in, node, "outcome",
      {ExploreReport::Outcome::kConsistent, ExploreReport::Outcome::kViolation,
       ExploreReport::Outcome::kInterrupted, ExploreReport::Outcome::kError},
      &OutcomeName);
  e.exit_code = in.Integer<int>(node, "exit_code");
  e.error = in.OptionalString(node, "error").value_or("");
  e.interruption = in.OptionalString(node, "interruption").value_or("");
  const Node trace = in.Object(node, "trace");
  e.trace = {.path = in.String(trace, "path"),
             .events = in.Integer<size_t>(trace, "events"),
             .first_crash_point = in.Integer<size_t>(trace, "first_crash_point"),
             .output_lines = in.Integer<size_t>(trace, "output_lines"),
             .warnings = in.Strings(trace, "warnings")};
  const Node options = in.Object(node, "options");
  e.options = {.model = in.String(options, "model"),
               .sector_bytes = in.Integer<uint32_t>(options, "sector_bytes"),
               .crash_points = in.String(options, "crash_points"),
               .strategy = in.String(options, "strategy"),
               .max_deviations = in.Integer<int>(options, "max_deviations"),
               .samples = in.Integer<size_t>(options, "samples"),
               .seed = in.Integer<uint64_t>(options, "seed"),
               .max_states = in.Integer<size_t>(options, "max_states"),
               .jobs = in.Integer<int>(options, "jobs")};
  const Node checker = in.Object(node, "checker");
  e.checker = {.command = in.String(checker, "command"),
               .timeout_seconds = in.Number(checker, "timeout_seconds"),
               .scenario = in.String(checker, "scenario")};
  e.scratch = in.String(node, "scratch");
  const Node stats = in.Object(node, "stats");
  e.stats = {.crash_points = in.Integer<size_t>(stats, "crash_points"),
             .generated = in.Integer<size_t>(stats, "generated"),
             .unique = in.Integer<size_t>(stats, "unique"),
             .checked = in.Integer<size_t>(stats, "checked"),
             .violating = in.Integer<size_t>(stats, "violating"),
             .capped = in.Bool(stats, "capped"),
             .seconds = in.Number(stats, "seconds"),
             .reduce_seconds = in.Number(stats, "reduce_seconds")};
  e.not_reduced = in.Integer<size_t>(stats, "not_reduced");
  for (const Node& v : in.Array(node, "violations")) {
    e.violations.push_back({.state_id = in.String(v, "state_id"),
                            .crash_point = in.Integer<size_t>(v, "crash_point"),
                            .deviation_count = in.Integer<int>(v, "deviation_count"),
                            .deviations = in.Strings(v, "deviations"),
                            .reason = in.String(v, "reason"),
                            .details = in.String(v, "details"),
                            .replay = in.Strings(v, "replay_argv")});
  }
  return e;
}

ModelResult ReadModel(JsonFields& in, const Node& node) {
  ModelResult m;
  m.model = in.String(node, "model");
  const Node expected = in.Object(node, "expected");
  m.expected = {.result = in.String(expected, "result"),
                .message = in.String(expected, "message"),
                .classification = in.String(expected, "classification")};
  m.met = in.Bool(node, "met");
  m.verdict = in.String(node, "verdict");
  m.exploration = ReadExploration(in, in.Object(node, "exploration"));
  for (const Node& g : in.Array(node, "groups")) m.groups.push_back(ReadViolationGroup(in, g));
  if (in.Has(node, "matching_groups")) m.matching_groups = in.Strings(node, "matching_groups");
  for (const Node& p : in.Array(node, "crash_points")) {
    m.crash_points.push_back({.index = in.Integer<size_t>(p, "index"),
                              .checked = in.Integer<size_t>(p, "checked"),
                              .violating = in.Integer<size_t>(p, "violating")});
  }
  return m;
}

ScenarioReport::Recording ReadRecording(JsonFields& in, const Node& node) {
  return {.command = in.Strings(node, "command"),
          .builtin = in.String(node, "builtin"),
          .exit_code = in.OptionalInteger<int>(node, "exit_code"),
          .signal = in.OptionalInteger<int>(node, "signal"),
          .timed_out = in.Bool(node, "timed_out"),
          .seconds = in.Number(node, "seconds"),
          .events = in.Integer<size_t>(node, "events"),
          .first_crash_point = in.Integer<size_t>(node, "first_crash_point"),
          .warnings = in.Strings(node, "warnings"),
          .trace_path = in.String(node, "trace_path")};
}

ScenarioReport ReadScenario(JsonFields& in, const Node& node) {
  ScenarioReport s;
  s.name = in.String(node, "name");
  s.description = in.String(node, "description");
  s.file = in.String(node, "file");
  s.verdict = NamedValue<ScenarioReport::Verdict, 4>(
      in, node, "verdict",
      {ScenarioReport::Verdict::kPassed, ScenarioReport::Verdict::kFailed,
       ScenarioReport::Verdict::kSkipped, ScenarioReport::Verdict::kError},
      &VerdictName);
  s.verdict_reason = in.String(node, "verdict_reason");
  s.seconds = in.Number(node, "seconds");
  s.recording = ReadRecording(in, in.Object(node, "recording"));
  for (const Node& m : in.Array(node, "models")) s.models.push_back(ReadModel(in, m));
  for (const Node& e : in.Array(node, "timeline")) {
    s.timeline.push_back({.index = in.Integer<size_t>(e, "index"),
                          .text = in.String(e, "text"),
                          .barrier = in.Bool(e, "barrier"),
                          .output = in.Bool(e, "output"),
                          .failed_sync = in.Bool(e, "failed_sync")});
  }
  return s;
}

// The schema check comes first, with a message that says what the document is instead.
Status CheckSchema(const Node& root) {
  if (!root.value->is_object()) {
    return Status::InvalidArgument(
        "not a powercut-run/1 report: the document is not a JSON object");
  }
  const auto schema = root.value->find("schema");
  if (schema == root.value->end() || !schema->is_string()) {
    return Status::InvalidArgument("not a powercut-run/1 report: it has no \"schema\" string");
  }
  const std::string name = schema->get<std::string>();
  if (name == kRunSchema) return Status::Ok();
  if (name.starts_with("powercut-explore/")) {
    return Status::InvalidArgument("schema \"" + name +
                                   "\" is the report of `powercut explore`; this needs the "
                                   "--json report of `powercut run` (powercut-run/1)");
  }
  if (name.starts_with("powercut-run/")) {
    return Status::InvalidArgument("schema \"" + name +
                                   "\" is another version of the run report; this powercut "
                                   "reads powercut-run/1: use the powercut that wrote it");
  }
  return Status::InvalidArgument("schema \"" + name + "\" is not powercut-run/1");
}

}  // namespace

Result<RunReport> ParseRunReportJson(std::string_view text) {
  JsonFields::Json document;
  // nlohmann reports a syntax error only by exception, with where it is; caught here, so the
  // reader never throws.
  try {
    document = JsonFields::Json::parse(text);
  } catch (const JsonFields::Json::exception& error) {
    // nlohmann says where: "parse error at line 3, column 5: syntax error ...".
    return Status::InvalidArgument(std::string("not valid JSON: ") + error.what());
  }
  JsonFields in;
  const Node root{&document, ""};
  POWERCUT_RETURN_IF_ERROR(CheckSchema(root));
  RunReport report;
  report.powercut_version = in.String(root, "powercut_version");
  report.started = in.String(root, "started");
  report.exit_code = in.Integer<int>(root, "exit_code");
  report.interrupted = in.Bool(root, "interrupted");
  const Node options = in.Object(root, "options");
  report.seed_override = in.OptionalInteger<uint64_t>(options, "seed");
  report.model_override = in.OptionalString(options, "model");
  report.jobs = in.Integer<int>(options, "jobs");
  report.shard = in.OptionalString(options, "shard").value_or("");
  for (const Node& s : in.Array(root, "scenarios")) report.scenarios.push_back(ReadScenario(in, s));
  if (!in.ok()) return in.status();
  return report;
}

Result<RunReport> ReadRunJson(const std::string& path) {
  Result<std::string> text = ReadReportFile(path, "JSON report");
  if (!text.ok()) return text.status();
  Result<RunReport> report = ParseRunReportJson(*text);
  if (!report.ok()) return report.status().WithContext(path);
  return report;
}

}  // namespace powercut::reports
