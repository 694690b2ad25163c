#define BOOST_TEST_MODULE faultfs_trace_tests
#include <boost/test/unit_test.hpp>
