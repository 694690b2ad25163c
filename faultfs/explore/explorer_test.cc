#include "faultfs/explore/explorer.h"

#include <algorithm>

#include <boost/test/unit_test.hpp>

namespace powercut::explore {
namespace {

std::span<const std::byte> Bytes(std::string_view s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

std::optional<std::string> ReadAll(FileSystem& fs, const std::string& path) {
  auto file = fs.Open(path, OpenMode::kReadOnly);
  if (!file.ok()) return std::nullopt;
  std::string bytes(static_cast<size_t>(*(*file)->Size()), '\0');
  auto n = (*file)->ReadAt(0, std::as_writable_bytes(std::span(bytes.data(), bytes.size())));
  bytes.resize(*n);
  return bytes;
}

bool Printed(const std::vector<std::string>& output, const std::string& line) {
  return std::find(output.begin(), output.end(), line) != output.end();
}

// Replace-by-rename: write "config.tmp", (maybe) fsync it, rename over "config", fsync ".",
// then promise "saved". The initial state holds the old "config".
Workload ReplaceByRename(bool fsync_the_new_file) {
  return [=](FileSystem& fs, OutputSink& out) -> Status {
    POWERCUT_ASSIGN_OR_RETURN(auto tmp, fs.Open("config.tmp", OpenMode::kCreateTruncate));
    POWERCUT_RETURN_IF_ERROR(tmp->WriteAt(0, Bytes("version=2")));
    if (fsync_the_new_file) POWERCUT_RETURN_IF_ERROR(tmp->Sync());
    POWERCUT_RETURN_IF_ERROR(fs.Rename("config.tmp", "config"));
    POWERCUT_RETURN_IF_ERROR(fs.SyncDir("."));
    out.Line("saved");
    return Status::Ok();
  };
}

// "config" always holds one whole version; once "saved" was printed, the new one.
Verdict CheckConfig(FileSystem& fs, const std::vector<std::string>& output) {
  const std::optional<std::string> config = ReadAll(fs, "config");
  if (!config) return Verdict::Violation("config is missing");
  if (*config != "version=1" && *config != "version=2") {
    return Verdict::Violation("config holds neither version: \"" + *config + "\"");
  }
  if (Printed(output, "saved") && *config != "version=2") {
    return Verdict::Violation("\"saved\" was printed but config is still version 1");
  }
  return Verdict::Consistent();
}

FsImage OldConfig() {
  FsImage image;
  image.CreateFile(trace::kRootInode, "config", 2);
  image.Write(2, 0, "version=1");
  image.ExtendSize(2, 9);
  return image;
}

BOOST_AUTO_TEST_SUITE(explorer)

BOOST_AUTO_TEST_CASE(a_correct_protocol_has_no_violation_in_any_model) {
  for (const crash::Model model : crash::AllModels()) {
    ExploreOptions options;
    options.generator.model = model;
    const ExploreResult result = Explore(ReplaceByRename(true), CheckConfig, options, OldConfig());
    BOOST_TEST(result.workload_status.ok());
    BOOST_TEST(result.violating == 0u, crash::ModelName(model));
    BOOST_TEST(result.checked == result.stats.unique);
    BOOST_TEST(result.checked > 1u);
  }
}

BOOST_AUTO_TEST_CASE(a_missing_fsync_is_caught_with_the_deviations_that_make_it) {
  ExploreOptions options;  // posix
  const ExploreResult result = Explore(ReplaceByRename(false), CheckConfig, options, OldConfig());
  BOOST_REQUIRE(result.violating > 0u);
  const Violation& v = result.violations.front();
  BOOST_TEST(v.reason.find("config holds neither version") != std::string::npos, v.reason);
  BOOST_TEST(!v.deviations.empty());
  BOOST_TEST(std::any_of(v.deviations.begin(), v.deviations.end(), [](const std::string& d) {
    return d.find("rename config.tmp -> config persisted") != std::string::npos;
  }));
  // The reported state materialises again, and fails again.
  crash::CrashStateGenerator generator(result.trace, options.generator);
  auto again = generator.Materialize(v.state_id);
  BOOST_REQUIRE(again.ok());
  SimFileSystem fs(again->second);
  BOOST_TEST(!CheckConfig(fs, generator.OutputBefore(v.crash_point)).consistent);
  // ext4's auto_da_alloc hides this bug: the replacing rename waits for the data.
  options.generator.model = crash::Model::kExt4Ordered;
  BOOST_TEST(Explore(ReplaceByRename(false), CheckConfig, options, OldConfig()).violating == 0u);
}

BOOST_AUTO_TEST_CASE(a_checker_that_throws_reports_a_violation) {
  const ExploreResult result = Explore(
      ReplaceByRename(true),
      [](FileSystem&, const std::vector<std::string>&) -> Verdict {
        throw std::runtime_error("recovery blew up");
      },
      {}, OldConfig());
  BOOST_TEST(result.violating == result.checked);
  BOOST_TEST(result.violations.front().reason ==
             "recovery threw an exception: recovery blew up");
}

BOOST_AUTO_TEST_CASE(several_jobs_find_exactly_what_one_job_finds) {
  ExploreOptions one;
  ExploreOptions four;
  four.jobs = 4;
  const ExploreResult a = Explore(ReplaceByRename(false), CheckConfig, one, OldConfig());
  const ExploreResult b = Explore(ReplaceByRename(false), CheckConfig, four, OldConfig());
  BOOST_TEST(a.checked == b.checked);
  BOOST_TEST(a.violating == b.violating);
  BOOST_REQUIRE(a.violations.size() == b.violations.size());
  for (size_t i = 0; i < a.violations.size(); ++i) {
    BOOST_TEST(a.violations[i].state_id == b.violations[i].state_id);
  }
}

BOOST_AUTO_TEST_CASE(crashing_recovery_finds_a_recovery_that_is_not_crash_safe) {
  // The workload saves "data" durably. The "recovery" then rewrites it in place (truncate,
  // write, no fsync): harmless when it runs to the end, fatal when it crashes in between.
  const Workload save = [](FileSystem& fs, OutputSink& out) -> Status {
    POWERCUT_ASSIGN_OR_RETURN(auto f, fs.Open("f", OpenMode::kCreate));
    POWERCUT_RETURN_IF_ERROR(f->WriteAt(0, Bytes("data")));
    POWERCUT_RETURN_IF_ERROR(f->Sync());
    POWERCUT_RETURN_IF_ERROR(fs.SyncDir("."));
    out.Line("saved");
    return Status::Ok();
  };
  const Checker rewrite = [](FileSystem& fs, const std::vector<std::string>& output) {
    const std::optional<std::string> data = ReadAll(fs, "f");
    if (Printed(output, "saved") && data != "data") return Verdict::Violation("data lost");
    if (!data) return Verdict::Consistent();
    auto f = fs.Open("f", OpenMode::kReadWrite);
    if (!(*f)->Truncate(0).ok() || !(*f)->WriteAt(0, Bytes(*data)).ok()) {
      return Verdict::Violation("rewrite failed");
    }
    return Verdict::Consistent();
  };
  ExploreOptions options;
  BOOST_TEST(Explore(save, rewrite, options).violating == 0u);
  options.crash_recovery = true;
  const ExploreResult result = Explore(save, rewrite, options);
  BOOST_TEST(result.recovery_checked > 0u);
  BOOST_REQUIRE(result.violating > 0u);
  BOOST_TEST(!result.violations.front().recovery_state_id.empty());
  BOOST_TEST(result.violations.front().reason.starts_with("after recovery crashed at c"));
}

BOOST_AUTO_TEST_CASE(a_failing_workload_is_reported_and_its_trace_still_explored) {
  const ExploreResult result = Explore(
      [](FileSystem& fs, OutputSink&) -> Status {
        POWERCUT_RETURN_IF_ERROR(fs.CreateDir("d"));
        return fs.Unlink("missing");
      },
      [](FileSystem&, const std::vector<std::string>&) { return Verdict::Consistent(); }, {});
  BOOST_TEST(result.workload_status.IsNotFound());
  BOOST_TEST(result.trace.events.size() == 1u);
  BOOST_TEST(result.checked == 2u);  // without and with the directory
}

BOOST_AUTO_TEST_CASE(the_state_cap_is_reported_in_the_result) {
  ExploreOptions options;
  options.generator.max_states = 2;
  const ExploreResult result = Explore(ReplaceByRename(true), CheckConfig, options, OldConfig());
  BOOST_TEST(result.checked == 2u);
  BOOST_TEST(result.stats.capped);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::explore
