#define BOOST_TEST_MODULE faultfs_explore_tests
#include <boost/test/unit_test.hpp>
