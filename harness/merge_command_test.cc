// `powercut merge RESULT.json... -o RESULT.json`: the shards' reports read, checked and joined;
// the merged report and its JUnit and HTML written; every problem with the inputs is exit 2 with
// a message naming the file.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "harness/exit_codes.h"
#include "harness/run_test_fixture.h"
#include "reports/run_json.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;
using test::Has;
using test::kBroken;
using test::kCorrect;
using test::Run;
using test::Scenarios;

Run Merge(std::vector<std::string> args) {
  args.insert(args.begin(), "merge");
  return Scenarios::Command(std::move(args));
}

// The broken and the correct journal run whole and as `parts` shards, each with its --json.
struct ShardedRun {
  Scenarios s;
  std::vector<std::string> files = {s.Write("broken.toml", kBroken),
                                    s.Write("correct.toml", kCorrect)};
  std::string whole = s.dir.Join("whole.json");
  std::vector<std::string> parts;

  explicit ShardedRun(size_t count, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = files;
    args.insert(args.end(), {"--json", whole});
    args.insert(args.end(), extra.begin(), extra.end());
    BOOST_REQUIRE(s.Powercut(args).exit_code == kExitOk);
    for (size_t k = 1; k <= count; ++k) {
      parts.push_back(s.dir.Join("part" + std::to_string(k) + ".json"));
      std::vector<std::string> shard = files;
      shard.insert(shard.end(), {"--shard", std::to_string(k) + "/" + std::to_string(count),
                                 "--json", parts.back()});
      shard.insert(shard.end(), extra.begin(), extra.end());
      const Run r = s.Powercut(shard);
      BOOST_REQUIRE_MESSAGE(r.exit_code == kExitOk, r.out << r.err);
    }
  }
  std::vector<std::string> Inputs(const std::string& out) const {
    std::vector<std::string> args = parts;
    args.insert(args.end(), {"-o", out});
    return args;
  }
};

reports::RunReport Read(const std::string& path) {
  Result<reports::RunReport> read = reports::ReadRunJson(path);
  BOOST_REQUIRE_MESSAGE(read.ok(), read.status().ToString());
  return std::move(read).value();
}

BOOST_AUTO_TEST_SUITE(merge_command)

BOOST_AUTO_TEST_CASE(merging_every_shard_writes_the_whole_runs_result_and_reports) {
  ShardedRun run(3);
  const std::string out = run.s.dir.Join("merged.json");
  std::vector<std::string> args = run.Inputs(out);
  args.insert(args.end(),
              {"--junit", run.s.dir.Join("merged.xml"), "--report-dir", run.s.dir.Join("html")});
  const Run r = Merge(args);
  BOOST_TEST(r.exit_code == kExitOk, r.out << r.err);
  BOOST_TEST(Has(r.out, "2 scenarios: 2 passed, 0 failed, 0 skipped, 0 errors (exit 0)"), r.out);
  const reports::RunReport merged = Read(out);
  const reports::RunReport whole = Read(run.whole);
  BOOST_TEST(merged.shard.empty());
  BOOST_REQUIRE(merged.scenarios.size() == 2u);
  const reports::ModelResult& m = merged.scenarios[0].models.at(0);
  const reports::ModelResult& w = whole.scenarios[0].models.at(0);
  BOOST_TEST(m.verdict == w.verdict);
  BOOST_TEST(m.exploration.stats.checked == w.exploration.stats.checked);
  BOOST_TEST(m.groups.size() == w.groups.size());
  BOOST_TEST(Has(test::ReadFile(run.s.dir.Join("merged.xml")), "<testcase name=\"broken\""));
  BOOST_TEST(Has(test::ReadFile(run.s.dir.Join("html/index.html")), "non-atomic update"));
}

BOOST_AUTO_TEST_CASE(a_missing_or_repeated_shard_is_refused_naming_it) {
  ShardedRun run(3);
  const std::string out = run.s.dir.Join("merged.json");
  Run r = Merge({run.parts[0], run.parts[2], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "powercut merge: missing shard 2/3"), r.err);
  r = Merge({run.parts[0], run.parts[1], run.parts[1], run.parts[2], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "shard 2/3 is given twice: " + run.parts[1] + " and " + run.parts[1]),
             r.err);
  r = Merge({run.parts[0], run.whole, "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, run.whole + " is not the report of a shard"), r.err);
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(shards_of_different_runs_are_refused) {
  ShardedRun three(3);
  ShardedRun two(2);
  ShardedRun seeded(2, {"--seed", "5"});
  const std::string out = three.s.dir.Join("merged.json");
  Run r = Merge({three.parts[0], two.parts[1], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, two.parts[1] + " is shard 2/2 but " + three.parts[0] + " is of 3 shards"),
             r.err);
  r = Merge({two.parts[0], seeded.parts[1], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "differ in options.seed: they are not shards of one run"), r.err);
  // Another scenario in the same place.
  nlohmann::json renamed = nlohmann::json::parse(test::ReadFile(two.parts[1]));
  renamed["scenarios"][1]["name"] = "other";
  test::WriteTextFile(two.parts[1], renamed.dump());
  r = Merge({two.parts[0], two.parts[1], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "differ in scenarios[1] (name or file)"), r.err);
  // Another state space: the workload recorded something else on one machine.
  nlohmann::json other = nlohmann::json::parse(test::ReadFile(seeded.parts[1]));
  other["scenarios"][0]["models"][0]["exploration"]["stats"]["unique"] = 1;
  test::WriteTextFile(seeded.parts[1], other.dump());
  r = Merge({seeded.parts[0], seeded.parts[1], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "scenarios[0].models[0].exploration.stats (the states generated"), r.err);
}

BOOST_AUTO_TEST_CASE(a_corrupt_or_foreign_file_is_refused_naming_it) {
  ShardedRun run(2);
  const std::string out = run.s.dir.Join("merged.json");
  const std::string text = test::ReadFile(run.parts[1]);
  test::WriteTextFile(run.parts[1], text.substr(0, text.size() / 2));
  Run r = Merge({run.parts[0], run.parts[1], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "powercut merge: " + run.parts[1] + ": not valid JSON"), r.err);
  test::WriteTextFile(run.parts[1], R"({"schema": "powercut-explore/1"})");
  r = Merge({run.parts[0], run.parts[1], "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "is the report of `powercut explore`"), r.err);
  r = Merge({run.parts[0], run.s.dir.Join("absent.json"), "-o", out});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "absent.json: cannot read the JSON report: no such file"), r.err);
  r = Merge({run.parts[0], run.parts[0], "-o", run.s.dir.Join("no/dir/merged.json")});
  BOOST_TEST(r.exit_code == kExitUsage);
  BOOST_TEST(Has(r.err, "-o " + run.s.dir.Join("no/dir/merged.json")), r.err);
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
