#include "harness/scenario_loader.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/builtin_seed_journal.h"
#include "harness/printable.h"
#include "harness/process.h"
#include "harness/scenario_sections.h"
#include "journal/tool/txn_content.h"

namespace powercut::harness {
namespace {

namespace fs = std::filesystem;

constexpr double kMaxTimeoutSeconds = 7 * 24 * 3600;
const std::vector<std::string> kBuiltins = {kBuiltinJournal, kBuiltinSeedJournal};

std::chrono::milliseconds ToMilliseconds(double seconds) {
  return std::chrono::milliseconds(
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(seconds * 1000))));
}

bool IsExecutableFile(const std::string& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

// Reads the tables of one file into a Scenario.
class Loader {
 public:
  Loader(const toml::table& root, const std::string& path, Diagnostics& diagnostics)
      : root_(root, "", diagnostics), diagnostics_(diagnostics) {
    scenario_.file = path;
    std::error_code error;
    scenario_.dir = fs::absolute(fs::path(path), error).parent_path().lexically_normal().string();
  }

  Scenario Load() {
    ReadTop();
    const toml::table* workload = Required("workload",
                                           "add a [workload] table with command = "
                                           "[\"./my-program\"] or builtin = \"journal\"");
    const toml::table* checker = Required("checker",
                                          "add a [checker] table with command = "
                                          "[\"./my-checker\", \"{output}\"]");
    if (workload != nullptr) {
      TableReader table(*workload, "workload", diagnostics_);
      ReadWorkload(table);
    }
    if (checker != nullptr) {
      TableReader table(*checker, "checker", diagnostics_);
      ReadChecker(table);
    }
    TableReader explore(Optional("explore"), "explore", diagnostics_);
    ReadExplore(explore, scenario_);
    TableReader faults(Optional("faults"), "faults", diagnostics_);
    ReadFaults(faults, scenario_);
    if (!scenario_.faults.empty() && scenario_.builtin_workload()) {
      faults.Error("", "faults are injected by the LD_PRELOAD shim into a program",
                   "remove [faults], or use a command workload");
    }
    TableReader expect(Optional("expect"), "expect", diagnostics_);
    ReadExpect(expect, scenario_);
    root_.RejectUnknown();
    CheckCombinations();
    return std::move(scenario_);
  }

 private:
  const toml::table* Required(std::string_view key, std::string_view fix) {
    const toml::table* table = root_.Table(key);
    if (table == nullptr && !root_.Has(key)) {
      diagnostics_.Add(1, key, "", "missing", fix);
    }
    return table;
  }

  // The table, or an empty one when absent (its keys then all take their defaults).
  const toml::table& Optional(std::string_view key) {
    const toml::table* table = root_.Table(key);
    return table != nullptr ? *table : empty_;
  }

  void ReadTop() {
    const std::optional<std::string> name = root_.String("name");
    if (!name) {
      if (!root_.Has("name")) {
        diagnostics_.Add(1, "", "name", "missing",
                         "add name = \"...\" (letters, digits, '.', '_', '-')");
      }
    } else if (name->empty() || !std::isalnum(static_cast<unsigned char>((*name)[0])) ||
               name->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789._-") != std::string::npos) {
      root_.Error("name", "\"" + *name + "\" is not a valid name",
                  "start with a letter or digit, then letters, digits, '.', '_' and '-' only: it "
                  "names reports, tests and the scenario's work directory");
    } else {
      scenario_.name = *name;
    }
    scenario_.description = root_.String("description").value_or("");
  }

  void ReadWorkload(TableReader& table) {
    ScenarioWorkload& w = scenario_.workload;
    ExactlyOneOfCommandOrBuiltin(table, "no workload", "[\"program\", \"arg\"...]");
    if (const auto command = table.Strings("command", true)) {
      w.command = Program(table, "command", *command);
    }
    if (const auto builtin = table.String("builtin")) w.builtin = Builtin(table, *builtin);
    const toml::table* options = table.Table("options");
    if (options != nullptr && w.builtin == kBuiltinJournal) {
      TableReader reader(*options, "workload.options", diagnostics_);
      ReadJournalOptions(reader);
    } else if (options != nullptr && w.builtin == kBuiltinSeedJournal) {
      TableReader reader(*options, "workload.options", diagnostics_);
      ReadSeedJournalOptions(reader, w.seed_journal);
    } else if (options != nullptr) {
      table.Error("options", "options are for a builtin workload",
                  "pass options to a program as arguments in command");
    } else if (w.builtin == kBuiltinJournal) {
      table.Error("builtin", "the journal workload needs [workload.options] with at least mode",
                  "add [workload.options] with mode = \"immediate\", \"group\" or \"relaxed\"");
    }
    ReadSetup(table);
    ReadFiles(table);
    ReadEnv(table);
    if (const auto timeout = table.Seconds("timeout_s", kMaxTimeoutSeconds)) {
      w.timeout = ToMilliseconds(*timeout);
    }
    table.RejectUnknown();
  }

  void ReadJournalOptions(TableReader& table) {
    journal::tool::WorkloadOptions& o = scenario_.workload.journal.options;
    o.dir = "wal";
    o.txns = 10;
    o.ops_per_txn = 3;
    const std::optional<std::string> mode = table.String("mode");
    if (mode) {
      const std::optional<journal::Durability> durability = journal::ParseDurability(*mode);
      if (!durability) {
        table.Error("mode", "unknown mode \"" + *mode + "\"", "immediate, group or relaxed");
      } else {
        o.durability = *durability;
      }
    } else if (!table.Has("mode")) {
      table.Error("mode", "missing", "add mode = \"immediate\", \"group\" or \"relaxed\"");
    }
    constexpr int64_t kMany = int64_t{1} << 40;
    if (const auto v = table.Integer("txns", 1, kMany)) o.txns = static_cast<uint64_t>(*v);
    if (const auto v = table.Integer("threads", 1, journal::tool::kMaxWorkloadThreads)) {
      o.threads = static_cast<uint32_t>(*v);
    }
    if (const auto v = table.Integer("ops_per_txn", 1, 4096)) {
      o.ops_per_txn = static_cast<uint32_t>(*v);
    }
    if (const auto v = table.Integer("checkpoint_every", 0, kMany)) {
      o.checkpoint_every = static_cast<uint64_t>(*v);
    }
    if (const auto v = table.Integer("reopen_every", 0, kMany)) {
      o.reopen_every = static_cast<uint64_t>(*v);
    }
    if (const auto v = table.Integer("seed", 0, INT64_MAX)) o.seed = static_cast<uint64_t>(*v);
    if (const auto v = table.Integer("max_segment_bytes", 0, kMany)) {
      o.max_segment_bytes = static_cast<uint64_t>(*v);
    }
    if (const auto v = table.String("dir")) o.dir = *v;
    if (const auto v = table.String("drop_syncs")) {
      if (*v == "files") {
        scenario_.workload.journal.dropped = DroppedSyncs::kFileSyncs;
      } else if (*v == "directories") {
        scenario_.workload.journal.dropped = DroppedSyncs::kDirectorySyncs;
      } else {
        table.Error("drop_syncs", "unknown value \"" + *v + "\"", "\"files\" or \"directories\"");
      }
    }
    if (const Status valid = journal::tool::ValidateWorkloadOptions(o); !valid.ok()) {
      table.Error("", valid.message(), "see the journal workload's options in docs/scenarios.md");
    }
    table.RejectUnknown();
  }

  void ReadSetup(TableReader& table) {
    const toml::node* node = table.Node("setup");
    if (node == nullptr) return;
    const toml::array* commands = node->as_array();
    const std::string fix = "write setup = [[\"sh\", \"-c\", \"mkdir -p wal\"]]: a list of argv";
    if (commands == nullptr) {
      return table.Error("setup", "expected an array of commands, got " + DescribeNode(*node), fix);
    }
    for (size_t i = 0; i < commands->size(); ++i) {
      const toml::array* argv = commands->get(i)->as_array();
      std::vector<std::string> args;
      for (size_t j = 0; argv != nullptr && j < argv->size(); ++j) {
        const toml::node* element = argv->get(j);
        if (const auto* arg = element != nullptr ? element->as_string() : nullptr) {
          args.push_back(arg->get());
        } else {
          argv = nullptr;
        }
      }
      if (argv == nullptr || args.empty()) {
        return table.Error(
            "setup", "command " + std::to_string(i + 1) + " is not a non-empty array of strings",
            fix);
      }
      scenario_.workload.setup.push_back(Program(table, "setup", args));
    }
  }

  void ReadFiles(TableReader& table) {
    const toml::table* files = table.Table("files");
    if (files == nullptr) return;
    for (const auto& [key, value] : *files) {
      const std::string path(key.str());
      const fs::path normal = fs::path(path).lexically_normal();
      const bool escapes =
          normal.is_absolute() || normal.empty() || *normal.begin() == ".." || normal == ".";
      if (escapes) {
        table.Error("files", "\"" + path + "\" is not a path inside the directory under test",
                    "use a relative path such as \"data/f\"");
      } else if (!value.is_string()) {
        table.Error("files", "\"" + path + "\": expected a string (the file's contents), got " +
                                 DescribeNode(value));
      } else {
        scenario_.workload.files.emplace_back(normal.string(), *value.value<std::string>());
      }
    }
  }

  void ReadEnv(TableReader& table) {
    const toml::table* env = table.Table("env");
    if (env == nullptr) return;
    for (const auto& [key, value] : *env) {
      const std::string name(key.str());
      const bool valid = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                         name.find_first_not_of(
                             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                             "VWXYZ0123456789_") == std::string::npos;
      if (!valid) {
        table.Error("env", "\"" + name + "\" is not a variable name", "letters, digits and _");
      } else if (name.starts_with("POWERCUT_") || name == "LD_PRELOAD") {
        table.Error("env", name + " is set by powercut itself", "choose another name");
      } else if (!value.is_string()) {
        table.Error("env", name + ": expected a string, got " + DescribeNode(value));
      } else {
        scenario_.workload.env.emplace_back(name, *value.value<std::string>());
      }
    }
  }

  void ReadChecker(TableReader& table) {
    ScenarioChecker& c = scenario_.checker;
    ExactlyOneOfCommandOrBuiltin(table, "no checker", "[\"program\", \"{output}\"]");
    if (const auto command = table.Strings("command", true)) {
      c.command = Program(table, "command", *command);
    }
    if (const auto builtin = table.String("builtin")) c.builtin = Builtin(table, *builtin);
    if (const auto timeout = table.Seconds("timeout_s", kMaxTimeoutSeconds)) {
      c.timeout = ToMilliseconds(*timeout);
    }
    table.RejectUnknown();
    if (!c.builtin.empty() && scenario_.workload.builtin != c.builtin) {
      table.Error("builtin",
                  "the builtin checker \"" + c.builtin +
                      "\" needs the builtin workload "
                      "of the same name (it checks what that workload promised)",
                  "use a command checker, or builtin = \"" + c.builtin + "\" in [workload]");
    }
  }

  // [workload] and [checker] take a command or a builtin, not both, not neither.
  static void ExactlyOneOfCommandOrBuiltin(TableReader& table, std::string_view neither,
                                           std::string_view example) {
    const bool command = table.Has("command");
    if (command == table.Has("builtin")) {
      table.Error(
          command ? "builtin" : "", command ? "given with command" : neither,
          "give exactly one of command = " + std::string(example) + " or builtin = \"journal\"");
    }
  }

  std::string Builtin(TableReader& table, const std::string& name) {
    if (name == kBuiltinJournal || name == kBuiltinSeedJournal) return name;
    const std::string close = ClosestMatch(name, kBuiltins);
    table.Error("builtin", "unknown builtin \"" + name + "\"",
                close.empty() ? "builtins: journal, seed-journal" : "did you mean " + close + "?");
    return "";
  }

  // argv with {scenario_dir} replaced and argv[0] resolved (the header says how).
  std::vector<std::string> Program(TableReader& table, std::string_view key,
                                   std::vector<std::string> argv) {
    for (std::string& arg : argv) {
      for (size_t at = arg.find("{scenario_dir}"); at != std::string::npos;
           at = arg.find("{scenario_dir}", at + scenario_.dir.size())) {
        arg.replace(at, std::string("{scenario_dir}").size(), scenario_.dir);
      }
    }
    std::string& program = argv[0];
    if (program.empty()) {
      table.Error(key, "the program (the first element) is empty");
    } else if (program.find('/') != std::string::npos) {
      const std::string given = program;
      program = (fs::path(scenario_.dir) / program).lexically_normal().string();
      if (!IsExecutableFile(program)) {
        table.Error(key,
                    "no executable file " + program + " (\"" + given +
                        "\" is relative to "
                        "the scenario file)",
                    "fix the path, or chmod +x it");
      }
    } else if (FindProgram(program).empty() && scenario_.missing_program.empty()) {
      scenario_.missing_program = program;
    }
    return argv;
  }

  void CheckCombinations() {
    if (scenario_.explore.crash_recovery && !scenario_.builtin_checker() &&
        !scenario_.checker.command.empty()) {
      TableReader explore(Optional("explore"), "explore", diagnostics_);
      explore.Error("crash_recovery",
                    "crashing recovery needs a builtin checker (a checker "
                    "program's own writes are not recorded)",
                    "remove it, or use builtin = "
                    "\"journal\" in [checker]");
    }
  }

  TableReader root_;
  Diagnostics& diagnostics_;
  const toml::table empty_;
  Scenario scenario_;
};

}  // namespace

constexpr reduce::ViolationClass kClasses[] = {reduce::ViolationClass::kAcknowledgedBeforeDurable,
                                               reduce::ViolationClass::kNonAtomicUpdate,
                                               reduce::ViolationClass::kTornWrite,
                                               reduce::ViolationClass::kReordering,
                                               reduce::ViolationClass::kRecoveryFailed,
                                               reduce::ViolationClass::kSyncedStateViolates};

std::vector<std::string> ClassNames() {
  std::vector<std::string> names;
  for (const reduce::ViolationClass kind : kClasses) names.emplace_back(reduce::ClassName(kind));
  return names;
}

std::optional<reduce::ViolationClass> ParseClassName(std::string_view name) {
  for (const reduce::ViolationClass kind : kClasses) {
    if (reduce::ClassName(kind) == name) return kind;
  }
  return std::nullopt;
}

Result<Scenario> ParseScenario(const std::string& text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(std::string_view(text), std::string_view(path));
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ":" +
                                   std::to_string(e.source().begin.column) +
                                   ": not valid TOML: " + Printable(e.description()));
  }
  Diagnostics diagnostics(path);
  Scenario scenario = Loader(root, path, diagnostics).Load();
  if (!diagnostics.empty()) {
    std::string text_errors = diagnostics.Text();
    text_errors.pop_back();  // the last newline
    return Status::InvalidArgument(text_errors);
  }
  return scenario;
}

Result<Scenario> LoadScenario(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    return Status::InvalidArgument(path + ": is a directory, not a scenario file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(Status::IoError(path, errno).message() +
                                   " (give the path of a scenario .toml file)");
  }
  // Read in blocks: `text << in.rdbuf()` takes a read error for the end of the file, and a
  // scenario cut short would then be judged by what was left of it.
  std::string text;
  std::array<char, 65536> block{};
  errno = 0;
  while (in.read(block.data(), block.size()) || in.gcount() > 0) {
    text.append(block.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    return Status::InvalidArgument(Status::IoError(path + ": read", errno != 0 ? errno : EIO)
                                       .message());
  }
  return ParseScenario(text, path);
}

}  // namespace powercut::harness
