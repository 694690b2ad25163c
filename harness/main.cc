// powercut: the command (docs/cli.md). Everything is in RunCommandLine; this adds the process
// hygiene a long-running tool needs and a last catch.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <exception>
#include <iostream>

#include "harness/cli.h"
#include "harness/exit_codes.h"

namespace {

// A closed stdin, stdout or stderr would make the next descriptor we open take its number, and a
// pipe to a checker could then land on fd 1.
void KeepStandardDescriptorsOpen() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) < 0) (void)::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
  }
}

}  // namespace

int main(int argc, char** argv) {
  KeepStandardDescriptorsOpen();
  // A reader that went away (`powercut explore ... | head`) must not kill us before the scratch
  // is removed and the JSON written; a failed write is enough.
  (void)::signal(SIGPIPE, SIG_IGN);
  try {
    return powercut::harness::RunCommandLine(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Nothing below throws on purpose (Status everywhere); this is bad_alloc and the like.
    std::cerr << "powercut: " << e.what() << "\n";
    return powercut::harness::kExitUsage;
  }
}
