#include "faultfs/fs/status.h"

#include <cerrno>

#include <boost/test/unit_test.hpp>

#include "faultfs/fs/result.h"

namespace powercut {
namespace {

BOOST_AUTO_TEST_SUITE(status)

BOOST_AUTO_TEST_CASE(default_status_is_ok_and_has_no_message) {
  const Status s;
  BOOST_TEST(s.ok());
  BOOST_TEST(s.message().empty());
  BOOST_TEST(s.ToString() == "OK");
}

BOOST_AUTO_TEST_CASE(io_error_names_context_and_errno) {
  const Status s = Status::IoError("wal/1.wal: fdatasync", EIO);
  BOOST_TEST(s.IsIoError());
  BOOST_TEST(s.error_number() == EIO);
  BOOST_TEST(s.ToString() == "IO error: wal/1.wal: fdatasync: Input/output error");
}

BOOST_AUTO_TEST_CASE(enoent_becomes_not_found) {
  const Status s = Status::IoError("x: open", ENOENT);
  BOOST_TEST(s.IsNotFound());
  BOOST_TEST(s.error_number() == ENOENT);
}

BOOST_AUTO_TEST_CASE(with_context_prefixes_message_and_keeps_code) {
  const Status s = Status::Corruption("bad crc").WithContext("wal/2.wal");
  BOOST_TEST(s.IsCorruption());
  BOOST_TEST(s.message() == "wal/2.wal: bad crc");
  BOOST_TEST(Status::Ok().WithContext("x").ok());
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd");
  return x / 2;
}

Status Quarter(int x, int* out) {
  POWERCUT_ASSIGN_OR_RETURN(const int half, Half(x));
  POWERCUT_ASSIGN_OR_RETURN(*out, Half(half));
  return Status::Ok();
}

BOOST_AUTO_TEST_CASE(assign_or_return_propagates_the_first_error) {
  int out = 0;
  BOOST_TEST(Quarter(8, &out).ok());
  BOOST_TEST(out == 2);
  const Status s = Quarter(6, &out);
  BOOST_TEST(s.IsInvalidArgument());
  BOOST_TEST(s.message() == "odd");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut
