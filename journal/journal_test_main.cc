#define BOOST_TEST_MODULE journal_unit_tests
#include <boost/test/unit_test.hpp>
