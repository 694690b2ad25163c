// Garbage lengths never make the reader allocate more than the input could describe. This file
// replaces the global operator new of faultfs_trace_tests (faultfs/testing/largest_allocation.h)
// to watch allocation sizes; only while measuring, so the other tests are unaffected.
#include <boost/test/unit_test.hpp>

#include "faultfs/testing/largest_allocation.h"
#include "faultfs/trace/trace_format.h"

namespace powercut::trace {
namespace {

// The largest single allocation ReadTrace makes on `bytes`.
size_t LargestAllocationReading(const Bytes& bytes, Status& status) {
  return powercut::testing::LargestAllocation::Measure(
      [&] { status = ReadTrace(bytes).status; });
}

Bytes Sealed(const Bytes& body) {
  Bytes out = EncodeHeader();
  wire::PutU32(out, static_cast<uint32_t>(body.size()));
  Bytes length(out.end() - 4, out.end());
  wire::PutU32(out, wire::Crc32(wire::Crc32(0, length), body));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

BOOST_AUTO_TEST_SUITE(trace_allocation)

// No Event and no message is anywhere near this; anything larger came from a length field.
constexpr size_t kSmall = 4096;

BOOST_AUTO_TEST_CASE(huge_record_length_is_rejected_without_allocating_it) {
  for (const uint32_t length : {0xffffffffu, kMaxRecordBodyBytes, kMaxRecordBodyBytes + 1u}) {
    Bytes bytes = EncodeHeader();
    wire::PutU32(bytes, length);
    wire::PutU32(bytes, 0);
    bytes.resize(bytes.size() + 64, std::byte{3});
    Status status;
    BOOST_TEST(LargestAllocationReading(bytes, status) <= kSmall, "length " << length);
    BOOST_TEST(status.IsCorruption());
  }
}

BOOST_AUTO_TEST_CASE(huge_string_lengths_inside_a_valid_record_do_not_allocate) {
  for (const uint32_t length : {0xffffffffu, uint32_t{kMaxDataBytes}, 1000u}) {
    Bytes write = {std::byte{3}};  // kWrite: inode, offset, then a data length with 16 bytes left
    wire::PutU64(write, 2);
    wire::PutU64(write, 0);
    wire::PutU32(write, length);
    write.resize(write.size() + 16, std::byte{'d'});
    Bytes warning = {std::byte{kWarningRecord}};
    wire::PutU32(warning, length);
    Bytes name = {std::byte{1}};  // kCreate: name length over 255
    wire::PutU64(name, 3);
    wire::PutU64(name, 1);
    wire::PutU32(name, length);
    for (const Bytes& body : {write, warning, name}) {
      Status status;
      BOOST_TEST(LargestAllocationReading(Sealed(body), status) <= kSmall, "length " << length);
      BOOST_TEST(status.message().starts_with("bad record at offset 16: "), status.ToString());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::trace
