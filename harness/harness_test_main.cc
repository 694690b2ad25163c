#define BOOST_TEST_MODULE harness_tests
#include <boost/test/unit_test.hpp>
