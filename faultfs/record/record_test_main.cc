#define BOOST_TEST_MODULE faultfs_record_tests
#include <boost/test/unit_test.hpp>
