#include "harness/options.h"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace powercut::harness {
namespace {

constexpr uint64_t kMaxSectorBytes = 1u << 20;
constexpr int kMaxJobs = 1024;
constexpr double kMaxTimeoutSeconds = 7 * 24 * 3600;

Status Bad(const std::string& option, const std::string& got, const std::string& wanted) {
  return Status::InvalidArgument(option + ": expected " + wanted + ", got '" + got + "'");
}

// A plain decimal in [low, high]: no sign, no base prefix, no spaces.
Result<uint64_t> ParseWhole(const std::string& option, const std::string& text, uint64_t low,
                            uint64_t high) {
  const std::string wanted =
      "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (!digits || error != std::errc() || stop != end || value < low || value > high) {
    return Bad(option, text, wanted);
  }
  return value;
}


Status ParseModelFlags(const ModelFlags& flags, crash::GeneratorOptions& generator) {
  const std::optional<crash::Model> model = crash::ParseModel(flags.model);
  if (!model) {
    std::string names;
    for (const crash::Model m : crash::AllModels()) {
      names += (names.empty() ? "" : ", ") + std::string(crash::ModelName(m));
    }
    return Bad("--model", flags.model, "one of " + names + " (see `powercut models`)");
  }
  generator.model = *model;
  POWERCUT_ASSIGN_OR_RETURN(const uint64_t sector,
                            ParseWhole("--sector-bytes", flags.sector_bytes, 1, kMaxSectorBytes));
  generator.sector_bytes = static_cast<uint32_t>(sector);
  return Status::Ok();
}

Status ParseCheckerCommand(const std::string& option, const std::string& command) {
  if (command.find_first_not_of(" \t\n") == std::string::npos) {
    return Bad(option, command, "a shell command, e.g. 'test -s data'");
  }
  return Status::Ok();
}

}  // namespace

Result<std::chrono::milliseconds> ParseSeconds(const std::string& option, const std::string& text) {
  const std::string wanted = "seconds above 0, e.g. 5 or 0.5";
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) {
    return Bad(option, text, wanted);
  }
  double seconds = 0;
  const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc() || stop != text.data() + text.size() || !(seconds > 0) ||
      seconds > kMaxTimeoutSeconds) {
    return Bad(option, text, wanted);
  }
  const auto ms = static_cast<int64_t>(std::ceil(seconds * 1000));
  return std::chrono::milliseconds(std::max<int64_t>(ms, 1));
}

int CpusOnline() {
  const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  return cpus > 0 ? static_cast<int>(std::min<long>(cpus, kMaxJobs)) : 1;
}

Result<RunSettings> ParseRunFlags(const RunFlags& flags) {
  RunSettings settings;
  settings.scenario_paths = flags.scenarios;
  if (!flags.model.empty()) {
    crash::GeneratorOptions generator;
    POWERCUT_RETURN_IF_ERROR(ParseModelFlags({.model = flags.model}, generator));
    settings.model = generator.model;
  }
  if (!flags.seed.empty()) {
    POWERCUT_ASSIGN_OR_RETURN(settings.seed, ParseWhole("--seed", flags.seed, 0,
                                                        std::numeric_limits<int64_t>::max()));
  }
  if (!flags.jobs.empty()) {
    POWERCUT_ASSIGN_OR_RETURN(const uint64_t jobs, ParseWhole("--jobs", flags.jobs, 1, kMaxJobs));
    settings.jobs = static_cast<int>(jobs);
  }
  if (!flags.max_states.empty()) {
    POWERCUT_ASSIGN_OR_RETURN(settings.max_states,
                              ParseWhole("--max-states", flags.max_states, 1, uint64_t{1} << 40));
  }
  if (flags.work_dir.empty()) return Bad("--work-dir", flags.work_dir, "a directory");
  settings.work_dir = flags.work_dir;
  settings.scratch = flags.scratch;
  if (!flags.shard.empty()) {
    POWERCUT_ASSIGN_OR_RETURN(settings.shard, ParseShard(flags.shard));
  }
  settings.reports = flags.reports;
  return settings;
}

Result<ExploreSettings> ParseExploreFlags(const ExploreFlags& flags) {
  ExploreSettings settings;
  settings.trace_path = flags.trace;
  crash::GeneratorOptions& g = settings.generator;
  POWERCUT_RETURN_IF_ERROR(ParseModelFlags(flags.model, g));
  if (flags.crash_points == "all") {
    g.crash_points = crash::CrashPoints::kAll;
  } else if (flags.crash_points == "syncs") {
    g.crash_points = crash::CrashPoints::kSyncs;
  } else {
    return Bad("--crash-points", flags.crash_points, "all or syncs");
  }
  if (flags.strategy == "exhaustive") {
    g.strategy = crash::Strategy::kExhaustive;
  } else if (flags.strategy == "sample") {
    g.strategy = crash::Strategy::kSample;
  } else {
    return Bad("--strategy", flags.strategy, "exhaustive or sample");
  }
  POWERCUT_ASSIGN_OR_RETURN(const uint64_t deviations,
                            ParseWhole("--max-deviations", flags.max_deviations, 0, 64));
  g.max_deviations = static_cast<int>(deviations);
  POWERCUT_ASSIGN_OR_RETURN(g.samples,
                            ParseWhole("--samples", flags.samples, 1, uint64_t{1} << 40));
  POWERCUT_ASSIGN_OR_RETURN(g.seed, ParseWhole("--seed", flags.seed, 0,
                                               std::numeric_limits<uint64_t>::max()));
  POWERCUT_ASSIGN_OR_RETURN(g.max_states,
                            ParseWhole("--max-states", flags.max_states, 1, uint64_t{1} << 40));
  if (flags.jobs.empty()) {
    settings.jobs = CpusOnline();
  } else {
    POWERCUT_ASSIGN_OR_RETURN(const uint64_t jobs, ParseWhole("--jobs", flags.jobs, 1, kMaxJobs));
    settings.jobs = static_cast<int>(jobs);
  }
  POWERCUT_RETURN_IF_ERROR(ParseCheckerCommand("--checker", flags.checker));
  settings.checker.command = flags.checker;
  POWERCUT_ASSIGN_OR_RETURN(settings.checker.timeout, ParseSeconds("--timeout", flags.timeout));
  settings.checker.scenario = ScenarioName(flags.trace);
  settings.scratch = flags.scratch;
  settings.json_path = flags.json;
  return settings;
}

Result<ReplaySettings> ParseReplayFlags(const ReplayFlags& flags) {
  ReplaySettings settings;
  settings.trace_path = flags.trace;
  settings.state_id = flags.state;
  settings.out_dir = flags.out_dir;
  POWERCUT_RETURN_IF_ERROR(ParseModelFlags(flags.model, settings.generator));
  if (!flags.checker.empty()) {
    POWERCUT_RETURN_IF_ERROR(ParseCheckerCommand("--checker", flags.checker));
    settings.checker.command = flags.checker;
  }
  POWERCUT_ASSIGN_OR_RETURN(settings.checker.timeout, ParseSeconds("--timeout", flags.timeout));
  settings.checker.scenario = ScenarioName(flags.trace);
  return settings;
}

std::string ScenarioName(const std::string& trace_path) {
  std::string name = trace_path;
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  if (const size_t slash = name.rfind('/'); slash != std::string::npos) name.erase(0, slash + 1);
  if (name.size() > 6 && name.ends_with(".trace")) name.resize(name.size() - 6);
  return name;
}

}  // namespace powercut::harness
