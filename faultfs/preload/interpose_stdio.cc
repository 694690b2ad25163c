// stdio functions that can move bytes to the kernel, every name (stdio_accounting.h says how
// the bytes are found): fwrite, fputs, fputc, putc, putchar, puts and their _unlocked forms,
// __overflow (what the inline putc_unlocked calls when the buffer is full), fflush; and the
// calls that flush inside libc before doing something else (fclose, fseek, fsetpos, rewind),
// which are flushed first where the shim sees it. freopen is in interpose_open.cc, the printf
// family in interpose_printf.cc.
#include <stdio.h>
#include <string.h>

#include <string_view>

#include "faultfs/preload/exports.h"
#include "faultfs/preload/real_calls.h"
#include "faultfs/preload/shim_state.h"
#include "faultfs/preload/stdio_accounting.h"

namespace real = powercut::preload::real;
using powercut::preload::AccountedCall;
using powercut::preload::AccountedFlush;
using powercut::preload::ShimScope;

namespace {

std::string_view Bytes(const void* data, size_t size) {
  return {static_cast<const char*>(data), size};
}

bool NotEof(int result) { return result != EOF; }

template <typename Real>
int Putc(int c, FILE* stream, Real&& real_call) {
  ShimScope scope;
  if (!scope) return real_call();
  const char byte = static_cast<char>(c);
  return AccountedCall(stream, Bytes(&byte, 1), real_call, NotEof);
}

template <typename Real>
size_t Fwrite(const void* data, size_t size, size_t count, FILE* stream, Real&& real_call) {
  ShimScope scope;
  if (!scope) return real_call();
  return AccountedCall(stream, Bytes(data, size * count), real_call,
                       [count](size_t written) { return written == count; });
}

template <typename Real>
int Fputs(const char* text, FILE* stream, Real&& real_call) {
  ShimScope scope;
  if (!scope) return real_call();
  return AccountedCall(stream, Bytes(text, strlen(text)), real_call, NotEof);
}

// fflush(NULL) flushes every stream: each tracked one is flushed where the shim sees it first.
template <typename Real>
int Fflush(FILE* stream, Real&& real_flush) {
  ShimScope scope;
  if (!scope) return real_flush(stream);
  if (stream == nullptr) {
    powercut::preload::AccountedFlushAll();
    return real_flush(nullptr);
  }
  return AccountedCall(stream, {}, [&] { return real_flush(stream); },
                       [](int result) { return result == 0; });
}

// A call that flushes inside libc and then does something the shim cannot follow.
template <typename Real>
auto FlushFirst(FILE* stream, Real&& real_call) {
  ShimScope scope;
  if (scope && stream != nullptr) AccountedFlush(stream);
  return real_call();
}

}  // namespace

POWERCUT_EXPORTS_BEGIN


size_t fwrite(const void* data, size_t size, size_t count, FILE* stream) {
  return Fwrite(data, size, count, stream, [&] { return real::fwrite(data, size, count, stream); });
}

size_t fwrite_unlocked(const void* data, size_t size, size_t count, FILE* stream) {
  return Fwrite(data, size, count, stream,
                [&] { return real::fwrite_unlocked(data, size, count, stream); });
}

int fputs(const char* text, FILE* stream) {
  return Fputs(text, stream, [&] { return real::fputs(text, stream); });
}

int fputs_unlocked(const char* text, FILE* stream) {
  return Fputs(text, stream, [&] { return real::fputs_unlocked(text, stream); });
}

int puts(const char* text) {
  ShimScope scope;
  if (!scope) return real::puts(text);
  std::string line(text);
  line += '\n';
  return AccountedCall(stdout, line, [&] { return real::puts(text); }, NotEof);
}

int fputc(int c, FILE* stream) { return Putc(c, stream, [&] { return real::fputc(c, stream); }); }
int putc(int c, FILE* stream) { return Putc(c, stream, [&] { return real::putc(c, stream); }); }
int fputc_unlocked(int c, FILE* stream) {
  return Putc(c, stream, [&] { return real::fputc_unlocked(c, stream); });
}
int putc_unlocked(int c, FILE* stream) {
  return Putc(c, stream, [&] { return real::putc_unlocked(c, stream); });
}
int putchar(int c) { return Putc(c, stdout, [&] { return real::putchar(c); }); }
int putchar_unlocked(int c) { return Putc(c, stdout, [&] { return real::putchar_unlocked(c); }); }

int __overflow(FILE* stream, int c) {  // NOLINT(readability-identifier-naming)
  ShimScope scope;
  if (!scope) return real::__overflow(stream, c);
  const char byte = static_cast<char>(c);
  return AccountedCall(stream, c == EOF ? std::string_view() : Bytes(&byte, 1),
                       [&] { return real::__overflow(stream, c); }, NotEof);
}

int fflush(FILE* stream) { return Fflush(stream, [](FILE* f) { return real::fflush(f); }); }

int fflush_unlocked(FILE* stream) {
  return Fflush(stream, [](FILE* f) { return real::fflush_unlocked(f); });
}

int fclose(FILE* stream) { return FlushFirst(stream, [&] { return real::fclose(stream); }); }

int fseek(FILE* stream, long offset, int whence) {
  return FlushFirst(stream, [&] { return real::fseek(stream, offset, whence); });
}

int fseeko(FILE* stream, off_t offset, int whence) {
  return FlushFirst(stream, [&] { return real::fseeko(stream, offset, whence); });
}

int fseeko64(FILE* stream, off64_t offset, int whence) {
  return FlushFirst(stream, [&] { return real::fseeko64(stream, offset, whence); });
}

int fsetpos(FILE* stream, const fpos_t* position) {
  return FlushFirst(stream, [&] { return real::fsetpos(stream, position); });
}

int fsetpos64(FILE* stream, const fpos64_t* position) {
  return FlushFirst(stream, [&] { return real::fsetpos64(stream, position); });
}

void rewind(FILE* stream) {
  FlushFirst(stream, [&] {
    real::rewind(stream);
    return 0;
  });
}

POWERCUT_EXPORTS_END
