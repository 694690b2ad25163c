#include "harness/test_util.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "faultfs/sim/sim_file_system.h"
#include "faultfs/trace/trace_writer.h"
#include "harness/checker.h"

namespace powercut::harness::test {
namespace {

std::span<const std::byte> Bytes(std::string_view s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

FsImage OldF() {
  FsImage image;
  image.CreateFile(trace::kRootInode, "f", 2);
  image.Write(2, 0, "old");
  image.ExtendSize(2, 3);
  return image;
}

trace::Trace Replace(bool durably) {
  SimFileSystem fs(OldF());
  auto tmp = fs.Open("f.tmp", OpenMode::kCreateTruncate);
  BOOST_REQUIRE(tmp.ok());
  BOOST_REQUIRE((*tmp)->WriteAt(0, Bytes("new")).ok());
  if (durably) BOOST_REQUIRE((*tmp)->Sync().ok());
  BOOST_REQUIRE((*tmp)->Close().ok());
  BOOST_REQUIRE(fs.Rename("f.tmp", "f").ok());
  if (durably) BOOST_REQUIRE(fs.SyncDir(".").ok());
  fs.Line("saved");
  return fs.TakeTrace();
}

}  // namespace

trace::Trace ReplaceWithoutFsync() { return Replace(false); }
trace::Trace ReplaceDurably() { return Replace(true); }

trace::Trace ManyUnsyncedFiles(int files, int writes) {
  SimFileSystem fs;
  const std::string block(512, 'x');
  for (int i = 0; i < files; ++i) {
    const std::string name = "file" + std::to_string(i);
    auto file = fs.Open(name + ".tmp", OpenMode::kCreateTruncate);
    BOOST_REQUIRE(file.ok());
    for (int w = 0; w < writes; ++w) {
      BOOST_REQUIRE((*file)->WriteAt(static_cast<uint64_t>(w) * block.size(), Bytes(block)).ok());
    }
    BOOST_REQUIRE((*file)->Close().ok());
    BOOST_REQUIRE(fs.Rename(name + ".tmp", name).ok());
    fs.Line("wrote " + name);
  }
  return fs.TakeTrace();
}

trace::Trace OneBigFile() {
  SimFileSystem fs;
  auto file = fs.Open("big.tmp", OpenMode::kCreateTruncate);
  BOOST_REQUIRE(file.ok());
  BOOST_REQUIRE((*file)->WriteAt(0, Bytes(std::string(size_t{300} * 1024, 'b'))).ok());
  BOOST_REQUIRE((*file)->Close().ok());
  BOOST_REQUIRE(fs.Rename("big.tmp", "big").ok());
  return fs.TakeTrace();
}

void WriteTraceFile(const std::string& path, const trace::Trace& trace) {
  PosixFileSystem fs;
  auto file = fs.Open(path, OpenMode::kCreateTruncate);
  BOOST_REQUIRE_MESSAGE(file.ok(), file.status().ToString());
  auto writer = trace::TraceWriter::Create(**file);
  BOOST_REQUIRE(writer.ok());
  BOOST_REQUIRE(writer->Write(trace).ok());
  BOOST_REQUIRE((*file)->Close().ok());
}

namespace {

ProcessResult Run(std::vector<std::string> argv, const std::string& cwd,
                  std::chrono::milliseconds timeout) {
  ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.env = InheritedEnvironment();
  spec.cwd = cwd;
  spec.timeout = timeout;
  spec.capture_bytes = 4 << 20;
  Result<ProcessResult> result = RunProcess(spec);
  BOOST_REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  return *result;
}

}  // namespace

ProcessResult RunPowercut(const std::vector<std::string>& args, const std::string& cwd,
                          std::chrono::milliseconds timeout) {
  std::vector<std::string> argv = {POWERCUT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(std::move(argv), cwd, timeout);
}

int InterruptPowercut(const std::vector<std::string>& args, const std::string& stdout_path,
                      std::chrono::milliseconds before, int signal) {
  std::vector<std::string> owned = {POWERCUT_BINARY};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(owned.size() + 1);
  for (std::string& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  BOOST_REQUIRE(spawned == 0);
  std::this_thread::sleep_for(before);
  BOOST_REQUIRE(::kill(pid, signal) == 0);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  BOOST_REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

ProcessResult RunShell(const std::string& script, std::chrono::milliseconds timeout) {
  return Run({"/bin/sh", "-c", script}, "", timeout);
}

void WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  BOOST_REQUIRE_MESSAGE(out.good(), "cannot write " + path);
}

boost::test_tools::assertion_result CanMountPrivately(boost::unit_test::test_unit_id) {
  const ProcessResult r = RunShell(
      "d=$(mktemp -d) && unshare -m sh -c \"mount -t tmpfs -o size=64k tmpfs $d\"; rc=$?; "
      "rmdir $d; exit $rc");
  boost::test_tools::assertion_result result(r.exit_code == 0);
  result.message() << "cannot mount a tmpfs in a private namespace (unshare -m): not root?";
  return result;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace powercut::harness::test
