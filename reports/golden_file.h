// Golden files (tests only): a rendering compared byte for byte with a file kept in
// reports/testdata/. After an intended change of a renderer, regenerate them with
//   POWERCUT_UPDATE_GOLDEN=1 ctest --preset dev -R reports_tests
// and review the diff like code.
#ifndef POWERCUT_REPORTS_GOLDEN_FILE_H_
#define POWERCUT_REPORTS_GOLDEN_FILE_H_

#include <string>

namespace powercut::reports::testing {

// "" when `actual` equals testdata/NAME (or the file was just rewritten because
// POWERCUT_UPDATE_GOLDEN is set), else what differs: the first differing line of each.
std::string CompareWithGolden(const std::string& name, const std::string& actual);

// The path of testdata/NAME in the source tree.
std::string TestdataPath(const std::string& name);

}  // namespace powercut::reports::testing

#endif  // POWERCUT_REPORTS_GOLDEN_FILE_H_
