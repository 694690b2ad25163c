// DescribeDeviations (declared in check_states.h): what made a crash state, in the trace's words.
#include <string>
#include <vector>

#include "faultfs/explore/check_states.h"
#include "faultfs/trace/path_tracker.h"
#include "faultfs/trace/trace_printer.h"

namespace powercut::explore {

std::vector<std::string> DescribeDeviations(const crash::CrashStateGenerator& generator,
                                            const crash::CrashState& state) {
  const trace::Trace& trace = generator.timeline().trace();
  trace::PathTracker names;  // the names just before event `named`
  size_t named = 0;
  auto describe = [&](size_t e) {
    while (named < e) names.Apply(trace.events[named++]);
    return "#" + std::to_string(e) + " " +
           trace::FormatEvent(trace.events[e], names, {.data_bytes = 0});
  };
  constexpr size_t kLostShown = 3;
  std::vector<std::string> lines;
  std::vector<std::string> lost;  // pending events before the next persisted one that were lost
  size_t next = 0;
  for (const size_t e : state.pending) {
    const bool kept = next < state.persisted.size() && state.persisted[next].event == e;
    if (!kept) {
      lost.push_back(describe(e));
      continue;
    }
    const crash::Persisted& p = state.persisted[next++];
    std::string line = describe(e);
    if (p.whole) {
      line += " persisted";
    } else {
      line += " torn: pieces " + crash::FormatRuns(p.runs) + " of " +
              std::to_string(generator.timeline().at(e).pieces.size()) + " persisted";
    }
    if (!lost.empty()) {
      line += " while ";
      for (size_t i = 0; i < lost.size() && i < kLostShown; ++i) {
        line += (i > 0 ? ", " : "") + lost[i];
      }
      if (lost.size() > kLostShown) line += " and " + std::to_string(lost.size() - kLostShown) + " more";
      line += " did not";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace powercut::explore
