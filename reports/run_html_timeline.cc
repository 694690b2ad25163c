// The timeline of one scenario: every event of the trace in order, the crash point before each
// coloured per model, sync barriers and output lines marked, and the minimal states of the
// violation groups pointed at. Long traces fold what is far from any violation.
#include <algorithm>
#include <map>
#include <vector>

#include "reports/run_html_parts.h"

namespace powercut::reports::html {
namespace {

enum class PointState : uint8_t { kNotExplored, kConsistent, kViolating };

// What each model found at each crash point 0..events (crash point i: before event i).
using PointStates = std::vector<std::vector<PointState>>;

PointStates StatesOf(const ScenarioReport& s, size_t points) {
  PointStates states(s.models.size(), std::vector<PointState>(points, PointState::kNotExplored));
  for (size_t m = 0; m < s.models.size(); ++m) {
    for (const CrashPointSummary& p : s.models[m].crash_points) {
      if (p.index >= points) continue;
      if (p.violating > 0) {
        states[m][p.index] = PointState::kViolating;
      } else if (p.checked > 0) {
        states[m][p.index] = PointState::kConsistent;
      }
    }
  }
  return states;
}

struct PointLook {
  const char* css_class;
  const char* word;
};

PointLook LookOf(PointState state) {
  switch (state) {
    case PointState::kConsistent:
      return {"ok", "consistent"};
    case PointState::kViolating:
      return {"bad", "violating"};
    case PointState::kNotExplored:
      break;
  }
  return {"ne", "not explored"};
}

// One strip per model: runs of equal state as rectangles in a viewBox one unit per crash point.
std::string Overview(const ScenarioReport& s, const PointStates& states) {
  std::string text = "<div class=\"strips\">";
  for (size_t m = 0; m < states.size(); ++m) {
    const std::vector<PointState>& points = states[m];
    text += "<div class=\"strip\"><span class=\"sn\">" + Text(s.models[m].model) +
            "</span><svg viewBox=\"0 0 " + std::to_string(points.size()) +
            " 1\" preserveAspectRatio=\"none\" role=\"img\">";
    for (size_t begin = 0; begin < points.size();) {
      size_t end = begin + 1;
      while (end < points.size() && points[end] == points[begin]) ++end;
      text += "<rect class=\"" + std::string(LookOf(points[begin]).css_class) + "\" x=\"" +
              std::to_string(begin) + "\" width=\"" + std::to_string(end - begin) +
              "\" height=\"1\"><title>crash points " + std::to_string(begin) +
              (end - begin > 1 ? "–" + std::to_string(end - 1) : "") + ": " +
              LookOf(points[begin]).word + "</title></rect>";
      begin = end;
    }
    text += "</svg></div>";
  }
  return text + "</div>\n";
}

std::string Legend(bool folded) {
  return "<div class=\"legend\"><span><i class=\"cp ok\"></i>consistent</span><span><i "
         "class=\"cp bad\"></i>violating</span><span><i class=\"cp ne\"></i>not explored</span>"
         "<span><b class=\"tag sync\">sync</b> barrier: what it covers is durable after it</span>"
         "<span><b class=\"tag out\">promise</b> a line the workload printed</span>" +
         std::string(folded ? "<button type=\"button\" class=\"unfold\">Unfold all</button>" : "") +
         "</div>\n"
         "<p class=\"hint\">Each row is one event; its squares are the crash point just before it "
         "(one per model), the last row the crash point after the last event.</p>\n";
}

// The rows shown open: all of a short trace; else those near a violating crash point or a
// group's minimal state, the initial-state boundary and the end.
std::vector<bool> OpenRows(const ScenarioReport& s, const PointStates& states, size_t rows,
                           const HtmlOptions& options) {
  std::vector<bool> open(rows, rows <= options.expand_all_below + 1);
  // Crash point c is drawn on row c: the events before it are rows c-1, c-2, ..., after it c,
  // c+1, ...
  const size_t after = std::max<size_t>(options.context_events, 1);
  const auto around = [&](size_t point) {
    const size_t first = point > options.context_events ? point - options.context_events : 0;
    const size_t last = std::min(rows - 1, point + after - 1);
    for (size_t i = first; i <= last; ++i) open[i] = true;
  };
  for (const std::vector<PointState>& points : states) {
    for (size_t i = 0; i < points.size(); ++i) {
      if (points[i] == PointState::kViolating) around(i);
    }
  }
  for (const ModelResult& m : s.models) {
    for (const ViolationGroup& g : m.groups) {
      if (g.minimal_crash_point < rows) around(g.minimal_crash_point);
    }
  }
  const size_t boundary = s.recording.first_crash_point;
  if (boundary > 0 && boundary < rows) open[boundary - 1] = open[boundary] = true;
  open[rows - 1] = true;
  return open;
}

class RowWriter {
 public:
  RowWriter(const ScenarioReport& s, size_t scenario, const PointStates& states)
      : s_(s), scenario_(scenario), states_(states) {
    for (size_t m = 0; m < s.models.size(); ++m) {
      for (size_t g = 0; g < s.models[m].groups.size(); ++g) {
        minimal_[s.models[m].groups[g].minimal_crash_point].push_back({m, g});
      }
    }
  }

  // Row i: event i, or past the last event the end of the trace; with crash point i.
  std::string Row(size_t i) const {
    const bool end = i >= s_.timeline.size();
    std::string classes = "ev";
    std::string tag;
    if (!end) {
      const TimelineEvent& e = s_.timeline[i];
      if (e.barrier) {
        classes += " sync";
        tag = "<b class=\"tag sync\">sync</b>";
      }
      if (e.output) {
        classes += " out";
        tag = "<b class=\"tag out\">promise</b>";
      }
      if (e.failed_sync) {
        classes += " failed";
        tag = "<b class=\"tag failed\">sync failed</b>";
      }
    } else {
      classes += " end";
    }
    std::string text;
    if (i == s_.recording.first_crash_point && i > 0) {
      text += "<div class=\"boundary\">initial state ends: crash points start at #" +
              std::to_string(i) + "</div>";
    }
    text +=
        "<div class=\"" + classes + "\" id=\"" + EventId(scenario_, i) + "\"><span class=\"cps\">";
    for (const std::vector<PointState>& states : states_) {
      const PointState state = states[i];
      // No title per square: on a long trace that would be most of the page. The script
      // names the crash point and the model on hover (the strips above list the models).
      text += "<i class=\"cp " + std::string(LookOf(state).css_class) + "\"></i>";
    }
    text += "</span><span class=\"ix\">" +
            (end ? std::string("end") : "#" + std::to_string(s_.timeline[i].index)) +
            "</span><span class=\"tx\">" +
            (end ? std::string("end of the trace") : Text(s_.timeline[i].text)) + "</span>" + tag;
    const auto found = minimal_.find(i);
    if (found != minimal_.end()) {
      for (const auto& [m, g] : found->second) {
        text += "<a class=\"mark\" href=\"#" + GroupId(scenario_, m, g) + "\">◆ " +
                Text(s_.models[m].model) + " group " + std::to_string(g + 1) +
                ": minimal state</a>";
      }
    }
    return text + "</div>\n";
  }

  // What rows first..last (inclusive) hold, for a fold's summary.
  std::string FoldSummary(size_t first, size_t last) const {
    size_t syncs = 0;
    size_t outputs = 0;
    size_t bad = 0;
    for (size_t i = first; i <= last && i < s_.timeline.size(); ++i) {
      syncs += s_.timeline[i].barrier ? 1 : 0;
      outputs += s_.timeline[i].output ? 1 : 0;
    }
    for (const std::vector<PointState>& points : states_) {
      for (size_t i = first; i <= last; ++i) bad += points[i] == PointState::kViolating ? 1 : 0;
    }
    std::string text = Plural(last - first + 1, "event", "events") + " #" + std::to_string(first) +
                       "–#" + std::to_string(last) + ": " + Plural(syncs, "sync", "syncs") + ", " +
                       Plural(outputs, "output line", "output lines");
    if (bad > 0) text += ", " + Plural(bad, "violating crash point", "violating crash points");
    return text;
  }

 private:
  const ScenarioReport& s_;
  size_t scenario_;
  const PointStates& states_;
  std::map<size_t, std::vector<std::pair<size_t, size_t>>> minimal_;
};

}  // namespace

std::string Timeline(const ScenarioReport& s, size_t scenario, const HtmlOptions& options) {
  const size_t rows = s.timeline.size() + 1;  // every event, then the end
  const PointStates states = StatesOf(s, rows);
  const std::vector<bool> open = OpenRows(s, states, rows, options);
  const RowWriter writer(s, scenario, states);
  std::string text;
  bool folded = false;
  for (size_t i = 0; i < rows;) {
    size_t end = i;
    while (end < rows && !open[end]) ++end;
    if (end - i >= options.min_fold) {
      folded = true;
      text += "<details class=\"fold\"><summary>" + writer.FoldSummary(i, end - 1) + "</summary>\n";
      for (size_t k = i; k < end; ++k) text += writer.Row(k);
      text += "</details>\n";
      i = end;
      continue;
    }
    const size_t stop = std::max(end, i + 1);
    for (; i < stop; ++i) text += writer.Row(i);
  }
  return Legend(folded) + Overview(s, states) + "<div class=\"timeline\">\n" + text + "</div>\n";
}

}  // namespace powercut::reports::html
