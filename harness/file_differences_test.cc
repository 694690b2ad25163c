// The file-by-file difference between a crash state and the expected state.
#include "harness/file_differences.h"

#include <boost/test/unit_test.hpp>

#include "harness/test_util.h"

namespace powercut::harness {
namespace {

using reports::FileDifference;

FsImage Image(const std::vector<std::pair<std::string, std::string>>& files,
              const std::vector<std::string>& dirs = {}) {
  FsImage image;
  InodeId next = 2;
  for (const std::string& dir : dirs) image.MakeDir(trace::kRootInode, dir, next++);
  for (const auto& [name, contents] : files) {
    const InodeId inode = next++;
    image.CreateFile(trace::kRootInode, name, inode);
    image.Write(inode, 0, contents);
    image.ExtendSize(inode, contents.size());
  }
  return image;
}

// "path: expected | found", one per difference.
std::vector<std::string> Lines(const std::vector<FileDifference>& differences) {
  std::vector<std::string> lines;
  for (const FileDifference& d : differences) {
    lines.push_back(d.path + ": " + d.expected + " | " + d.found);
  }
  return lines;
}

BOOST_AUTO_TEST_SUITE(file_differences)

BOOST_AUTO_TEST_CASE(equal_images_have_no_difference) {
  BOOST_TEST(DiffImages(Image({{"a", "1"}}, {"d"}), Image({{"a", "1"}}, {"d"})).empty());
}

BOOST_AUTO_TEST_CASE(changed_missing_extra_and_kind_changes_are_listed_in_path_order) {
  const auto differences = DiffImages(Image({{"a", "new"}, {"b", "x"}, {"d", "file"}}),
                                      Image({{"a", ""}, {"c", "extra"}}, {"d"}));
  const std::vector<std::string> expected = {
      "a: 3 bytes: \"new\" | 0 bytes", "b: 1 byte: \"x\" | absent",
      "c: absent | 5 bytes: \"extra\"", "d: 4 bytes: \"file\" | directory"};
  BOOST_TEST(Lines(differences) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(contents_are_escaped_and_cut) {
  BOOST_TEST(DescribeContents(std::string("ab\"\\\n\x01", 6), false) ==
             "6 bytes: \"ab\\\"\\\\\\n\\x01\"");
  BOOST_TEST(DescribeContents(std::string(100, 'z'), false) ==
             "100 bytes: \"" + std::string(48, 'z') + "\"...");
  BOOST_TEST(DescribeContents(std::string("EMB\0\x01\x02\0\0", 8), false) ==
             "8 bytes, binary: 45 4d 42 00 01 02 00 00");
  BOOST_TEST(DescribeContents(std::string(20, '\0'), false) ==
             "20 bytes, binary: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ...");
  BOOST_TEST(DescribeContents(std::nullopt, false) == "absent");
  BOOST_TEST(DescribeContents(std::string(), false) == "0 bytes");
}

BOOST_AUTO_TEST_CASE(the_expected_state_holds_every_pending_operation) {
  const trace::Trace trace = test::ReplaceWithoutFsync();  // f = old; f.tmp = new, renamed over f
  crash::GeneratorOptions options;
  options.model = crash::Model::kDropUnsynced;
  const crash::CrashStateGenerator generator(trace, options);
  const size_t end = trace.events.size();
  const Result<FsImage> expected = ExpectedStateAt(trace, options, end);
  BOOST_REQUIRE(expected.ok());
  const auto dropped = generator.Materialize("c" + std::to_string(end));
  BOOST_REQUIRE(dropped.ok());
  const std::vector<std::string> want = {"f: 3 bytes: \"new\" | 3 bytes: \"old\""};
  BOOST_TEST(Lines(DiffImages(*expected, dropped->second)) == want,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::harness
