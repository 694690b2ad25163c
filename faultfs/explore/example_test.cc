// The example of docs/in-process.md: crash-testing your own storage code from a Boost.Test case.
//
// The code under test saves a small settings file the classic way: write a temporary file, fsync
// it, rename it over the old one, fsync the directory, then tell the user "saved". The test
// checks, in every crash state the posix model allows, that the settings file holds one whole
// version, and the new one once "saved" was printed.
#define BOOST_TEST_MODULE explore_example
#include <algorithm>
#include <string>

#include <boost/test/unit_test.hpp>

#include "faultfs/explore/explorer.h"

namespace {

using powercut::FileSystem;
using powercut::OpenMode;
using powercut::OutputSink;
using powercut::Status;
using powercut::explore::Verdict;

// ---- The code under test: written against powercut::FileSystem only. ----
Status SaveSettings(FileSystem& fs, const std::string& text, bool fsync_before_rename) {
  auto bytes = std::as_bytes(std::span(text.data(), text.size()));
  POWERCUT_ASSIGN_OR_RETURN(auto tmp, fs.Open("settings.tmp", OpenMode::kCreateTruncate));
  POWERCUT_RETURN_IF_ERROR(tmp->WriteAt(0, bytes));
  if (fsync_before_rename) POWERCUT_RETURN_IF_ERROR(tmp->Sync());
  POWERCUT_RETURN_IF_ERROR(tmp->Close());
  POWERCUT_RETURN_IF_ERROR(fs.Rename("settings.tmp", "settings"));
  return fs.SyncDir(".");
}

std::string ReadSettings(FileSystem& fs) {
  auto file = fs.Open("settings", OpenMode::kReadOnly);
  if (!file.ok()) return "<missing>";
  std::string text(static_cast<size_t>(*(*file)->Size()), '\0');
  (void)(*file)->ReadAt(0, std::as_writable_bytes(std::span(text.data(), text.size())));
  return text;
}

// ---- The crash test. ----
powercut::explore::ExploreResult CrashTest(bool fsync_before_rename) {
  // The disk before the workload runs: the old settings, durable.
  powercut::FsImage initial;
  initial.CreateFile(powercut::trace::kRootInode, "settings", 2);
  initial.Write(2, 0, "theme=light");
  initial.ExtendSize(2, 11);

  auto workload = [&](FileSystem& fs, OutputSink& out) -> Status {
    POWERCUT_RETURN_IF_ERROR(SaveSettings(fs, "theme=dark", fsync_before_rename));
    out.Line("saved");  // the promise the checker holds the program to
    return Status::Ok();
  };
  auto checker = [](FileSystem& fs, const std::vector<std::string>& output) {
    const std::string settings = ReadSettings(fs);
    const bool saved = std::count(output.begin(), output.end(), "saved") > 0;
    if (settings != "theme=light" && settings != "theme=dark") {
      return Verdict::Violation("settings file holds \"" + settings + "\"");
    }
    if (saved && settings != "theme=dark") return Verdict::Violation("\"saved\" but old settings");
    return Verdict::Consistent();
  };
  powercut::explore::ExploreOptions options;  // posix, max_deviations 2, every crash point
  return powercut::explore::Explore(workload, checker, options, initial);
}

BOOST_AUTO_TEST_CASE(saving_settings_survives_every_power_cut) {
  const auto result = CrashTest(/*fsync_before_rename=*/true);
  BOOST_TEST(result.workload_status.ok());
  BOOST_TEST(result.checked > 0u);
  BOOST_TEST(result.violating == 0u);
}

BOOST_AUTO_TEST_CASE(forgetting_the_fsync_before_rename_is_caught) {
  const auto result = CrashTest(/*fsync_before_rename=*/false);
  BOOST_REQUIRE(result.violating > 0u);
  const auto& v = result.violations.front();
  BOOST_TEST_MESSAGE("state " << v.state_id << ": " << v.reason);
  for (const std::string& d : v.deviations) BOOST_TEST_MESSAGE("  " << d);
  BOOST_TEST(v.reason == "settings file holds \"\"");
}

}  // namespace
