#define BOOST_TEST_MODULE journal_tool_tests
#include <boost/test/unit_test.hpp>
