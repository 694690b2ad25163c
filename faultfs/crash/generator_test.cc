#include "faultfs/crash/generator.h"

#include <random>
#include <set>

#include <boost/test/unit_test.hpp>

#include "faultfs/sim/sim_file_system.h"

namespace powercut::crash {
namespace {

using Key = std::pair<uint64_t, size_t>;  // content hash, output lines

std::span<const std::byte> Bytes(std::string_view s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

// A small random workload: a few files and directories, writes of up to 12 bytes (3 pieces at
// 4-byte sectors), truncates, renames, unlinks, syncs of files and directories, output lines.
trace::Trace RandomTrace(uint64_t seed, int operations) {
  std::mt19937_64 rng(seed);
  SimFileSystem fs;
  std::vector<std::string> names = {"a", "b", "d/c"};
  BOOST_REQUIRE(fs.CreateDir("d").ok());
  auto pick = [&] { return names[rng() % names.size()]; };
  for (int i = 0; i < operations; ++i) {
    const std::string name = pick();
    switch (rng() % 9) {
      case 0:
      case 1:
      case 2: {
        auto file = fs.Open(name, OpenMode::kCreate);
        const std::string data(1 + rng() % 12, static_cast<char>('a' + rng() % 26));
        (void)(*file)->WriteAt(rng() % 8, Bytes(data));
        break;
      }
      case 3: {
        auto file = fs.Open(name, OpenMode::kCreate);
        (void)(*file)->Truncate(rng() % 6);
        break;
      }
      case 4: (void)fs.Rename(name, pick()); break;
      case 5: (void)fs.Unlink(name); break;
      case 6: {
        auto file = fs.Open(name, OpenMode::kCreate);
        (void)((rng() & 1) ? (*file)->Sync() : (*file)->DataSync());
        break;
      }
      case 7: (void)fs.SyncDir((rng() & 1) ? "." : "d"); break;
      default: fs.output().Line("line " + std::to_string(i)); break;
    }
  }
  return fs.trace();
}

// ---- The reference: every subset of pending pieces, filtered by the rules, written plainly ----

struct PendingEvent {
  size_t event;
  size_t pieces;
};

// Deviations per MODELS.md: reorderings after the first event not wholly kept, plus tears
// counted in runs, a run from the first piece being free at that first event.
int ReferenceDeviations(const std::vector<PendingEvent>& pending,
                        const std::vector<std::vector<bool>>& kept) {
  int deviations = 0;
  bool before_first_gap = true;
  for (size_t i = 0; i < pending.size(); ++i) {
    const std::vector<bool>& bits = kept[i];
    const auto count = static_cast<size_t>(std::count(bits.begin(), bits.end(), true));
    if (count == bits.size()) {
      if (!before_first_gap) ++deviations;
      continue;
    }
    if (count > 0) {
      int runs = 0;
      for (size_t p = 0; p < bits.size(); ++p) runs += bits[p] && (p == 0 || !bits[p - 1]) ? 1 : 0;
      if (before_first_gap && bits[0]) --runs;
      deviations += runs;
    }
    before_first_gap = false;
  }
  return deviations;
}

bool ReferenceAllowed(Model model, const Timeline& t, const std::vector<PendingEvent>& pending,
                      const std::vector<std::vector<bool>>& kept) {
  const auto& events = t.trace().events;
  auto kept_count = [&](size_t i) {
    return static_cast<size_t>(std::count(kept[i].begin(), kept[i].end(), true));
  };
  auto whole = [&](size_t i) { return kept_count(i) == kept[i].size(); };
  auto none = [&](size_t i) { return kept_count(i) == 0; };
  switch (model) {
    case Model::kDropUnsynced:
      for (size_t i = 0; i < pending.size(); ++i) {
        if (!none(i)) return false;
      }
      return true;
    case Model::kPrefix: {
      bool gap = false;
      for (const std::vector<bool>& bits : kept) {
        for (const bool bit : bits) {
          if (bit && gap) return false;
          if (!bit) gap = true;
        }
      }
      return true;
    }
    case Model::kPosix:
      return true;
    case Model::kExt4Ordered:
      break;
  }
  bool metadata_gap = false;
  for (size_t i = 0; i < pending.size(); ++i) {
    const EventPieces& pieces = t.at(pending[i].event);
    const trace::Event& e = events[pending[i].event];
    if (pieces.metadata) {  // (1) one journal: metadata in order
      if (!none(i) && metadata_gap) return false;
      if (none(i)) metadata_gap = true;
    }
    std::set<bool> append_bits;  // (2) appends all together
    for (size_t p = 0; p < kept[i].size(); ++p) {
      if (pieces.pieces[p].append) append_bits.insert(kept[i][p]);
    }
    if (append_bits.size() > 1) return false;
    if (pieces.replaces_file && !none(i)) {  // (3) the replaced file's earlier data first
      for (size_t j = 0; j < i; ++j) {
        if (!t.at(pending[j].event).metadata && events[pending[j].event].inode == e.inode &&
            !whole(j)) {
          return false;
        }
      }
    }
    if (!pieces.metadata) {  // (4) writes after a pending truncate-to-zero go with it
      for (size_t j = i; j-- > 0;) {
        const EventPieces& before = t.at(pending[j].event);
        if (before.truncates_to_zero && events[pending[j].event].inode == e.inode) {
          if (none(j) ? !none(i) : !whole(i)) return false;
          break;
        }
      }
    }
  }
  return true;
}

std::set<Key> ReferenceStates(const trace::Trace& trace, const GeneratorOptions& options) {
  const Timeline t(trace, options.sector_bytes, options.max_pieces_per_write);
  FsImage initial;
  for (size_t e = 0; e < trace.first_crash_point; ++e) t.ApplyAll(e, initial);
  std::set<Key> keys;
  size_t outputs = 0;
  for (size_t c = trace.first_crash_point; c <= trace.events.size(); ++c) {
    if (c > trace.first_crash_point && trace.events[c - 1].type == trace::EventType::kOutput) {
      ++outputs;
    }
    std::vector<PendingEvent> pending;
    size_t total = 0;
    for (size_t e = trace.first_crash_point; e < c; ++e) {
      if (t.IsPending(e, c, options.model)) {
        pending.push_back({e, t.at(e).pieces.size()});
        total += t.at(e).pieces.size();
      }
    }
    BOOST_REQUIRE_MESSAGE(total <= 16, "reference too large: " << total << " pending pieces");
    for (uint64_t mask = 0; mask < (uint64_t{1} << total); ++mask) {
      std::vector<std::vector<bool>> kept;
      size_t bit = 0;
      for (const PendingEvent& p : pending) {
        kept.emplace_back();
        for (size_t i = 0; i < p.pieces; ++i) kept.back().push_back(((mask >> bit++) & 1) != 0);
      }
      if (!ReferenceAllowed(options.model, t, pending, kept)) continue;
      if (ReferenceDeviations(pending, kept) > options.max_deviations) continue;
      FsImage image = initial;
      size_t next = 0;
      for (size_t e = trace.first_crash_point; e < c; ++e) {
        if (next < pending.size() && pending[next].event == e) {
          t.ApplyRuns(e, RunsOf(kept[next++]), image);
        } else {
          t.ApplyAll(e, image);
        }
      }
      keys.insert({image.ContentHash(), outputs});
    }
  }
  return keys;
}

std::set<Key> GeneratedStates(const trace::Trace& trace, const GeneratorOptions& options,
                              GeneratorStats* stats = nullptr) {
  CrashStateGenerator generator(trace, options);
  std::set<Key> keys;
  const GeneratorStats s = generator.Run([&](const CrashState& state, const FsImage& image) {
    BOOST_CHECK_EQUAL(state.content_hash, image.ContentHash());
    BOOST_CHECK(keys.insert({state.content_hash, state.output_lines}).second);  // no duplicates
    BOOST_CHECK_LE(state.deviations, options.max_deviations);
    return true;
  });
  if (stats != nullptr) *stats = s;
  return keys;
}

size_t MaxPendingPieces(const trace::Trace& trace, const GeneratorOptions& options) {
  const Timeline t(trace, options.sector_bytes, options.max_pieces_per_write);
  size_t most = 0;
  for (size_t c = trace.first_crash_point; c <= trace.events.size(); ++c) {
    size_t total = 0;
    for (size_t e = trace.first_crash_point; e < c; ++e) {
      if (t.IsPending(e, c, options.model)) total += t.at(e).pieces.size();
    }
    most = std::max(most, total);
  }
  return most;
}

BOOST_AUTO_TEST_SUITE(generator)

BOOST_AUTO_TEST_CASE(exhaustive_enumeration_equals_the_brute_force_reference) {
  const uint64_t base_seed = std::random_device{}();
  BOOST_TEST_MESSAGE("base seed " << base_seed);
  int compared = 0;
  size_t states = 0;
  for (uint64_t round = 0; compared < 10; ++round) {
    const uint64_t seed = base_seed + round;
    const trace::Trace trace = RandomTrace(seed, 10);
    for (const Model model : AllModels()) {
      for (const int deviations : {0, 1, 2, 16}) {
        GeneratorOptions options;
        options.model = model;
        options.sector_bytes = 4;
        options.max_deviations = deviations;
        if (MaxPendingPieces(trace, options) > 10) continue;
        BOOST_TEST_CONTEXT("seed " << seed << ", " << ModelName(model) << ", max_deviations "
                                   << deviations) {
          const std::set<Key> generated = GeneratedStates(trace, options);
          BOOST_TEST((generated == ReferenceStates(trace, options)));
          states += generated.size();
        }
      }
    }
    if (MaxPendingPieces(trace, GeneratorOptions{.sector_bytes = 4}) <= 10) ++compared;
  }
  BOOST_TEST_MESSAGE(states << " states compared");
  BOOST_TEST(states > 1000u);  // the comparisons were not trivially empty
}

BOOST_AUTO_TEST_CASE(more_deviations_never_give_fewer_states) {
  const trace::Trace trace = RandomTrace(7, 10);
  size_t previous = 0;
  for (const int deviations : {0, 1, 2, 3}) {
    const size_t n = GeneratedStates(trace, {.sector_bytes = 4, .max_deviations = deviations}).size();
    BOOST_TEST(n >= previous);
    previous = n;
  }
}

BOOST_AUTO_TEST_CASE(identical_states_are_checked_once) {
  SimFileSystem fs;
  auto f = fs.Open("f", OpenMode::kCreate);
  BOOST_REQUIRE((*f)->Sync().ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  BOOST_REQUIRE((*f)->WriteAt(0, Bytes("same")).ok());
  BOOST_REQUIRE((*f)->WriteAt(0, Bytes("same")).ok());  // the same bytes again
  GeneratorStats stats;
  const std::set<Key> keys = GeneratedStates(fs.trace(), {}, &stats);
  BOOST_TEST(stats.unique == keys.size());
  BOOST_TEST(stats.generated > stats.unique);
}

BOOST_AUTO_TEST_CASE(ids_are_stable_and_materialise_the_same_state) {
  const trace::Trace trace = RandomTrace(11, 10);
  const GeneratorOptions options{.sector_bytes = 4};
  std::vector<std::string> first;
  std::vector<std::string> second;
  CrashStateGenerator generator(trace, options);
  generator.Run([&](const CrashState& s, const FsImage& image) {
    first.push_back(s.id);
    auto again = generator.Materialize(s.id);
    BOOST_REQUIRE_MESSAGE(again.ok(), again.status().ToString());
    BOOST_TEST(again->first.content_hash == image.ContentHash(), s.id);
    BOOST_TEST(again->first.id == s.id);
    BOOST_TEST(again->first.deviations == s.deviations, s.id);
    BOOST_TEST((again->first.pending == s.pending), s.id);
    return true;
  });
  CrashStateGenerator(trace, options).Run([&](const CrashState& s, const FsImage&) {
    second.push_back(s.id);
    return true;
  });
  BOOST_TEST_MESSAGE(first.size() << " states materialised again");
  BOOST_TEST(first.size() > 10u);
  BOOST_TEST(first == second);
}

BOOST_AUTO_TEST_CASE(materialise_rejects_ids_that_name_no_allowed_state) {
  SimFileSystem fs;
  auto f = fs.Open("f", OpenMode::kCreate);
  BOOST_REQUIRE((*f)->WriteAt(0, Bytes(std::string(1000, 'x'))).ok());
  BOOST_REQUIRE(fs.SyncDir(".").ok());
  const trace::Trace trace = fs.trace();  // create(0) write(1) fsync-dir(2)
  CrashStateGenerator posix(trace, {});
  BOOST_TEST(posix.Materialize("c3+e1:0,2").ok());
  BOOST_TEST(posix.Materialize("c3+e0").status().message().find("not pending") !=
             std::string::npos);  // the directory fsync forced the create
  BOOST_TEST(posix.Materialize("c3+e1:0-9").status().message().find("has 3 pieces") !=
             std::string::npos);
  BOOST_TEST(posix.Materialize("c9").status().message().find("outside") != std::string::npos);
  BOOST_TEST(posix.Materialize("c2+e2").status().IsInvalidArgument());
  BOOST_TEST(posix.Materialize("x3").status().message().find("must start with c") !=
             std::string::npos);
  BOOST_TEST(posix.Materialize("c3+e1:2-0").status().IsInvalidArgument());
  CrashStateGenerator prefix(trace, {.model = Model::kPrefix});
  BOOST_TEST(prefix.Materialize("c3+e1:1").status().message().find("does not allow") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(sampling_is_reproducible_from_the_seed) {
  const trace::Trace trace = RandomTrace(5, 14);
  auto ids = [&](uint64_t seed) {
    std::vector<std::string> out;
    CrashStateGenerator(trace, {.strategy = Strategy::kSample, .samples = 200, .seed = seed})
        .Run([&](const CrashState& s, const FsImage&) {
          out.push_back(s.id);
          return true;
        });
    return out;
  };
  BOOST_TEST(ids(42) == ids(42));
  BOOST_TEST(ids(42) != ids(43));
  BOOST_TEST(!ids(42).empty());
}

BOOST_AUTO_TEST_CASE(the_cap_stops_generation_and_is_reported) {
  const trace::Trace trace = RandomTrace(3, 14);
  GeneratorStats stats;
  GeneratedStates(trace, {.sector_bytes = 4, .max_states = 5}, &stats);
  BOOST_TEST(stats.unique == 5u);
  BOOST_TEST(stats.capped);
  GeneratedStates(trace, {.sector_bytes = 4, .max_states = 1000000}, &stats);
  BOOST_TEST(!stats.capped);
}

BOOST_AUTO_TEST_CASE(crash_points_syncs_are_right_after_barriers_and_at_the_end) {
  SimFileSystem fs;
  auto f = fs.Open("f", OpenMode::kCreate);         // 0
  BOOST_REQUIRE((*f)->WriteAt(0, Bytes("x")).ok());  // 1
  BOOST_REQUIRE((*f)->DataSync().ok());              // 2
  fs.output().Line("ack");                           // 3
  BOOST_REQUIRE(fs.SyncDir(".").ok());               // 4
  BOOST_REQUIRE((*f)->WriteAt(1, Bytes("y")).ok());  // 5
  const trace::Trace trace = fs.trace();
  CrashStateGenerator all(trace, {});
  CrashStateGenerator syncs(trace, {.crash_points = CrashPoints::kSyncs});
  BOOST_TEST((all.crash_points() == std::vector<size_t>{0, 1, 2, 3, 4, 5, 6}));
  BOOST_TEST((syncs.crash_points() == std::vector<size_t>{3, 5, 6}));
  BOOST_TEST((all.OutputBefore(4) == std::vector<std::string>{"ack"}));
  BOOST_TEST(all.OutputBefore(3).empty());
}

BOOST_AUTO_TEST_CASE(the_same_tree_with_more_output_is_a_different_state) {
  SimFileSystem fs;
  fs.output().Line("ack 1");  // nothing on disk changes, but the promise does
  GeneratorStats stats;
  GeneratedStates(fs.trace(), {}, &stats);
  BOOST_TEST(stats.unique == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::crash
