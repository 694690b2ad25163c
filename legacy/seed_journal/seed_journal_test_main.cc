#define BOOST_TEST_MODULE seed_journal_tests
#include <boost/test/unit_test.hpp>
