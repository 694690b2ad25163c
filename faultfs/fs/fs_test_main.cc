#define BOOST_TEST_MODULE faultfs_unit_tests
#include <boost/test/unit_test.hpp>
