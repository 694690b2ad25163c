#include "journal/ops.h"

#include <random>
#include <set>

#include <boost/test/unit_test.hpp>

#include "journal/journal_test_util.h"

namespace powercut::journal {
namespace {

std::vector<Op> EveryKind() {
  WriteChunk chunk{123, {}, 4096};
  chunk.data_hash.fill(0xab);
  UpdateRoot root;
  root.root_hash.fill(0x11);
  return {chunk,
          DeleteChunk{9},
          WriteFile{"/etc/passwd", {1, 2, 3}, 1024},
          DeleteFile{"/tmp/test"},
          root,
          Barrier{}};
}

Bytes Encode(const std::vector<Op>& ops) {
  Bytes out;
  BOOST_REQUIRE(EncodeOps(ops, out).ok());
  return out;
}

BOOST_AUTO_TEST_SUITE(ops)

BOOST_AUTO_TEST_CASE(every_kind_round_trips_exactly) {
  const std::vector<Op> ops = EveryKind();
  const Bytes bytes = Encode(ops);
  BOOST_TEST(bytes.size() == EncodedSize(ops));
  auto decoded = DecodeOps(bytes);
  BOOST_REQUIRE(decoded.ok());
  BOOST_TEST((*decoded == ops));
}

BOOST_AUTO_TEST_CASE(encoding_uses_the_seed_type_bytes_and_layout) {
  const Bytes bytes = Encode({DeleteChunk{0x0102}, Barrier{}});
  const Bytes expected = {std::byte{2}, std::byte{0x02}, std::byte{0x01}, std::byte{0}, std::byte{0},
                          std::byte{0}, std::byte{0},    std::byte{0},    std::byte{0}, std::byte{6}};
  BOOST_TEST(bytes == expected);
}

BOOST_AUTO_TEST_CASE(every_truncation_is_corruption_never_a_crash) {
  const Bytes bytes = Encode(EveryKind());
  for (size_t len = 0; len < bytes.size(); ++len) {
    auto decoded = DecodeOps(ByteView(bytes).first(len));
    // A cut exactly between two ops decodes to the ops before it; anything else is corruption.
    if (decoded.ok()) {
      BOOST_TEST(Encode(*decoded).size() == len);
    } else {
      BOOST_TEST(decoded.status().IsCorruption(), "length " << len);
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_type_is_corruption_naming_the_offset) {
  Bytes bytes = Encode({Barrier{}});
  bytes.push_back(std::byte{7});
  auto decoded = DecodeOps(bytes);
  BOOST_REQUIRE(!decoded.ok());
  BOOST_TEST(decoded.status().message() == "unknown operation type 7 at payload offset 1");
}

BOOST_AUTO_TEST_CASE(garbage_chunk_count_is_bounded_by_remaining_bytes) {
  // WriteFile with an empty path and a chunk count of 2^32-1 but no chunk bytes behind it.
  Bytes bytes = {std::byte{3}};
  PutFixed32(bytes, 0);
  PutFixed32(bytes, 0xffffffff);
  PutFixed64(bytes, 0);
  auto decoded = DecodeOps(bytes);
  BOOST_TEST(decoded.status().IsCorruption());
}

BOOST_AUTO_TEST_CASE(path_length_beyond_the_payload_is_corruption_at_the_op) {
  Bytes bytes = {std::byte{4}};
  PutFixed32(bytes, 100);  // a 100-byte path with 5 bytes present
  PutString(bytes, "short");
  BOOST_TEST(DecodeOps(bytes).status().message() ==
             "truncated or malformed operation at payload offset 0");
}

BOOST_AUTO_TEST_CASE(path_longer_than_limit_is_rejected_on_write_and_read) {
  Bytes out;
  const Status s = EncodeOps({DeleteFile{std::string(kMaxPathBytes + 1, 'x')}}, out);
  BOOST_TEST(s.IsInvalidArgument());
  BOOST_TEST(EncodeOps({DeleteFile{std::string(kMaxPathBytes, 'x')}}, out).ok());

  Bytes bytes = {std::byte{4}};
  PutFixed32(bytes, kMaxPathBytes + 1);
  PutString(bytes, std::string(kMaxPathBytes + 1, 'x'));
  BOOST_TEST(DecodeOps(bytes).status().IsCorruption());
}

BOOST_AUTO_TEST_CASE(random_bytes_decode_or_fail_cleanly) {
  const unsigned seed = std::random_device{}();
  BOOST_TEST_MESSAGE("seed " << seed);
  std::mt19937 rng(seed);
  for (int round = 0; round < 2000; ++round) {
    Bytes bytes(rng() % 64);
    for (std::byte& b : bytes) b = static_cast<std::byte>(rng() % 8);  // mostly valid type bytes
    auto decoded = DecodeOps(bytes);
    if (decoded.ok()) {
      BOOST_TEST((Encode(*decoded) == bytes), "seed " << seed << " round " << round);
    } else {
      BOOST_TEST(decoded.status().IsCorruption(), "seed " << seed << " round " << round);
    }
  }
}

BOOST_AUTO_TEST_CASE(describe_names_the_fields) {
  BOOST_TEST(DescribeOp(WriteFile{"a/b", {1, 2}, 10}) == "WriteFile{path=a/b, chunks=[1,2], size=10}");
  BOOST_TEST(DescribeOp(Barrier{}) == "Barrier");
  BOOST_TEST(DescribeOp(DeleteChunk{5}) == "DeleteChunk{id=5}");
}

BOOST_AUTO_TEST_CASE(sample_ops_cover_every_kind) {
  std::set<size_t> kinds;
  for (uint64_t n = 1; n < 50; ++n) {
    for (const Op& op : testing::SampleOps(n)) kinds.insert(op.index());
  }
  BOOST_TEST(kinds.size() == std::variant_size_v<Op>);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal
