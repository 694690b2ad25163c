#include "faultfs/preload/fault_spec.h"

#include <errno.h>

#include <boost/test/unit_test.hpp>

namespace powercut::preload {
namespace {

BOOST_AUTO_TEST_SUITE(fault_spec)

BOOST_AUTO_TEST_CASE(a_spec_names_the_point_the_errno_and_the_call) {
  Result<FaultSpec> spec = ParseFaultSpec("sync/fsync=EIO@3");
  BOOST_TEST_REQUIRE(spec.ok(), spec.status().ToString());
  BOOST_TEST(spec->point == "powercut/io/sync/fsync");
  BOOST_TEST(spec->value == static_cast<uint64_t>(EIO));
  BOOST_TEST(spec->nth == 3u);
  BOOST_TEST(!spec->and_after);
  BOOST_TEST(!FaultFires(*spec, 2));
  BOOST_TEST(FaultFires(*spec, 3));
  BOOST_TEST(!FaultFires(*spec, 4));
}

BOOST_AUTO_TEST_CASE(a_plus_fails_every_call_from_the_nth_on_and_no_count_means_all) {
  Result<FaultSpec> from = ParseFaultSpec("powercut/io/rw/write=28@5+");
  BOOST_TEST_REQUIRE(from.ok());
  BOOST_TEST(from->value == static_cast<uint64_t>(ENOSPC));
  BOOST_TEST(!FaultFires(*from, 4));
  BOOST_TEST(FaultFires(*from, 5));
  BOOST_TEST(FaultFires(*from, 99));
  Result<FaultSpec> all = ParseFaultSpec("dir/*=EROFS");
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST(FaultFires(*all, 1));
  BOOST_TEST(FaultPointMatches(all->point, "powercut/io/dir/rename"));
  BOOST_TEST(!FaultPointMatches(all->point, "powercut/io/rw/write"));
}

BOOST_AUTO_TEST_CASE(a_short_write_takes_a_byte_count) {
  Result<FaultSpec> spec = ParseFaultSpec("rw/write/short=100@2");
  BOOST_TEST_REQUIRE(spec.ok());
  BOOST_TEST(spec->value == 100u);
  BOOST_TEST(!ParseFaultSpec("rw/write/short=EIO").ok());
}

BOOST_AUTO_TEST_CASE(bad_specs_say_what_is_wrong) {
  const auto message = [](std::string_view text) {
    Result<FaultSpec> spec = ParseFaultSpec(text);
    return spec.ok() ? std::string("ok") : spec.status().message();
  };
  BOOST_TEST(message("fsync").find("expected POINT=VALUE") != std::string::npos);
  BOOST_TEST(message("io/fsync=EIO").find("unknown fault point") != std::string::npos);
  BOOST_TEST(message("sync/fsync=EWHAT").find("unknown errno") != std::string::npos);
  BOOST_TEST(message("sync/fsync=EIO@0").find("call count") != std::string::npos);
  BOOST_TEST(message("sync/fsync=EIO@x").find("call count") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(specs_join_and_overlapping_ones_are_refused) {
  Result<std::vector<FaultSpec>> specs =
      ParseFaultSpecs(JoinFaultSpecs({"sync/fsync=EIO@1", "rw/write/short=7", "rw/write=ENOSPC"}));
  BOOST_TEST_REQUIRE(specs.ok(), specs.status().ToString());
  BOOST_TEST(specs->size() == 3u);
  BOOST_TEST(!ParseFaultSpecs("sync/*=EIO;sync/fsync=EIO").ok());
  BOOST_TEST(!ParseFaultSpecs("sync/fsync=EIO;sync/fsync=ENOSPC").ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::preload
