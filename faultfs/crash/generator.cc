#include "faultfs/crash/generator.h"

#include <algorithm>
#include <random>
#include <unordered_set>

namespace powercut::crash {
namespace {

// Identity of a state for deduplication: what a checker can observe.
struct StateKey {
  uint64_t content_hash;
  size_t output_lines;
  bool operator==(const StateKey&) const = default;
};
struct StateKeyHash {
  size_t operator()(const StateKey& key) const {
    return static_cast<size_t>(key.content_hash ^ (key.output_lines * 0x9e3779b97f4a7c15ULL));
  }
};

}  // namespace

// One Run(): the durable prefix shared by successive crash points, the states seen, the stats.
class CrashStateGenerator::Walk {
 public:
  Walk(const CrashStateGenerator& generator, const Visit& visit)
      : g_(generator), visit_(visit), prefix_image_(g_.InitialImage()),
        prefix_end_(g_.trace_.first_crash_point) {}

  void Exhaustive() {
    for (const size_t c : g_.crash_points_) {
      if (stopped_) break;
      ++stats_.crash_points;
      AdvancePrefix(c);
      std::vector<Persisted> persisted;
      Descend(c, prefix_end_, prefix_image_, Descent{}, persisted);
    }
  }

  void Sample() {
    std::mt19937_64 rng(g_.options_.seed);
    std::vector<size_t> points;
    for (size_t i = 0; i < g_.options_.samples && !g_.crash_points_.empty(); ++i) {
      points.push_back(g_.crash_points_[rng() % g_.crash_points_.size()]);
    }
    std::sort(points.begin(), points.end());  // the durable prefix only moves forward
    size_t previous = SIZE_MAX;
    for (const size_t c : points) {
      if (stopped_) break;
      if (c != previous) ++stats_.crash_points;
      previous = c;
      AdvancePrefix(c);
      RandomDescent(c, rng);
    }
  }

  const GeneratorStats& stats() const { return stats_; }

 private:
  // Applies, to the shared prefix, the events that no crash point from `c` on can lose.
  void AdvancePrefix(size_t c) {
    while (prefix_end_ < c && !g_.timeline_.IsPending(prefix_end_, c, g_.options_.model)) {
      g_.timeline_.ApplyAll(prefix_end_++, prefix_image_);
    }
  }

  void Descend(size_t c, size_t pos, FsImage image, const Descent& descent,
               std::vector<Persisted>& persisted) {
    while (pos < c && !g_.timeline_.IsPending(pos, c, g_.options_.model)) {
      g_.timeline_.ApplyAll(pos++, image);
    }
    if (pos == c) {
      Leaf(c, image, descent, persisted);
      return;
    }
    const std::vector<PieceRuns> choices =
        g_.rules_.Enumerate(pos, descent, g_.options_.max_deviations);
    for (size_t i = 0; i < choices.size() && !stopped_; ++i) {
      FsImage next = i + 1 == choices.size() ? std::move(image) : image;
      Descent after = descent;
      Choose(pos, choices[i], next, after, persisted);
      Descend(c, pos + 1, std::move(next), after, persisted);
      if (!choices[i].empty()) persisted.pop_back();
    }
  }

  void RandomDescent(size_t c, std::mt19937_64& rng) {
    FsImage image = prefix_image_;
    Descent descent;
    std::vector<Persisted> persisted;
    for (size_t pos = prefix_end_; pos < c; ++pos) {
      if (g_.timeline_.IsPending(pos, c, g_.options_.model)) {
        Choose(pos, g_.rules_.Sample(pos, descent, rng), image, descent, persisted);
      } else {
        g_.timeline_.ApplyAll(pos, image);
      }
    }
    Leaf(c, image, descent, persisted);
  }

  void Choose(size_t event, const PieceRuns& runs, FsImage& image, Descent& descent,
              std::vector<Persisted>& persisted) {
    g_.timeline_.ApplyRuns(event, runs, image);
    g_.rules_.Take(event, runs, descent);
    if (runs.empty()) return;
    const bool whole = runs == ChoiceRules::Whole(g_.timeline_.at(event).pieces.size());
    persisted.push_back(Persisted{event, whole, runs});
  }

  void Leaf(size_t c, const FsImage& image, const Descent& descent,
            const std::vector<Persisted>& persisted) {
    ++stats_.generated;
    const StateKey key{image.ContentHash(), g_.outputs_before_[c]};
    if (g_.options_.deduplicate && seen_.count(key) > 0) return;
    if (stats_.unique >= g_.options_.max_states) {
      stats_.capped = true;  // a new state exists past the cap: say so, never stop silently
      stopped_ = true;
      return;
    }
    seen_.insert(key);
    ++stats_.unique;
    CrashState state;
    state.crash_point = c;
    state.persisted = persisted;
    state.deviations = descent.deviations;
    state.output_lines = key.output_lines;
    state.content_hash = key.content_hash;
    state.id = FormatStateId(c, persisted);
    for (size_t e = g_.trace_.first_crash_point; e < c; ++e) {
      if (g_.timeline_.IsPending(e, c, g_.options_.model)) state.pending.push_back(e);
    }
    if (!visit_(state, image)) stopped_ = true;
  }

  const CrashStateGenerator& g_;
  const Visit& visit_;
  FsImage prefix_image_;
  size_t prefix_end_;
  std::unordered_set<StateKey, StateKeyHash> seen_;
  GeneratorStats stats_;
  bool stopped_ = false;
};

CrashStateGenerator::CrashStateGenerator(const trace::Trace& trace, GeneratorOptions options)
    : trace_(trace),
      options_(options),
      timeline_(trace, options.sector_bytes, options.max_pieces_per_write),
      rules_(timeline_, options.model) {
  const size_t n = trace.events.size();
  outputs_before_.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    outputs_before_[i + 1] =
        outputs_before_[i] + (trace.events[i].type == trace::EventType::kOutput ? 1 : 0);
  }
  const size_t first = std::min(trace.first_crash_point, n);
  for (size_t c = first; c <= n; ++c) {
    const bool after_sync = c > first && trace::IsBarrier(trace.events[c - 1].type);
    if (options.crash_points == CrashPoints::kAll || after_sync || c == n) {
      crash_points_.push_back(c);
    }
  }
}

GeneratorStats CrashStateGenerator::Run(const Visit& visit) {
  Walk walk(*this, visit);
  if (options_.strategy == Strategy::kExhaustive) {
    walk.Exhaustive();
  } else {
    walk.Sample();
  }
  return walk.stats();
}

FsImage CrashStateGenerator::InitialImage() const {
  FsImage image;
  const size_t first = std::min(trace_.first_crash_point, trace_.events.size());
  for (size_t e = 0; e < first; ++e) timeline_.ApplyAll(e, image);
  return image;
}

std::vector<std::string> CrashStateGenerator::OutputBefore(size_t crash_point) const {
  std::vector<std::string> lines;
  for (size_t e = 0; e < crash_point && e < trace_.events.size(); ++e) {
    if (trace_.events[e].type == trace::EventType::kOutput) lines.push_back(trace_.events[e].data);
  }
  return lines;
}

Result<std::pair<CrashState, FsImage>> CrashStateGenerator::Materialize(std::string_view id) const {
  POWERCUT_ASSIGN_OR_RETURN(ParsedStateId parsed, ParseStateId(id));
  const size_t c = parsed.crash_point;
  auto invalid = [&](const std::string& what) {
    return Status::InvalidArgument("crash state " + std::string(id) + ": " + what);
  };
  if (c < trace_.first_crash_point || c > trace_.events.size()) {
    return invalid("crash point " + std::to_string(c) + " is outside " +
                   std::to_string(trace_.first_crash_point) + ".." +
                   std::to_string(trace_.events.size()));
  }
  FsImage image = InitialImage();
  Descent descent;
  CrashState state;
  state.crash_point = c;
  size_t next = 0;  // the next entry of parsed.persisted
  for (size_t e = trace_.first_crash_point; e < c; ++e) {
    const bool listed = next < parsed.persisted.size() && parsed.persisted[next].event == e;
    if (!timeline_.IsPending(e, c, options_.model)) {
      if (listed) return invalid("event " + std::to_string(e) + " is not pending there");
      timeline_.ApplyAll(e, image);
      continue;
    }
    state.pending.push_back(e);
    const size_t pieces = timeline_.at(e).pieces.size();
    PieceRuns runs;
    if (listed) {
      Persisted& p = parsed.persisted[next++];
      if (p.whole) p.runs = ChoiceRules::Whole(pieces);
      if (!p.runs.empty() && p.runs.back().second > pieces) {
        return invalid("event " + std::to_string(e) + " has " + std::to_string(pieces) +
                       " pieces");
      }
      p.whole = p.runs == ChoiceRules::Whole(pieces);
      runs = p.runs;
      state.persisted.push_back(p);
    }
    if (!rules_.Allowed(e, descent, runs)) {
      return invalid(std::string(ModelName(options_.model)) + " does not allow event " +
                     std::to_string(e) + " to persist that way here");
    }
    timeline_.ApplyRuns(e, runs, image);
    rules_.Take(e, runs, descent);
  }
  if (next < parsed.persisted.size()) {
    return invalid("event " + std::to_string(parsed.persisted[next].event) +
                   " is not before the crash point");
  }
  state.deviations = descent.deviations;
  state.output_lines = outputs_before_[c];
  state.content_hash = image.ContentHash();
  state.id = FormatStateId(c, state.persisted);
  return std::make_pair(std::move(state), std::move(image));
}

}  // namespace powercut::crash
