#include "journal/tool/ack_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/posix_file_system.h"
#include "journal/tool/tool_test_util.h"

namespace powercut::journal::tool {
namespace {

BOOST_AUTO_TEST_SUITE(ack_output)

BOOST_AUTO_TEST_CASE(acks_and_checkpoints_are_read_from_complete_lines) {
  const AckOutput output = ParseAckOutput("ack 1\nack 3\nack 2\ncheckpoint 2\nack 4\n");
  BOOST_TEST(output.acked == (std::vector<uint64_t>{1, 3, 2, 4}));
  BOOST_TEST(*output.max_acked == 4u);
  BOOST_TEST(*output.max_checkpoint == 2u);
}

BOOST_AUTO_TEST_CASE(final_line_without_newline_is_ignored) {
  // The crash cut "ack 17" after "ack 1": it was never fully printed, so never promised.
  const AckOutput output = ParseAckOutput("ack 16\nack 1");
  BOOST_TEST(*output.max_acked == 16u);
  BOOST_TEST(!ParseAckOutput("checkpoint 5").max_checkpoint.has_value());
}

BOOST_AUTO_TEST_CASE(other_lines_are_ignored_without_error) {
  const AckOutput output = ParseAckOutput(
      "hello\nack\nack \nack x\nack 5 \n ack 6\nack -7\nack +8\nACK 9\nacked 10\n"
      "ack 99999999999999999999\ncheckpoint\n\nack 2\n");
  BOOST_TEST(output.acked == (std::vector<uint64_t>{2}));
  BOOST_TEST(!output.max_checkpoint.has_value());
  BOOST_TEST(!ParseAckOutput("").max_acked.has_value());
}

BOOST_AUTO_TEST_CASE(parsing_split_lines_equals_parsing_them_joined) {
  const std::vector<std::string> lines = {"ack 1",  "noise",      "checkpoint 1", "ack 3",
                                          "",       "ack 2\nack 9", "ack x",        "checkpoint 4\n",
                                          "ack 7 "};
  std::string joined;
  for (const std::string& line : lines) joined += line + "\n";
  const AckOutput split = ParseAckLines(lines);
  const AckOutput whole = ParseAckOutput(joined);
  BOOST_TEST(split.acked == (std::vector<uint64_t>{1, 3, 2, 9}));
  BOOST_TEST(split.acked == whole.acked);
  BOOST_TEST((split.max_acked == whole.max_acked));
  BOOST_TEST(*split.max_checkpoint == 4u);
  BOOST_TEST((split.max_checkpoint == whole.max_checkpoint));
  BOOST_TEST(!ParseAckLines({}).max_acked.has_value());
}

BOOST_AUTO_TEST_CASE(first_acked_above_finds_the_first_broken_promise) {
  const AckOutput output = ParseAckOutput("ack 3\nack 7\nack 5\nack 6\n");
  BOOST_TEST(*output.FirstAckedAbove(4) == 5u);
  BOOST_TEST(*output.FirstAckedAbove(0) == 3u);
  BOOST_TEST(!output.FirstAckedAbove(7).has_value());
}

BOOST_AUTO_TEST_CASE(missing_acked_file_is_an_error_not_an_empty_output) {
  testing::ScratchDir dir;
  PosixFileSystem fs;
  const Result<AckOutput> output = ReadAckOutput(fs, dir.Join("missing"));
  BOOST_TEST(!output.ok());
  BOOST_TEST(output.status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(concurrent_lines_never_interleave) {
  testing::ScratchDir dir;
  const std::string path = dir.Join("out");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  BOOST_TEST_REQUIRE(fd >= 0);
  {
    FdLineSink sink(fd);
    std::atomic<int> failures{0};  // Boost.Test assertions are not thread-safe
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&sink, &failures, t] {
        for (int i = 0; i < 500; ++i) {
          if (!sink.WriteLine("ack " + std::to_string(t * 1000 + i)).ok()) ++failures;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    BOOST_TEST(failures.load() == 0);
  }
  ::close(fd);
  const AckOutput output = ParseAckOutput(testing::ReadWholeFile(path));
  BOOST_TEST(output.acked.size() == 8u * 500u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::journal::tool
