// Decoding garbage never allocates more than the input could describe. A separate test program,
// because it replaces the global operator new to watch allocation sizes.
#define BOOST_TEST_MODULE journal_allocation_tests
#include <atomic>
#include <cstdlib>
#include <new>

#include <boost/test/unit_test.hpp>

#include "journal/ops.h"

// The replacements below pair malloc with free, which is correct; GCC's analysis sees
// operator new paired with free and warns.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
std::atomic<bool> tracking{false};
std::atomic<size_t> largest{0};
}  // namespace

void* operator new(std::size_t n) {
  if (tracking.load(std::memory_order_relaxed)) {
    size_t seen = largest.load();
    while (seen < n && !largest.compare_exchange_weak(seen, n)) {
    }
  }
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;  // NOLINT(cppcoreguidelines-no-malloc)
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }  // NOLINT(cppcoreguidelines-no-malloc)
void operator delete(void* p, std::size_t) noexcept { std::free(p); }  // NOLINT

namespace powercut::journal {
namespace {

BOOST_AUTO_TEST_SUITE(ops_allocation)

BOOST_AUTO_TEST_CASE(garbage_chunk_count_never_allocates_more_than_the_payload) {
  // WriteFile, empty path, a chunk count equal to the bytes that follow (8x what they can hold).
  Bytes bytes = {std::byte{3}};
  PutFixed32(bytes, 0);
  constexpr uint32_t kRest = 1u << 20;
  PutFixed32(bytes, kRest);
  bytes.resize(bytes.size() + kRest);
  largest = 0;
  tracking = true;
  const Result<std::vector<Op>> decoded = DecodeOps(bytes);
  tracking = false;
  BOOST_TEST(decoded.status().IsCorruption());
  BOOST_TEST(largest.load() <= bytes.size(),
             "largest allocation " << largest.load() << " for " << bytes.size() << " input bytes");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
