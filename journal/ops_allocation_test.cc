// Decoding garbage never allocates more than the input could describe. A separate test program,
// because it replaces the global operator new to watch allocation sizes
// (faultfs/testing/largest_allocation.h).
#define BOOST_TEST_MODULE journal_allocation_tests
#include <boost/test/unit_test.hpp>

#include "faultfs/testing/largest_allocation.h"
#include "journal/ops.h"

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
  Status status;
  const size_t largest = powercut::testing::LargestAllocation::Measure(
      [&] { status = DecodeOps(bytes).status(); });
  BOOST_TEST(status.IsCorruption());
  BOOST_TEST(largest <= bytes.size(),
             "largest allocation " << largest << " for " << bytes.size() << " input bytes");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
