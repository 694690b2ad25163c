#include "harness/options.h"

#include <boost/test/unit_test.hpp>

namespace powercut::harness {
namespace {

using namespace std::chrono_literals;

ExploreFlags Flags() {
  ExploreFlags flags;
  flags.trace = "runs/save.trace";
  flags.checker = "test -s f";
  return flags;
}

// The message of the error parsing `flags` gives, or "" when they parse.
std::string ErrorOf(const ExploreFlags& flags) {
  const Result<ExploreSettings> settings = ParseExploreFlags(flags);
  return settings.ok() ? "" : settings.status().message();
}

BOOST_AUTO_TEST_SUITE(options)

BOOST_AUTO_TEST_CASE(defaults_are_the_design_defaults) {
  const Result<ExploreSettings> s = ParseExploreFlags(Flags());
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(crash::ModelName(s->generator.model) == "posix");
  BOOST_TEST(s->generator.sector_bytes == 512u);
  BOOST_TEST(s->generator.max_deviations == 2);
  BOOST_TEST(s->generator.max_states == 100000u);
  BOOST_TEST((s->generator.crash_points == crash::CrashPoints::kAll));
  BOOST_TEST((s->generator.strategy == crash::Strategy::kExhaustive));
  BOOST_TEST(s->jobs >= 1);
  BOOST_TEST(s->checker.timeout.count() == 10000);
  BOOST_TEST(s->checker.scenario == "save");
  BOOST_TEST(s->json_path.empty());
}

BOOST_AUTO_TEST_CASE(every_option_is_converted) {
  ExploreFlags f = Flags();
  f.model.model = "ext4-ordered";
  f.model.sector_bytes = "4096";
  f.crash_points = "syncs";
  f.max_deviations = "0";
  f.strategy = "sample";
  f.samples = "50";
  f.seed = "18446744073709551615";
  f.jobs = "3";
  f.max_states = "7";
  f.timeout = "0.25";
  f.scratch = "/var/tmp";
  f.json = "out.json";
  const Result<ExploreSettings> s = ParseExploreFlags(f);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(crash::ModelName(s->generator.model) == "ext4-ordered");
  BOOST_TEST(s->generator.sector_bytes == 4096u);
  BOOST_TEST((s->generator.crash_points == crash::CrashPoints::kSyncs));
  BOOST_TEST(s->generator.max_deviations == 0);
  BOOST_TEST((s->generator.strategy == crash::Strategy::kSample));
  BOOST_TEST(s->generator.samples == 50u);
  BOOST_TEST(s->generator.seed == 18446744073709551615ull);
  BOOST_TEST(s->jobs == 3);
  BOOST_TEST(s->generator.max_states == 7u);
  BOOST_TEST(s->checker.timeout.count() == 250);
  BOOST_TEST(s->scratch == "/var/tmp");
  BOOST_TEST(s->json_path == "out.json");
}

BOOST_AUTO_TEST_CASE(bad_values_name_the_option_the_value_and_what_it_takes) {
  struct Case {
    std::string ExploreFlags::*field;
    std::string value;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {&ExploreFlags::crash_points, "some", "--crash-points: expected all or syncs, got 'some'"},
      {&ExploreFlags::strategy, "random", "--strategy: expected exhaustive or sample"},
      {&ExploreFlags::max_deviations, "-1", "--max-deviations: expected a whole number"},
      {&ExploreFlags::samples, "0", "--samples: expected a whole number from 1"},
      {&ExploreFlags::seed, "0x10", "--seed: expected a whole number"},
      {&ExploreFlags::jobs, "0", "--jobs: expected a whole number from 1 to 1024, got '0'"},
      {&ExploreFlags::jobs, "2 ", "--jobs"},
      {&ExploreFlags::max_states, "1e5", "--max-states"},
      {&ExploreFlags::timeout, "0", "--timeout: expected seconds above 0"},
      {&ExploreFlags::timeout, "-1", "--timeout"},
      {&ExploreFlags::timeout, "5s", "--timeout"},
      {&ExploreFlags::checker, "  ", "--checker: expected a shell command"},
  };
  for (const Case& c : cases) {
    ExploreFlags f = Flags();
    f.*c.field = c.value;
    const std::string error = ErrorOf(f);
    BOOST_TEST(error.starts_with(c.expected), c.value << " gave: " << error);
  }
  ExploreFlags f = Flags();
  f.model.model = "ext3";
  BOOST_TEST(ErrorOf(f).starts_with("--model: expected one of posix, ext4-ordered, prefix, "
                                    "drop-unsynced (see `powercut models`), got 'ext3'"));
  f = Flags();
  f.model.sector_bytes = "0";
  BOOST_TEST(ErrorOf(f).starts_with("--sector-bytes: expected a whole number from 1"));
}

BOOST_AUTO_TEST_CASE(replay_takes_what_state_ids_depend_on) {
  ReplayFlags f;
  f.trace = "t.trace";
  f.state = "c3+e1";
  f.out_dir = "out";
  f.model.model = "prefix";
  f.model.sector_bytes = "1024";
  const Result<ReplaySettings> s = ParseReplayFlags(f);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(crash::ModelName(s->generator.model) == "prefix");
  BOOST_TEST(s->generator.sector_bytes == 1024u);
  BOOST_TEST(s->checker.command.empty());
  f.model.model = "nope";
  BOOST_TEST(!ParseReplayFlags(f).ok());
}

BOOST_AUTO_TEST_CASE(the_scenario_is_the_trace_file_name_without_its_extension) {
  BOOST_TEST(ScenarioName("runs/save.trace") == "save");
  BOOST_TEST(ScenarioName("save") == "save");
  BOOST_TEST(ScenarioName("/a/b.c.trace") == "b.c");
  BOOST_TEST(ScenarioName(".trace") == ".trace");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
