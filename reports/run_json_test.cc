#include "reports/run_json.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "faultfs/testing/temp_dir.h"
#include "reports/golden_file.h"
#include "reports/run_report_fixtures.h"

namespace powercut::reports {
namespace {

using nlohmann::json;

// The rendering with one field replaced: how the reader's errors are provoked.
std::string WithField(const std::string& pointer, const json& value) {
  json document = json::parse(RunReportJson(fixtures::MixedRun()));
  document[json::json_pointer(pointer)] = value;
  return document.dump();
}

std::string WithoutField(const std::string& parent, const std::string& key) {
  json document = json::parse(RunReportJson(fixtures::MixedRun()));
  document[json::json_pointer(parent)].erase(key);
  return document.dump();
}

std::string ErrorOf(const std::string& text) {
  const Result<RunReport> read = ParseRunReportJson(text);
  return read.ok() ? "(read without error)" : read.status().message();
}

BOOST_AUTO_TEST_SUITE(run_json)

BOOST_AUTO_TEST_CASE(a_mixed_run_renders_as_its_golden_file) {
  const std::string difference =
      testing::CompareWithGolden("run_mixed.json", RunReportJson(fixtures::MixedRun()));
  BOOST_TEST(difference.empty(), difference);
}

BOOST_AUTO_TEST_CASE(an_interrupted_run_renders_as_its_golden_file) {
  const std::string difference =
      testing::CompareWithGolden("run_interrupted.json", RunReportJson(fixtures::InterruptedRun()));
  BOOST_TEST(difference.empty(), difference);
}

BOOST_AUTO_TEST_CASE(the_document_holds_the_schema_summary_and_derived_fields) {
  const json j = json::parse(RunReportJson(fixtures::MixedRun()));
  BOOST_TEST(j["schema"] == "powercut-run/1");
  BOOST_TEST(j["options"]["seed"] == 7);
  BOOST_TEST(j["options"]["model"].is_null());
  BOOST_TEST(j["options"]["shard"].is_null());
  BOOST_TEST(j["summary"] == json::parse(R"({"scenarios": 4, "passed": 1, "failed": 1,
                                             "skipped": 1, "error": 1})"));
  const json& group = j["scenarios"][1]["models"][0]["groups"][0];
  BOOST_TEST(group["replay"].get<std::string>().starts_with(
      "powercut replay build/powercut/sqlite-style-commit.trace --state c10 "));
  BOOST_TEST(group["replay"].get<std::string>().ends_with("--checker 'sqlite-check db {output}'"));
  const json& exploration = j["scenarios"][1]["models"][0]["exploration"];
  BOOST_TEST(!exploration.contains("schema"));
  BOOST_TEST(exploration["outcome"] == "violation");
  BOOST_TEST(exploration["stats"]["states_per_second"] == 35.2);
  // A byte that is not UTF-8 in a file name: U+FFFD, the JSON stays valid.
  BOOST_TEST(j["scenarios"][1]["timeline"][10]["text"] ==
             "create w<&>\"'\x01\xef\xbf\xbd.tmp (ino 4)");
}

BOOST_AUTO_TEST_CASE(a_report_read_back_renders_the_same) {
  for (const RunReport& original : {fixtures::MixedRun(), fixtures::InterruptedRun(),
                                    RunReport{.scenarios = {fixtures::LongTraceScenario(500)}}}) {
    const std::string text = RunReportJson(original);
    const Result<RunReport> read = ParseRunReportJson(text);
    BOOST_REQUIRE_MESSAGE(read.ok(), read.status().ToString());
    BOOST_TEST(RunReportJson(*read) == text);
  }
}

BOOST_AUTO_TEST_CASE(a_report_read_back_holds_the_values_written) {
  const Result<RunReport> read = ParseRunReportJson(RunReportJson(fixtures::InterruptedRun()));
  BOOST_REQUIRE(read.ok());
  BOOST_TEST(read->interrupted);
  BOOST_TEST(read->exit_code == 130);
  BOOST_TEST(!read->seed_override.has_value());
  BOOST_TEST(read->model_override.value_or("") == "posix");
  BOOST_TEST(read->shard == "2/4");
  BOOST_REQUIRE(read->scenarios.size() == 2u);
  const ScenarioReport& cut = read->scenarios[1];
  BOOST_TEST(VerdictName(cut.verdict) == "error");
  BOOST_TEST(cut.recording.exit_code.value_or(-1) == 0);
  BOOST_TEST(!cut.recording.signal.has_value());
  BOOST_TEST(cut.timeline[5].barrier);
  BOOST_TEST(cut.timeline[9].output);
  BOOST_REQUIRE(cut.models.size() == 1u);
  const ModelResult& model = cut.models[0];
  BOOST_TEST(OutcomeName(model.exploration.outcome) == "interrupted");
  BOOST_TEST(model.exploration.interruption == "SIGINT");
  BOOST_TEST(model.exploration.error.empty());
  BOOST_TEST(model.exploration.options.crash_points == "all");
  BOOST_TEST(model.exploration.violations[0].replay.size() == 13u);
  BOOST_REQUIRE(model.groups.size() == 1u);
  BOOST_TEST(model.groups[0].replay[4] == "c10");
  BOOST_TEST(model.groups[0].differences[0].path == "db-journal");
  BOOST_TEST((model.groups[0].crash_points == std::vector<size_t>{10, 11, 12}));
  BOOST_TEST(model.crash_points[7].violating == 1u);
  BOOST_TEST(read->scenarios[0].models[1].crash_points.size() == 9u);
}

// Every leaf of the document, by JSON pointer (arrays: every element).
void Leaves(const json& node, const std::string& pointer, std::vector<std::string>& out) {
  if (node.is_object()) {
    // NOLINTNEXTLINE(performance-inefficient-string-concatenation)
    for (const auto& [key, value] : node.items()) Leaves(value, pointer + "/" + key, out);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      Leaves(node[i], pointer + "/" + std::to_string(i), out);
    }
  } else {
    out.push_back(pointer);
  }
}

// Fields the writer derives from others, which the reader therefore does not read.
bool Derived(const std::string& pointer) {
  for (const char* derived : {"/summary/", "/replay", "/complete", "/states_per_second"}) {
    if (pointer.find(derived) != std::string::npos && !pointer.ends_with("/replay_argv") &&
        pointer.find("/replay_argv/") == std::string::npos) {
      return true;
    }
  }
  return pointer == "/schema";
}

// Another value of the same type, that the reader accepts: names of enums are swapped for
// another name.
json Changed(const std::string& pointer, const json& value) {
  if (pointer.ends_with("/verdict") && pointer.find("/models/") == std::string::npos) {
    return value == "passed" ? "failed" : "passed";
  }
  if (pointer.ends_with("/outcome")) return value == "error" ? "violation" : "error";
  if (value.is_boolean()) return !value.get<bool>();
  if (value.is_number_float()) return value.get<double>() + 1.5;
  if (value.is_number_integer()) return value.get<int64_t>() + 1;
  if (value.is_string()) return value.get<std::string>() + "~";
  return "set";  // null: an optional value given
}

// The pointer with every array index replaced by '#': the field, whichever element holds it.
std::string FieldOf(const std::string& pointer) {
  std::string field;
  size_t at = 0;
  while (at < pointer.size()) {
    const size_t end = std::min(pointer.find('/', at + 1), pointer.size());
    const std::string part = pointer.substr(at, end - at);  // "/name" or "/12"
    const bool index = part.size() > 1 && part.find_first_not_of("0123456789", 1) == std::string::npos;
    field += index ? "/#" : part;
    at = end;
  }
  return field;
}

// The round trip, field by field: whatever one field holds is read back and written again, so
// the reader reads every field the writer writes (but the derived ones). Each field is changed
// in the first element that holds it: the same field in the other elements of an array is read
// by the same code (and each round trip parses and renders the whole document, which under
// ASan and gcov took up to two minutes for every leaf).
BOOST_AUTO_TEST_CASE(every_field_written_is_read_back) {
  json document = json::parse(RunReportJson(fixtures::InterruptedRun()));
  document["/scenarios/1/models/0/matching_groups"_json_pointer] = json::array({"a key"});
  std::vector<std::string> leaves;
  Leaves(document, "", leaves);
  BOOST_TEST(leaves.size() > 300u);
  std::set<std::string> fields;
  size_t tried = 0;
  for (const std::string& pointer : leaves) {
    if (Derived(pointer) || !fields.insert(FieldOf(pointer)).second) continue;
    const json::json_pointer at(pointer);
    json changed = document;
    // A null stands for an optional integer (seed, exit_code, signal) or string (model, shard,
    // error, interruption).
    const bool text = pointer.ends_with("/model") || pointer.ends_with("/shard") ||
                      pointer.ends_with("/error") || pointer.ends_with("/interruption");
    changed[at] = document[at].is_null() && !text ? json(3) : Changed(pointer, document[at]);
    const Result<RunReport> read = ParseRunReportJson(changed.dump());
    BOOST_REQUIRE_MESSAGE(read.ok(), pointer << ": " << read.status().ToString());
    const json again = json::parse(RunReportJson(*read));
    BOOST_TEST(again[at] == changed[at],
               pointer << ": wrote " << changed[at] << ", read back " << again[at]);
    ++tried;
  }
  BOOST_TEST_MESSAGE(tried << " fields changed and read back");
  BOOST_TEST(tried > 60u);
}

BOOST_AUTO_TEST_CASE(another_schema_is_refused_saying_what_it_is) {
  BOOST_TEST(ErrorOf(WithField("/schema", "powercut-explore/1")) ==
             "schema \"powercut-explore/1\" is the report of `powercut explore`; this needs the "
             "--json report of `powercut run` (powercut-run/1)");
  BOOST_TEST(ErrorOf(WithField("/schema", "powercut-run/2")).find("another version") !=
             std::string::npos);
  BOOST_TEST(ErrorOf(WithField("/schema", 1)) ==
             "not a powercut-run/1 report: it has no \"schema\" string");
  BOOST_TEST(ErrorOf("[1, 2]") == "not a powercut-run/1 report: the document is not a JSON object");
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_refused_with_where) {
  const std::string error = ErrorOf("{\"schema\": \"powercut-run/1\",\n  \"exit_code\": 1,,}");
  BOOST_TEST(error.starts_with("not valid JSON: "), error);
  BOOST_TEST(error.find("line 2") != std::string::npos, error);
  BOOST_TEST(ErrorOf("").starts_with("not valid JSON: "));
}

BOOST_AUTO_TEST_CASE(a_missing_field_is_named_with_its_place) {
  BOOST_TEST(ErrorOf(WithoutField("/scenarios/1/models/0/groups/1", "violations")) ==
             "scenarios[1].models[0].groups[1].violations: missing");
  BOOST_TEST(ErrorOf(WithoutField("", "options")) == "options: missing");
}

BOOST_AUTO_TEST_CASE(a_wrong_type_is_named_with_its_place_and_both_types) {
  BOOST_TEST(ErrorOf(WithField("/scenarios/0/models/1/met", "yes")) ==
             "scenarios[0].models[1].met: expected a boolean, found a string");
  BOOST_TEST(ErrorOf(WithField("/scenarios/1/timeline/3/index", 2.5)) ==
             "scenarios[1].timeline[3].index: expected an integer, found a number with a "
             "fraction");
  BOOST_TEST(ErrorOf(WithField("/scenarios/1/recording/warnings/0", 3)) ==
             "scenarios[1].recording.warnings[0]: expected a string, found an integer");
  BOOST_TEST(ErrorOf(WithField("/scenarios", json::object())) ==
             "scenarios: expected an array, found an object");
}

BOOST_AUTO_TEST_CASE(an_integer_out_of_range_is_refused) {
  BOOST_TEST(ErrorOf(WithField("/scenarios/1/recording/events", -1)) ==
             "scenarios[1].recording.events: the integer -1 is out of range");
  BOOST_TEST(ErrorOf(WithField("/exit_code", 4294967296)) ==
             "exit_code: the integer 4294967296 is out of range");
}

BOOST_AUTO_TEST_CASE(an_unknown_name_lists_the_known_ones) {
  BOOST_TEST(
      ErrorOf(WithField("/scenarios/2/verdict", "skip")) ==
      "scenarios[2].verdict: expected one of passed, failed, skipped, error, found \"skip\"");
  BOOST_TEST(ErrorOf(WithField("/scenarios/1/models/0/exploration/outcome", "ok")) ==
             "scenarios[1].models[0].exploration.outcome: expected one of consistent, violation, "
             "interrupted, error, found \"ok\"");
}

BOOST_AUTO_TEST_CASE(fields_a_later_writer_adds_are_ignored) {
  const Result<RunReport> read =
      ParseRunReportJson(WithField("/scenarios/0/models/0/groups", json::array())
                             .insert(1, "\"added_later\": {\"x\": [1]}, "));
  BOOST_TEST(read.ok(), read.status().ToString());
}

BOOST_AUTO_TEST_CASE(a_document_written_before_matching_groups_is_read) {
  const Result<RunReport> read =
      ParseRunReportJson(WithoutField("/scenarios/1/models/0", "matching_groups"));
  BOOST_REQUIRE_MESSAGE(read.ok(), read.status().ToString());
  BOOST_TEST(read->scenarios[1].models[0].matching_groups.empty());
  BOOST_TEST(ErrorOf(WithField("/scenarios/1/models/0/matching_groups", 3)) ==
             "scenarios[1].models[0].matching_groups: expected an array, found an integer");
}

BOOST_AUTO_TEST_CASE(damaged_documents_are_refused_or_read_never_crash) {
  const unsigned seed = std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed);
  std::mt19937 random(seed);
  const std::string text = RunReportJson(fixtures::MixedRun());
  size_t refused = 0;
  for (int round = 0; round < 300; ++round) {
    std::string damaged = text;
    if (round % 3 == 0) {
      damaged.resize(std::uniform_int_distribution<size_t>(0, text.size() - 1)(random));
    } else {
      for (int flips = 0; flips < 1 + round % 4; ++flips) {
        damaged[std::uniform_int_distribution<size_t>(0, text.size() - 1)(random)] =
            static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
      }
    }
    const Result<RunReport> read = ParseRunReportJson(damaged);
    refused += read.ok() ? 0 : 1;
    if (!read.ok()) BOOST_TEST(!read.status().message().empty(), "seed " << seed);
  }
  BOOST_TEST(refused > 100u, "seed " << seed);  // truncation alone refuses 100 of them
}

BOOST_AUTO_TEST_CASE(deeply_nested_input_is_refused_without_crashing) {
  const std::string deep =
      "{\"schema\": \"powercut-run/1\", \"scenarios\": " + std::string(100000, '[') +
      std::string(100000, ']') + "}";
  BOOST_TEST(ErrorOf(deep) == "powercut_version: missing");
}

BOOST_AUTO_TEST_CASE(the_file_is_written_and_read_and_errors_name_the_path) {
  powercut::testing::TempDir dir;
  BOOST_TEST(WriteRunJson(fixtures::MixedRun(), dir.Join("r.json")).ok());
  const Result<RunReport> read = ReadRunJson(dir.Join("r.json"));
  BOOST_REQUIRE(read.ok());
  BOOST_TEST(read->scenarios.size() == 4u);
  const Status unwritable = WriteRunJson(fixtures::MixedRun(), dir.Join("missing/r.json"));
  BOOST_TEST(unwritable.message().find("missing/r.json: cannot write the JSON report") !=
             std::string::npos);
  const Result<RunReport> missing = ReadRunJson(dir.Join("none.json"));
  BOOST_TEST(missing.status().IsNotFound());
  BOOST_TEST(missing.status().message().find("none.json") != std::string::npos);
  BOOST_TEST(WriteRunJson(fixtures::MixedRun(), dir.Join("bad.json")).ok());
  const std::string bad_path = dir.Join("bad.json");
  BOOST_TEST(::truncate(bad_path.c_str(), 100) == 0);
  const Result<RunReport> cut = ReadRunJson(bad_path);
  BOOST_TEST(cut.status().message().starts_with(bad_path + ": not valid JSON: "),
             cut.status().message());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
