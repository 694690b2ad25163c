#define BOOST_TEST_MODULE faultfs_crash_tests
#include <boost/test/unit_test.hpp>
