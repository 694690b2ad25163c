// record_test_helper: small workloads for the recorder's tests, for what a shell cannot do
// (threads, mmap, stdio corners, reporting errno). Runs under the shim.
//
//   record_test_helper threads-fsync A B ROUNDS   thread 1: write A, fsync A, ROUNDS times;
//                                                 thread 2: appends to B until thread 1 is done
//   record_test_helper mmap FILE                  a shared writable mapping of FILE, one store
//   record_test_helper stdio-file FILE CASE       CASE: fwrite-fflush, fprintf-fclose,
//                                                 exit-flush, putc-unlocked, append, seek
//   record_test_helper stdio-out                  lines to stdout through several stdio calls
//   record_test_helper fsync FILE                 write, fsync; prints "fsync RESULT ERRNO"
//   record_test_helper writes FILE N SIZE         N writes of SIZE bytes; prints each result
//   record_test_helper io-uring                   sets up an io_uring instance (raw syscall)
//                                                 and exits normally; prints "io_uring OK" or
//                                                 "io_uring unavailable"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>

// A test program: unchecked printf results and exit() are fine here.
// NOLINTBEGIN(cert-err33-c,concurrency-mt-unsafe)
namespace {

int Fail(const char* what) {
  fprintf(stderr, "record_test_helper: %s: %s\n", what, strerror(errno));
  return 1;
}

int ThreadsFsync(const char* a, const char* b, int rounds) {
  const int fa = open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int fb = open(b, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fa < 0 || fb < 0) return Fail("open");
  std::atomic<bool> done{false};
  std::thread appender([&] {
    while (!done.load()) {
      if (write(fb, "b", 1) != 1) return;
    }
  });
  for (int i = 0; i < rounds; ++i) {
    const std::string line = "round " + std::to_string(i) + "\n";
    if (write(fa, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return Fail("write");
    if (fsync(fa) != 0) return Fail("fsync");
  }
  done = true;
  appender.join();
  return 0;
}

int Mmap(const char* path) {
  const int fd = open(path, O_RDWR | O_CREAT, 0644);
  if (fd < 0 || ftruncate(fd, 4096) != 0) return Fail("open");
  void* at = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (at == MAP_FAILED) return Fail("mmap");
  static_cast<char*>(at)[0] = 'm';
  munmap(at, 4096);
  return close(fd);
}

int StdioFile(const char* path, std::string_view which) {
  if (which == "append") {
    FILE* f = fopen(path, "a");
    if (f == nullptr) return Fail("fopen");
    fputs("appended\n", f);
    return fclose(f);
  }
  FILE* f = fopen(path, "w");
  if (f == nullptr) return Fail("fopen");
  if (which == "fwrite-fflush") {
    fwrite("hello ", 1, 6, f);
    fflush(f);
    fwrite("world", 1, 5, f);
    return fclose(f);
  }
  if (which == "fprintf-fclose") {
    fprintf(f, "%d-%s\n", 42, "answer");
    return fclose(f);
  }
  if (which == "exit-flush") {
    fprintf(f, "left in the buffer %d\n", 7);
    exit(0);  // libc flushes at exit; the shim must see it
  }
  if (which == "putc-unlocked") {
    for (int i = 0; i < 10000; ++i) putc_unlocked('a' + i % 26, f);
    exit(0);
  }
  if (which == "seek") {
    fputs("0123456789", f);
    fseek(f, 2, SEEK_SET);
    fputs("ab", f);
    return fclose(f);
  }
  return 2;
}

int StdioOut() {
  printf("line %d\n", 1);
  fputs("line 2\n", stdout);
  puts("line 3");
  putchar('4');
  putchar('\n');
  fwrite("line 5\npartial", 1, 14, stdout);
  fflush(stdout);
  for (char c : std::string_view(" continued\n")) putchar_unlocked(c);
  printf("tail without newline");
  return 0;  // the rest is flushed at exit
}

int Fsync(const char* path) {
  const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, "data", 4) != 4) return Fail("write");
  const int result = fsync(fd);
  printf("fsync %d %s\n", result, result == 0 ? "OK" : strerrorname_np(errno));
  return 0;
}

int Writes(const char* path, int count, size_t size) {
  const int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return Fail("open");
  const std::string block(size, 'w');
  for (int i = 0; i < count; ++i) {
    const ssize_t result = write(fd, block.data(), block.size());
    printf("write %zd %s\n", result, result >= 0 ? "OK" : strerrorname_np(errno));
  }
  return close(fd);
}

int IoUring() {
  unsigned char params[120] = {};  // struct io_uring_params
  const long fd = syscall(SYS_io_uring_setup, 4, params);
  puts(fd >= 0 ? "io_uring OK" : "io_uring unavailable");
  return 0;  // the ring stays open until exit
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command == "threads-fsync" && argc == 5) return ThreadsFsync(argv[2], argv[3], atoi(argv[4]));
  if (command == "mmap" && argc == 3) return Mmap(argv[2]);
  if (command == "stdio-file" && argc == 4) return StdioFile(argv[2], argv[3]);
  if (command == "stdio-out" && argc == 2) return StdioOut();
  if (command == "fsync" && argc == 3) return Fsync(argv[2]);
  if (command == "writes" && argc == 5) return Writes(argv[2], atoi(argv[3]), strtoul(argv[4], nullptr, 10));
  if (command == "io-uring" && argc == 2) return IoUring();
  fprintf(stderr, "usage: see record_test_helper.cc\n");
  return 2;
}
// NOLINTEND(cert-err33-c,concurrency-mt-unsafe)
