// The judgement the LevelDB and LMDB checkers share (acks.h), on stores given as maps: each way a
// recovered store can violate atomicity or durability is named, and a whole prefix is not.
#define BOOST_TEST_MODULE real_acks_tests
#include "scenarios/real/acks.h"

#include <boost/test/unit_test.hpp>
#include <map>

namespace powercut::real {
namespace {

// A store holding transactions 1..committed of `rows` keys each, as the workload wrote them.
std::map<std::string, std::string> StoreWith(int committed, int rows) {
  std::map<std::string, std::string> store;
  for (int txn = 1; txn <= committed; ++txn) {
    for (int row = 1; row <= rows; ++row) store[KeyOf(txn, row)] = ValueOf(txn, row);
  }
  return store;
}

std::optional<std::string> JudgeStore(const std::map<std::string, std::string>& store,
                                      const std::vector<int>& acked) {
  return JudgeTransactions(3, 2, acked, [&store](const std::string& key) {
    const auto found = store.find(key);
    return found == store.end() ? std::nullopt : std::optional<std::string>(found->second);
  });
}

BOOST_AUTO_TEST_SUITE(acks)

BOOST_AUTO_TEST_CASE(a_prefix_holding_every_acknowledged_transaction_is_consistent) {
  BOOST_TEST(!JudgeStore(StoreWith(2, 2), {1, 2}).has_value());
  BOOST_TEST(!JudgeStore(StoreWith(0, 2), {}).has_value());
}

BOOST_AUTO_TEST_CASE(an_acknowledged_transaction_missing_is_lost) {
  BOOST_TEST(JudgeStore(StoreWith(1, 2), {1, 2}).value_or("consistent") ==
             "acknowledged txn 2 lost: the store holds txns 1..1");
}

BOOST_AUTO_TEST_CASE(half_a_transaction_is_named) {
  auto store = StoreWith(2, 2);
  store.erase(KeyOf(2, 1));
  BOOST_TEST(JudgeStore(store, {}).value_or("consistent") ==
             "half a transaction: txn 2 has 1 of its 2 keys");
}

BOOST_AUTO_TEST_CASE(a_transaction_after_a_missing_one_is_not_a_prefix) {
  auto store = StoreWith(3, 2);
  store.erase(KeyOf(2, 1));
  store.erase(KeyOf(2, 2));
  BOOST_TEST(JudgeStore(store, {}).value_or("consistent") ==
             "not a prefix: txn 3 is there but txn 2 is not");
}

BOOST_AUTO_TEST_CASE(a_value_that_is_not_what_was_written_is_torn) {
  auto store = StoreWith(1, 2);
  store[KeyOf(1, 2)].back() ^= 1;
  BOOST_TEST(JudgeStore(store, {1}).value_or("consistent").starts_with("torn value: txn1-row2"));
}

BOOST_AUTO_TEST_CASE(the_command_line_is_parsed_or_refused) {
  const char* check[] = {"p", "check", "db", "out", "3", "2"};
  const std::optional<Command> parsed = ParseCommand(6, const_cast<char**>(check));
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->output == "out");
  BOOST_TEST(parsed->txns == 3);
  BOOST_TEST(parsed->rows == 2);
  const char* zero[] = {"p", "write", "db", "0", "2", "sync"};
  BOOST_TEST(!ParseCommand(6, const_cast<char**>(zero)).has_value());
  const char* other[] = {"p", "erase", "db", "1", "2", "sync"};
  BOOST_TEST(!ParseCommand(6, const_cast<char**>(other)).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::real
