#include "reports/explore_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "reports/group_text.h"

namespace powercut::reports {
namespace {

std::string Fixed(double value, int decimals) {
  std::array<char, 64> text{};
  const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), value,
                                          std::chars_format::fixed, decimals);
  return error == std::errc() ? std::string(text.data(), end) : "?";
}

// The shortest form: "5", "0.25".
std::string Number(double value) {
  std::array<char, 64> text{};
  const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() ? std::string(text.data(), end) : "?";
}

std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Header(const ExploreReport& r) {
  const ExploreReport::Options& o = r.options;
  std::string text = "powercut explore: " + r.trace.path + " (" +
                     Count(r.trace.events, "event", "events") + ", crash points from #" +
                     std::to_string(r.trace.first_crash_point) + ", " +
                     Count(r.trace.output_lines, "output line", "output lines") + ")\n";
  for (const std::string& warning : r.trace.warnings) text += "  trace warning: " + warning + "\n";
  text += "  model " + o.model + ", sector " + std::to_string(o.sector_bytes) + " B, crash points " +
          o.crash_points + ", ";
  if (o.strategy == "sample") {
    text += "sample of " + std::to_string(o.samples) + " (seed " + std::to_string(o.seed) + ")";
  } else {
    text += "exhaustive up to " + Count(static_cast<size_t>(o.max_deviations), "deviation",
                                        "deviations");
  }
  text += ", at most " + std::to_string(o.max_states) + " states\n";
  text += "  checker: sh -c " + ShellQuote(r.checker.command) + " (timeout " +
          Number(r.checker.timeout_seconds) + " s), " + Count(static_cast<size_t>(o.jobs), "job", "jobs") + ", scratch " + r.scratch +
          "\n";
  return text;
}

std::string Counts(const ExploreReport& r) {
  const ExploreReport::Stats& s = r.stats;
  const double rate = s.seconds > 0 ? static_cast<double>(s.checked) / s.seconds : 0;
  std::string text = "  " + Count(s.crash_points, "crash point", "crash points") +
                     ", states: " + std::to_string(s.generated) + " generated, " +
                     std::to_string(s.unique) + " unique, " + std::to_string(s.checked) +
                     " checked in " + Fixed(s.seconds, 2) + " s (" + Fixed(rate, 0) +
                     " states/s)\n";
  if (s.capped) {
    text += "  capped: --max-states " + std::to_string(r.options.max_states) +
            " was reached; more states exist\n";
  }
  return text;
}

std::string ViolationText(const ExploreReport::Violation& v, size_t index, size_t total,
                          const TextOptions& options) {
  std::string text = "\nviolation " + std::to_string(index) + " of " + std::to_string(total) +
                     ": state " + v.state_id + " at crash point " + std::to_string(v.crash_point) +
                     "\n";
  text += "  reason:  " + v.reason + "\n";
  if (v.deviations.empty()) {
    text += "  deviations: none (every pending operation was lost)\n";
  } else {
    text += "  deviations:\n";
    for (const std::string& d : v.deviations) text += "    " + d + "\n";
  }
  std::string_view details = v.details;
  size_t shown = 0;
  while (!details.empty()) {
    const size_t end = details.find('\n');
    if (shown == options.detail_lines) {
      text += "    (more in the JSON report)\n";
      break;
    }
    text += (shown == 0 ? "  checker: " : "    ") + std::string(details.substr(0, end)) + "\n";
    ++shown;
    if (end == std::string_view::npos) break;
    details.remove_prefix(end + 1);
  }
  text += "  replay:  " + ShellCommand(v.replay) + "\n";
  return text;
}

std::string Result(const ExploreReport& r) {
  const ExploreReport::Stats& s = r.stats;
  std::string text = "\nresult: ";
  switch (r.outcome) {
    case ExploreReport::Outcome::kConsistent:
      text += "CONSISTENT: no violation in " + Count(s.checked, "state", "states") + " checked";
      break;
    case ExploreReport::Outcome::kViolation:
      text += "VIOLATION in " + std::to_string(s.violating) + " of " +
              Count(s.checked, "state", "states") + " checked";
      break;
    case ExploreReport::Outcome::kInterrupted:
      text += "INTERRUPTED by " + r.interruption + " after " + Count(s.checked, "state", "states") +
              " checked (" + std::to_string(s.violating) + " violating): a partial result";
      break;
    case ExploreReport::Outcome::kError:
      text += "ERROR after " + Count(s.checked, "state", "states") + " checked (" +
              std::to_string(s.violating) + " violating), exit " + std::to_string(r.exit_code) +
              ":\n  " + r.error;
      return text + "\n";
  }
  return text + " (exit " + std::to_string(r.exit_code) + ")\n";
}

}  // namespace

std::string RenderExploreText(const ExploreReport& report, const TextOptions& options) {
  std::string text = Header(report) + Counts(report);
  const size_t listed = report.groups.empty()
                            ? report.violations.size()
                            : std::min(report.violations.size(), options.violations_with_groups);
  for (size_t i = 0; i < listed; ++i) {
    text += ViolationText(report.violations[i], i + 1, report.stats.violating, options);
  }
  if (listed < report.stats.violating) {
    const bool in_json = listed < report.violations.size();
    text += "\n(" + std::to_string(report.stats.violating - listed) + " more violating states " +
            (in_json ? "in the JSON report" : "are counted but not listed") + ")\n";
  }
  if (!report.groups.empty()) {
    text += "\nminimal reproducers: " + Count(report.stats.violating - report.not_reduced,
                                               "violating state", "violating states") +
            " reduced to " + Count(report.groups.size(), "group", "groups") + " by minimal cause";
    if (report.not_reduced > 0) text += " (" + std::to_string(report.not_reduced) + " not reduced)";
    text += "\n";
    for (size_t i = 0; i < report.groups.size(); ++i) {
      text += "\n" + ViolationGroupText(report.groups[i], i + 1, report.groups.size());
    }
  }
  return text + Result(report);
}

}  // namespace powercut::reports
