#include "faultfs/preload/exec_check.h"

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <string_view>

#include "faultfs/preload/capture.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"

namespace powercut::preload {
namespace {

std::string_view Basename(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void WarnExec(std::string_view program, std::string_view problem) {
  WarningText text;
  text << "exec of " << Basename(program) << ": " << problem
       << ": what it does is not recorded";
  Warn(text.view());
}

const char* FindVariable(char* const envp[], std::string_view name) {
  if (envp == nullptr) return nullptr;
  for (char* const* entry = envp; *entry != nullptr; ++entry) {
    const std::string_view variable(*entry);
    if (variable.size() > name.size() && variable.substr(0, name.size()) == name &&
        variable[name.size()] == '=') {
      return *entry + name.size() + 1;
    }
  }
  return nullptr;
}

bool EnvironmentKeepsShim(char* const envp[]) {
  const char* preload = FindVariable(envp, "LD_PRELOAD");
  const char* capture = FindVariable(envp, "POWERCUT_CAPTURE");
  if (preload == nullptr || capture == nullptr || *capture == '\0') return false;
  const std::string_view self = Shim().self_path;
  return self.empty() || std::strstr(preload, Shim().self_path) != nullptr;
}

// The file execvp would run for `name`, in `out`: the first executable $PATH entry.
bool SearchPath(const char* name, char* out, size_t capacity) {
  const char* path = getenv("PATH");  // NOLINT(concurrency-mt-unsafe): read-only
  if (path == nullptr) path = "/bin:/usr/bin";
  const size_t name_length = std::strlen(name);
  while (true) {
    const char* end = std::strchr(path, ':');
    const size_t dir_length = end == nullptr ? std::strlen(path) : static_cast<size_t>(end - path);
    if (dir_length + 1 + name_length + 1 <= capacity) {
      size_t at = 0;
      if (dir_length == 0) {
        out[at++] = '.';
      } else {
        std::memcpy(out, path, dir_length);
        at = dir_length;
      }
      out[at++] = '/';
      std::memcpy(out + at, name, name_length + 1);
      if (::access(out, X_OK) == 0) return true;
    }
    if (end == nullptr) return false;
    path = end + 1;
  }
}

enum class Linkage { kDynamic, kStatic, kForeign, kUnknown };

// Reads the ELF program headers: a PT_INTERP means the dynamic loader (and LD_PRELOAD) runs.
Linkage ElfLinkage(int fd, const unsigned char* header, size_t length) {
  if (length < sizeof(Elf64_Ehdr) || header[EI_CLASS] != ELFCLASS64) return Linkage::kForeign;
  Elf64_Ehdr elf;
  std::memcpy(&elf, header, sizeof(elf));
  if (elf.e_phentsize != sizeof(Elf64_Phdr)) return Linkage::kUnknown;
  for (unsigned i = 0; i < elf.e_phnum; ++i) {
    Elf64_Phdr program{};
    const off_t at = static_cast<off_t>(elf.e_phoff + i * sizeof(Elf64_Phdr));
    if (::pread(fd, &program, sizeof(program), at) != static_cast<ssize_t>(sizeof(program))) {
      return Linkage::kUnknown;
    }
    if (program.p_type == PT_INTERP) return Linkage::kDynamic;
  }
  return Linkage::kStatic;
}

void CheckProgram(int dirfd, const char* path, int depth) {
  const int fd = real::openat(dirfd, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // the exec will fail, or it is not readable: nothing to say
  unsigned char header[256];
  const ssize_t length = ::pread(fd, header, sizeof(header) - 1, 0);
  struct stat st {};
  const bool have_stat = ::fstat(fd, &st) == 0;
  Linkage linkage = Linkage::kUnknown;
  if (length >= 4 && std::memcmp(header, ELFMAG, SELFMAG) == 0) {
    linkage = ElfLinkage(fd, header, static_cast<size_t>(length));
  }
  real::close(fd);

  if (have_stat && (((st.st_mode & S_ISUID) != 0 && st.st_uid != ::geteuid()) ||
                    ((st.st_mode & S_ISGID) != 0 && st.st_gid != ::getegid()))) {
    WarnExec(path, "setuid or setgid, so the loader ignores LD_PRELOAD");
  }
  if (linkage == Linkage::kStatic) WarnExec(path, "statically linked, so LD_PRELOAD cannot reach it");
  if (linkage == Linkage::kForeign) WarnExec(path, "not a 64-bit program, so the shim cannot load in it");
  if (length > 2 && header[0] == '#' && header[1] == '!' && depth == 0) {
    // A script: its interpreter is what runs.
    header[length] = '\0';
    char* interpreter = reinterpret_cast<char*>(header) + 2;
    while (*interpreter == ' ' || *interpreter == '\t') ++interpreter;
    char* end = interpreter;
    while (*end != '\0' && *end != ' ' && *end != '\t' && *end != '\n') ++end;
    *end = '\0';
    if (*interpreter == '/') CheckProgram(AT_FDCWD, interpreter, depth + 1);
  }
}

}  // namespace

void CheckExec(int dirfd, const char* path, bool search_path, char* const envp[]) {
  if (path == nullptr) return;
  if (!EnvironmentKeepsShim(envp)) {
    WarnExec(path, "its environment no longer preloads the shim");
  }
  char found[PATH_MAX];
  if (search_path && std::strchr(path, '/') == nullptr) {
    if (!SearchPath(path, found, sizeof(found))) return;
    path = found;
  }
  CheckProgram(dirfd, path, 0);
}

}  // namespace powercut::preload
