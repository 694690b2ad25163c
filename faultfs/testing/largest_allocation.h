// LargestAllocation (tests only): the largest single `operator new` a piece of code makes, to
// prove that garbage input never makes a parser allocate more than the input could describe.
//
// Including this header replaces the program's global operator new and delete, so include it in
// exactly one source file of a test program. Sizes are recorded only inside Measure(), so other
// tests of the same program are unaffected.
#ifndef POWERCUT_FAULTFS_TESTING_LARGEST_ALLOCATION_H_
#define POWERCUT_FAULTFS_TESTING_LARGEST_ALLOCATION_H_

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

// The replacements pair malloc with free, which is correct; GCC's analysis sees operator new
// paired with free and warns.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace powercut::testing {

class LargestAllocation {
 public:
  // Runs `code` and returns the largest single allocation it made.
  template <typename Code>
  static size_t Measure(Code&& code) {
    largest_ = 0;
    tracking_ = true;
    code();
    tracking_ = false;
    return largest_.load();
  }

  static void Record(size_t n) {
    if (!tracking_.load(std::memory_order_relaxed)) return;
    size_t seen = largest_.load();
    while (seen < n && !largest_.compare_exchange_weak(seen, n)) {
    }
  }

 private:
  static inline std::atomic<bool> tracking_{false};
  static inline std::atomic<size_t> largest_{0};
};

}  // namespace powercut::testing

void* operator new(std::size_t n) {
  powercut::testing::LargestAllocation::Record(n);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;  // NOLINT(cppcoreguidelines-no-malloc)
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }  // NOLINT(cppcoreguidelines-no-malloc)
void operator delete(void* p, std::size_t) noexcept { std::free(p); }  // NOLINT

#endif  // POWERCUT_FAULTFS_TESTING_LARGEST_ALLOCATION_H_
