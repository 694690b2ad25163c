#include "journal/tool/txn_content.h"

#include <set>

#include <boost/test/unit_test.hpp>

#include "journal/tool/tool_test_util.h"

namespace powercut::journal::tool {
namespace {

BOOST_AUTO_TEST_SUITE(txn_content)

BOOST_AUTO_TEST_CASE(content_is_a_pure_function_of_seed_thread_and_seq) {
  const uint64_t seed = testing::TestSeed();
  BOOST_TEST_CONTEXT("seed " << seed) {
    for (uint32_t thread : {0u, 1u, 7u, kCheckerThread}) {
      for (uint64_t seq : {0ull, 1ull, 99ull, 1ull << 40}) {
        const TxnTag tag{thread, seq};
        BOOST_TEST(MakeTxnContent(seed, tag, 9) == MakeTxnContent(seed, tag, 9));
      }
    }
  }
}

// Golden values: the checker must regenerate what a workload built elsewhere (another
// compiler, another libstdc++) wrote, so the stream may never depend on the platform.
BOOST_AUTO_TEST_CASE(splitmix64_matches_its_reference_output) {
  SplitMix64 rng(1234567);
  BOOST_TEST(rng.Next() == 6457827717110365317ull);
  BOOST_TEST(rng.Next() == 3203168211198807973ull);
  BOOST_TEST(rng.Next() == 9817491932198370423ull);
}

// Recorded traces and checkers of other builds rely on the content never changing. The tag's
// fields were derived independently (a Python splitmix64); the CRC is a pin of the whole list.
// If this fails after a deliberate change, every stored workload output is stale.
BOOST_AUTO_TEST_CASE(content_of_known_inputs_is_pinned) {
  const std::vector<Op> ops = MakeTxnContent(1, {0, 0}, 3);
  BOOST_TEST(DescribeOp(ops.front()) == "WriteFile{path=t0/0, chunks=[936278], size=1000537}");
  Bytes encoded;
  BOOST_TEST_REQUIRE(EncodeOps(MakeTxnContent(7, {3, 12345}, 10), encoded).ok());
  BOOST_TEST(Crc32(0, encoded) == 1765235503u);
}

BOOST_AUTO_TEST_CASE(different_inputs_give_different_content) {
  const std::vector<Op> base = MakeTxnContent(1, {0, 0}, 5);
  BOOST_TEST((MakeTxnContent(2, {0, 0}, 5) != base));
  BOOST_TEST((MakeTxnContent(1, {1, 0}, 5) != base));
  BOOST_TEST((MakeTxnContent(1, {0, 1}, 5) != base));
  // Another seed changes even the tag op, so the checker can point at a --seed mismatch.
  BOOST_TEST((MakeTxnContent(2, {0, 0}, 1).front() != base.front()));
}

BOOST_AUTO_TEST_CASE(first_op_is_the_tag_and_round_trips) {
  const uint64_t seed = testing::TestSeed();
  BOOST_TEST_CONTEXT("seed " << seed) {
    SplitMix64 rng(seed);
    for (int i = 0; i < 200; ++i) {
      const TxnTag tag{static_cast<uint32_t>(rng.Below(65536)), rng.Next() >> rng.Below(64)};
      const std::vector<Op> ops =
          MakeTxnContent(seed, tag, 1 + static_cast<uint32_t>(rng.Below(8)));
      BOOST_TEST(std::get<WriteFile>(ops.front()).path == TagPath(tag));
      const std::optional<TxnTag> parsed = ParseTag(ops);
      BOOST_TEST_REQUIRE(parsed.has_value());
      BOOST_TEST(parsed->thread == tag.thread);
      BOOST_TEST(parsed->seq == tag.seq);
    }
  }
}

BOOST_AUTO_TEST_CASE(tag_parser_rejects_what_tag_path_cannot_produce) {
  BOOST_TEST(ParseTagPath("t0/0").has_value());
  BOOST_TEST(ParseTagPath("t65535/18446744073709551615").has_value());
  for (const char* bad : {"", "t", "t/", "t0/", "t/0", "x0/0", "t00/1", "t1/01", "t-1/2", "t1/+2",
                          "t1/2/3", "t1 /2", "t4294967296/0", "t0/18446744073709551616", "T0/0"}) {
    BOOST_TEST_CONTEXT("path " << bad) { BOOST_TEST(!ParseTagPath(bad).has_value()); }
  }
  BOOST_TEST(!ParseTag({}).has_value());
  BOOST_TEST(!ParseTag({Barrier{}}).has_value());
  BOOST_TEST(!ParseTag({DeleteFile{"t0/0"}}).has_value());
}

BOOST_AUTO_TEST_CASE(content_draws_every_op_kind_and_encodes) {
  const uint64_t seed = testing::TestSeed();
  BOOST_TEST_CONTEXT("seed " << seed) {
    std::set<size_t> kinds;
    for (uint64_t seq = 0; seq < 200; ++seq) {
      const std::vector<Op> ops = MakeTxnContent(seed, {0, seq}, 6);
      BOOST_TEST(ops.size() == 6u);
      for (size_t i = 1; i < ops.size(); ++i) kinds.insert(ops[i].index());
      Bytes encoded;
      BOOST_TEST(EncodeOps(ops, encoded).ok());
      const Result<std::vector<Op>> decoded = DecodeOps(encoded);
      BOOST_TEST_REQUIRE(decoded.ok());
      BOOST_TEST((*decoded == ops));
    }
    BOOST_TEST(kinds.size() == std::variant_size_v<Op>);
  }
}

BOOST_AUTO_TEST_CASE(difference_names_the_first_differing_op) {
  const std::vector<Op> expected = {WriteFile{"t0/0", {1}, 2}, Barrier{}, DeleteChunk{5}};
  std::vector<Op> actual = expected;
  BOOST_TEST(DescribeDifference(actual, expected).empty());
  actual[2] = DeleteChunk{6};
  BOOST_TEST(DescribeDifference(actual, expected) ==
             "op 3 of 3 is DeleteChunk{id=6}, expected DeleteChunk{id=5}");
  actual.pop_back();
  BOOST_TEST(DescribeDifference(actual, expected) == "2 ops, expected 3");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
