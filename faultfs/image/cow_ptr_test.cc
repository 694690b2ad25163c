#include "faultfs/image/cow_ptr.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

namespace powercut {
namespace {

BOOST_AUTO_TEST_SUITE(cow_ptr)

BOOST_AUTO_TEST_CASE(a_value_is_shared_until_every_other_reference_is_dropped) {
  CowPtr<std::string> a = CowPtr<std::string>::Make("x");
  BOOST_TEST(a.Unique());
  {
    CowPtr<std::string> b = a;
    BOOST_TEST(!a.Unique());
    BOOST_TEST(b.get() == a.get());
    CowPtr<std::string> c = std::move(b);
    BOOST_TEST(!a.Unique());
    BOOST_TEST(b.get() == nullptr);  // NOLINT(*-use-after-move,*.Move): moved-from is empty
  }
  BOOST_TEST(a.Unique());
  BOOST_TEST(*a == "x");
}

// Images are copied and dropped by the generating thread and the checker's workers at once:
// the count must lose no update, or a value would be freed while held, or never be unique.
BOOST_AUTO_TEST_CASE(copies_made_and_dropped_on_several_threads_keep_the_count_exact) {
  const CowPtr<std::string> original = CowPtr<std::string>::Make(64, 'a');
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&original] {
      for (int i = 0; i < 100000; ++i) {
        const CowPtr<std::string> copy = original;  // NOLINT(performance-unnecessary-copy-*)
        CowPtr<std::string> moved = copy;
        moved = CowPtr<std::string>();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(original.Unique());
  BOOST_TEST(*original == std::string(64, 'a'));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut
