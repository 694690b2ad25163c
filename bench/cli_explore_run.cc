#include "bench/cli_explore_run.h"

#include <chrono>
#include <exception>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/trace/trace_writer.h"
#include "harness/checker.h"
#include "harness/process.h"

namespace powercut::bench {

Status WriteTrace(const std::string& path, const trace::Trace& trace) {
  PosixFileSystem fs;
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<File> file, fs.Open(path, OpenMode::kCreateTruncate));
  POWERCUT_ASSIGN_OR_RETURN(trace::TraceWriter writer, trace::TraceWriter::Create(*file));
  POWERCUT_RETURN_IF_ERROR(writer.Write(trace));
  return file->Close();
}

Result<CliExploreRun> RunExplore(const ExploreCommand& command) {
  harness::ProcessSpec spec;
  spec.argv = {command.powercut,  "explore", command.trace,
               "--checker",       "true",    "--jobs",
               std::to_string(command.jobs), "--max-deviations",
               std::to_string(command.max_deviations), "--json", command.json};
  spec.env = harness::InheritedEnvironment();
  spec.timeout = std::chrono::minutes(30);
  POWERCUT_ASSIGN_OR_RETURN(const harness::ProcessResult run, harness::RunProcess(spec));
  if (run.end != harness::ProcessResult::End::kExited || run.exit_code != 0) {
    return Status::FailedPrecondition("powercut explore failed (exit " +
                                      std::to_string(run.exit_code) + "): " + run.err + run.out);
  }
  try {
    std::ifstream in(command.json);
    const nlohmann::json report = nlohmann::json::parse(in);
    return CliExploreRun{report.at("stats").at("unique"), report.at("stats").at("checked"),
                         report.at("stats").at("seconds"),
                         std::chrono::duration<double>(run.elapsed).count()};
  } catch (const std::exception& e) {  // nlohmann's parse and type errors
    return Status::Corruption("powercut explore's report " + command.json + ": " + e.what());
  }
}

Result<double> RunBaseline(size_t count) {
  harness::ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "true"};
  spec.env = harness::InheritedEnvironment();
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < count; ++i) {
    POWERCUT_ASSIGN_OR_RETURN(const harness::ProcessResult run, harness::RunProcess(spec));
    if (run.exit_code != 0) return Status::FailedPrecondition("sh -c true failed");
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace powercut::bench
