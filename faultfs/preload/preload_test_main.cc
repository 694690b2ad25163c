#define BOOST_TEST_MODULE faultfs_preload_tests
#include <boost/test/unit_test.hpp>
