#include "bench/machine.h"

#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "build_info.h"  // generated at build time: POWERCUT_BENCH_GIT_COMMIT

namespace powercut::bench {
namespace {

// From linux/magic.h, spelled out so the build needs no kernel headers.
constexpr long kTmpfsMagic = 0x01021994;
constexpr long kRamfsMagic = 0x858458f6;

// /proc/mounts escapes space, tab, newline and backslash as \ooo.
std::string UnescapeMountField(const std::string& field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      const std::string octal = field.substr(i + 1, 3);
      if (octal.find_first_not_of("01234567") == std::string::npos) {
        out.push_back(static_cast<char>(std::stoi(octal, nullptr, 8)));
        i += 3;
        continue;
      }
    }
    out.push_back(field[i]);
  }
  return out;
}

bool IsUnder(const std::string& path, const std::string& mount_point) {
  if (mount_point == "/") return true;
  if (path.compare(0, mount_point.size(), mount_point) != 0) return false;
  return path.size() == mount_point.size() || path[mount_point.size()] == '/';
}

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// "/dev/vda1" -> the write_cache setting of its disk ("write back" / "write through").
std::string WriteCacheOf(const std::string& device) {
  if (device.rfind("/dev/", 0) != 0) return "";
  std::error_code ec;
  const std::filesystem::path block =
      std::filesystem::canonical("/sys/class/block/" + device.substr(5), ec);
  if (ec) return "";
  for (const std::filesystem::path& dir : {block, block.parent_path()}) {
    std::string value = ReadFirstLine((dir / "queue" / "write_cache").string());
    if (!value.empty()) return value;
  }
  return "";
}

}  // namespace

Result<FileSystemInfo> DescribeFileSystem(const std::string& dir) {
  struct statfs stats {};
  if (::statfs(dir.c_str(), &stats) != 0) return Status::IoError("statfs " + dir, errno);
  FileSystemInfo info;
  const auto magic = static_cast<long>(stats.f_type);
  info.in_memory = magic == kTmpfsMagic || magic == kRamfsMagic;

  std::error_code ec;
  const std::string path = std::filesystem::canonical(dir, ec).string();
  if (ec) return Status::IoError("realpath " + dir, ec.value());
  std::ifstream mounts("/proc/mounts");
  std::string line;
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    std::string device, mount_point, type;
    if (!(fields >> device >> mount_point >> type)) continue;
    mount_point = UnescapeMountField(mount_point);
    // The last matching entry of equal length wins: it is mounted over the earlier one.
    if (IsUnder(path, mount_point) && mount_point.size() >= info.mount_point.size()) {
      info.mount_point = mount_point;
      info.type = type;
      info.device = UnescapeMountField(device);
    }
  }
  if (info.type.empty()) {
    std::ostringstream unknown;
    unknown << "unknown (f_type 0x" << std::hex << magic << ")";
    info.type = unknown.str();
  }
  info.write_cache = WriteCacheOf(info.device);
  return info;
}

std::string LoadAverage() {
  std::istringstream fields(ReadFirstLine("/proc/loadavg"));
  std::string one, five, fifteen;
  fields >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

MachineInfo DescribeMachine() {
  MachineInfo info;
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    const std::string value = colon + 2 <= line.size() ? line.substr(colon + 2) : "";
    if (key == "model name" && info.cpu_model.empty()) info.cpu_model = value;
    if (key == "flags" && (" " + value + " ").find(" hypervisor ") != std::string::npos) {
      info.virtualized = true;
    }
  }
  info.cpus_online = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));

  struct utsname uts {};
  if (::uname(&uts) == 0) {
    info.kernel = std::string(uts.sysname) + " " + uts.release + " " + uts.machine;
  }
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  char date[32] = {};
  // strftime returns 0 (leaving `date` empty) only if the buffer were too small.
  if (::gmtime_r(&now, &utc) != nullptr) {
    (void)std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  }
  info.date_utc = date;
  info.git_commit = POWERCUT_BENCH_GIT_COMMIT;
  info.load_average = LoadAverage();
  return info;
}

}  // namespace powercut::bench
