#define BOOST_TEST_MODULE faultfs_reduce_tests
#include <boost/test/unit_test.hpp>
