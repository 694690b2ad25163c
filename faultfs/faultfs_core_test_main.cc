#define BOOST_TEST_MODULE faultfs_core_tests
#include <boost/test/unit_test.hpp>
