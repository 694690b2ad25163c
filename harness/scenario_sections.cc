#include "harness/scenario_sections.h"

#include <algorithm>
#include <cerrno>
#include <regex>

#include "harness/scenario_loader.h"

namespace powercut::harness {
namespace {

std::vector<std::string> ModelNames() {
  std::vector<std::string> names;
  for (const crash::Model m : crash::AllModels()) names.emplace_back(crash::ModelName(m));
  return names;
}

std::string OneOf(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The fix for an unknown name among `names`.
std::string Suggest(const std::string& got, const std::vector<std::string>& names) {
  const std::string close = ClosestMatch(got, names);
  return close.empty() ? "one of " + OneOf(names) : "did you mean " + close + "?";
}

std::optional<crash::Model> Model(TableReader& table, std::string_view key,
                                  const std::string& name) {
  const std::optional<crash::Model> model = crash::ParseModel(name);
  if (!model) table.Error(key, "unknown model \"" + name + "\"", Suggest(name, ModelNames()));
  return model;
}

// The libfiu points of the shim (RECORDING.md "Faults"), by the short names a scenario uses.
const std::vector<std::pair<std::string, std::string>>& FaultPoints() {
  static const std::vector<std::pair<std::string, std::string>> points = {
      {"open", "oc/open"},
      {"write", "rw/write"},
      {"short_write", "rw/write/short"},
      {"truncate", "rw/truncate"},
      {"fallocate", "rw/fallocate"},
      {"fsync", "sync/fsync"},
      {"fdatasync", "sync/fdatasync"},
      {"sync", "sync/sync"},
      {"rename", "dir/rename"},
      {"unlink", "dir/unlink"},
      {"mkdir", "dir/mkdir"},
      {"rmdir", "dir/rmdir"},
      {"link", "dir/link"}};
  return points;
}

// The errno names a fault may give (those file-system calls return).
const std::vector<std::string>& ErrnoNames() {
  static const std::vector<std::string> names = {
      "EIO",    "ENOSPC", "EDQUOT", "EACCES",       "EPERM", "EROFS",  "EINTR",     "EAGAIN",
      "ENOMEM", "EBADF",  "EEXIST", "ENOENT",       "EFBIG", "EMFILE", "ENFILE",    "ENOTDIR",
      "EISDIR", "EINVAL", "EXDEV",  "ENAMETOOLONG", "ELOOP", "EBUSY",  "ENOTEMPTY", "EMLINK"};
  return names;
}

// "sync/fsync" for "fsync" or "powercut/io/sync/fsync"; empty when unknown.
std::string FaultPoint(const std::string& key) {
  const std::string bare = key.starts_with("powercut/io/") ? key.substr(12) : key;
  for (const auto& [name, point] : FaultPoints()) {
    if (bare == name || bare == point) return point;
  }
  return "";
}

void ReadFault(TableReader& faults, const std::string& key, const toml::table& spec,
               Scenario& scenario) {
  const std::string point = FaultPoint(key);
  TableReader table(spec, "faults." + key, faults.diagnostics());
  std::string what;
  if (point == "rw/write/short") {
    const auto bytes = table.Integer("bytes", 1, INT32_MAX);
    if (!bytes && !table.Has("bytes")) {
      table.Error("bytes", "missing", "add bytes = N: the write writes at most N bytes");
    }
    what = bytes ? std::to_string(*bytes) : "";
  } else {
    what = "EIO";
    if (const toml::node* node = table.Node("errno")) {
      if (node->is_integer() && *node->value<int64_t>() > 0 && *node->value<int64_t>() < 4096) {
        what = std::to_string(*node->value<int64_t>());
      } else if (const auto name = node->value<std::string>();
                 name && node->is_string() &&
                 std::find(ErrnoNames().begin(), ErrnoNames().end(), *name) != ErrnoNames().end()) {
        what = *name;
      } else {
        table.Error("errno", "expected an errno name or number, got " + DescribeNode(*node),
                    Suggest(node->value<std::string>().value_or(""), ErrnoNames()));
      }
    }
  }
  const auto nth = table.Integer("nth", 1, INT32_MAX);
  const auto from = table.Integer("from", 1, INT32_MAX);
  if (table.Has("nth") == table.Has("from")) {
    table.Error("",
                "give exactly one of nth = N (only the Nth call fails) or from = N (every "
                "call from the Nth on)");
  }
  table.RejectUnknown();
  if (!what.empty() && (nth || from)) {
    scenario.faults.push_back(
        {point + "=" + what + "@" + std::to_string(nth ? *nth : *from) + (from ? "+" : "")});
  }
}

ScenarioExpectation ReadExpectation(TableReader& table, const ScenarioExpectation& inherited) {
  ScenarioExpectation expect = inherited;
  if (const auto result = table.String("result")) {
    expect = {};
    if (*result == "violation") {
      expect.result = ScenarioExpectation::Result::kViolation;
    } else if (*result != "consistent") {
      table.Error("result", "unknown result \"" + *result + "\"",
                  "\"consistent\" (no crash state violates) or \"violation\" (one must)");
    }
  }
  if (const auto message = table.String("message")) {
    try {
      (void)std::regex(*message, std::regex::ECMAScript);
      expect.message = *message;
    } catch (const std::regex_error& e) {
      table.Error("message", std::string("not a valid regular expression: ") + e.what(),
                  "an ECMAScript regex; escape . * + ? ( ) [ ] { } | \\ with \\\\ to match them");
    }
  }
  if (const auto name = table.String("class")) {
    expect.classification = ParseClassName(*name);
    if (!expect.classification) {
      table.Error("class", "unknown class \"" + *name + "\"", Suggest(*name, ClassNames()));
    }
  }
  if (expect.result == ScenarioExpectation::Result::kConsistent) {
    for (const char* key : {"message", "class"}) {
      if (table.Has(key)) {
        table.Error(key, "only a violation has one", "set result = \"violation\", or remove it");
      }
    }
  }
  return expect;
}

}  // namespace

void ReadExplore(TableReader& table, Scenario& scenario) {
  ScenarioExplore& e = scenario.explore;
  crash::GeneratorOptions& g = e.generator;
  const auto model = table.String("model");
  const auto models = table.Strings("models", true);
  if (table.Has("model") && table.Has("models")) {
    table.Error("models", "given with model", "give one model = \"...\" or a list models = [...]");
  }
  for (const std::string& name :
       models ? *models : std::vector<std::string>{model.value_or("posix")}) {
    const std::optional<crash::Model> m = Model(table, models ? "models" : "model", name);
    if (!m) continue;
    if (std::find(e.models.begin(), e.models.end(), *m) != e.models.end()) {
      table.Error("models", "\"" + name + "\" is listed twice", "list each model once");
      continue;
    }
    e.models.push_back(*m);
  }
  if (const auto v = table.Integer("sector_bytes", 1, 1 << 20)) {
    g.sector_bytes = static_cast<uint32_t>(*v);
  }
  if (const auto v = table.String("crash_points")) {
    if (*v == "syncs") {
      g.crash_points = crash::CrashPoints::kSyncs;
    } else if (*v != "all") {
      table.Error("crash_points", "unknown value \"" + *v + "\"", "\"all\" or \"syncs\"");
    }
  }
  if (const auto v = table.String("strategy")) {
    if (*v == "sample") {
      g.strategy = crash::Strategy::kSample;
    } else if (*v != "exhaustive") {
      table.Error("strategy", "unknown value \"" + *v + "\"", "\"exhaustive\" or \"sample\"");
    }
  }
  if (const auto v = table.Integer("max_deviations", 0, 64)) {
    g.max_deviations = static_cast<int>(*v);
  }
  if (const auto v = table.Integer("samples", 1, int64_t{1} << 40)) {
    g.samples = static_cast<size_t>(*v);
  }
  if (const auto v = table.Integer("seed", 0, INT64_MAX)) g.seed = static_cast<uint64_t>(*v);
  if (const auto v = table.Integer("max_states", 1, int64_t{1} << 40)) {
    g.max_states = static_cast<size_t>(*v);
  }
  if (const auto v = table.Bool("crash_recovery")) e.crash_recovery = *v;
  if (const auto v = table.Integer("jobs", 1, 1024)) e.jobs = static_cast<int>(*v);
  const bool sample = g.strategy == crash::Strategy::kSample;
  if (!sample && table.Has("samples")) {
    table.Error("samples", "only strategy = \"sample\" draws samples",
                "remove it, or set strategy = \"sample\"");
  }
  if (sample && table.Has("max_deviations")) {
    table.Error("max_deviations", "bounds exhaustive exploration only",
                "remove it, or set strategy = \"exhaustive\"");
  }
  table.RejectUnknown();
}

void ReadFaults(TableReader& table, Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& [name, point] : FaultPoints()) names.push_back(name);
  for (const auto& [key, node] : table.table()) {
    const std::string name(key.str());
    (void)table.Node(name);  // known: every key is a point, checked here
    if (FaultPoint(name).empty()) {
      const std::string close = ClosestMatch(name, names);
      table.Error(name, "unknown fault point",
                  close.empty() ? "one of " + OneOf(names) + ", or a powercut/io/... point name"
                                : "did you mean " + close + "?");
    } else if (!node.is_table()) {
      table.Error(
          name, "expected a table such as { errno = \"EIO\", nth = 1 }, got " + DescribeNode(node));
    } else {
      ReadFault(table, name, *node.as_table(), scenario);
    }
  }
}

void ReadExpect(TableReader& table, Scenario& scenario) {
  scenario.expect = ReadExpectation(table, {});
  for (const auto& [key, node] : table.table()) {
    if (!node.is_table()) continue;  // result, message, class: read above (a wrong one too)
    const std::string name(key.str());
    (void)table.Node(name);
    const std::optional<crash::Model> model = Model(table, name, name);
    if (!model) continue;
    const auto& models = scenario.explore.models;
    if (std::find(models.begin(), models.end(), *model) == models.end()) {
      table.Error(name, "model " + name + " is not explored",
                  "add it to [explore] models, or remove [expect." + name + "]");
    }
    TableReader sub(*node.as_table(), "expect." + name, table.diagnostics());
    scenario.expect_by_model[*model] = ReadExpectation(sub, scenario.expect);
    sub.RejectUnknown();
  }
  table.RejectUnknown();
}

}  // namespace powercut::harness
