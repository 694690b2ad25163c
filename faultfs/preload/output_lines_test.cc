#include "faultfs/preload/output_lines.h"

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/testing/temp_dir.h"

namespace powercut::preload {
namespace {

struct RegionFixture {
  RegionFixture() : owned(OwnedSharedRegion::Create(dir.Join("region")).value()) {}
  std::vector<std::string> Feed(std::string_view bytes) {
    std::vector<std::string> lines;
    FeedOutput(owned.region(), bytes, [&](std::string_view line) { lines.emplace_back(line); });
    return lines;
  }
  powercut::testing::TempDir dir;
  OwnedSharedRegion owned;
};

BOOST_FIXTURE_TEST_SUITE(output_lines, RegionFixture)

BOOST_AUTO_TEST_CASE(each_newline_completes_a_line_at_the_write_that_printed_it) {
  BOOST_TEST(Feed("ack 1\nack").size() == 1u);
  BOOST_TEST(PartialLine(owned.region()) == "ack");
  BOOST_TEST(Feed(" 2\n\nx") == (std::vector<std::string>{"ack 2", ""}),
             boost::test_tools::per_element());
  BOOST_TEST(PartialLine(owned.region()) == "x");
  BOOST_TEST(owned.region().output_bytes.load() == 14u);
}

BOOST_AUTO_TEST_CASE(a_line_longer_than_the_buffer_is_emitted_in_pieces_without_loss) {
  const std::string long_line(kOutputLineBytes * 2 + 7, 'a');
  const std::vector<std::string> lines = Feed(long_line + "\nb\n");
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  BOOST_TEST(lines[0].size() == kOutputLineBytes);
  BOOST_TEST(lines[1].size() == kOutputLineBytes);
  BOOST_TEST(lines[2] == "aaaaaaa");
  BOOST_TEST(lines[3] == "b");
}

BOOST_AUTO_TEST_CASE(a_line_of_exactly_the_buffer_size_is_one_line) {
  const std::vector<std::string> lines = Feed(std::string(kOutputLineBytes, 'z') + "\n");
  BOOST_TEST_REQUIRE(lines.size() == 1u);
  BOOST_TEST(lines[0].size() == kOutputLineBytes);
  BOOST_TEST(PartialLine(owned.region()).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::preload
