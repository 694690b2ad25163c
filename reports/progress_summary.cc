#include "reports/progress_summary.h"

#include <algorithm>
#include <array>
#include <vector>

#include "reports/markup.h"
#include "reports/text_format.h"

namespace powercut::reports {
namespace {

constexpr size_t kColumns = 8;
using Row = std::array<std::string, kColumns>;
// Left-aligned text columns, then right-aligned numbers.
constexpr std::array<bool, kColumns> kRight = {false, false, false, false, true, true, true, true};

std::string Cut(const std::string& text, size_t columns) {
  if (DisplayColumns(text) <= columns) return text;
  return FirstColumns(text, columns - 3) + "...";
}

std::vector<Row> Rows(const RunReport& report) {
  std::vector<Row> rows = {
      {"scenario", "model", "expected", "result", "checked", "violating", "groups", "time"}};
  for (const ScenarioReport& s : report.scenarios) {
    const std::string name = PrintableUtf8(s.name);
    const std::string time = Fixed(s.seconds, 2) + " s";
    if (s.models.empty()) {
      std::string verdict(VerdictName(s.verdict));
      std::transform(verdict.begin(), verdict.end(), verdict.begin(),
                     [](char c) { return static_cast<char>(c - ('a' <= c && c <= 'z' ? 32 : 0)); });
      rows.push_back({name, "-", "-", verdict, "-", "-", "-", time});
      continue;
    }
    for (size_t m = 0; m < s.models.size(); ++m) {
      const ModelResult& model = s.models[m];
      const ExploreReport::Stats& stats = model.exploration.stats;
      std::string result = model.met ? "met" : "NOT MET";
      if (model.exploration.outcome == ExploreReport::Outcome::kInterrupted) result = "INTERRUPTED";
      if (model.exploration.outcome == ExploreReport::Outcome::kError) result = "ERROR";
      rows.push_back({m == 0 ? name : "", PrintableUtf8(model.model),
                      PrintableUtf8(model.expected.result), result, Thousands(stats.checked),
                      Thousands(stats.violating), Thousands(model.groups.size()),
                      Fixed(stats.seconds, 2) + " s"});
    }
  }
  return rows;
}

std::string Totals(const RunReport& report) {
  std::array<size_t, 4> counts{};
  for (const ScenarioReport& s : report.scenarios) ++counts[static_cast<size_t>(s.verdict)];
  const size_t total = report.scenarios.size();
  std::string text = std::to_string(total) + (total == 1 ? " scenario: " : " scenarios: ") +
                     std::to_string(counts[0]) + " passed, " + std::to_string(counts[1]) +
                     " failed, " + std::to_string(counts[2]) + " skipped, " +
                     std::to_string(counts[3]) + (counts[3] == 1 ? " error" : " errors");
  if (report.interrupted) text += "; interrupted: a partial result";
  return text + " (exit " + std::to_string(report.exit_code) + ")\n";
}

}  // namespace

std::string RenderRunSummaryTable(const RunReport& report, size_t width) {
  std::vector<Row> rows = Rows(report);
  std::array<size_t, kColumns> widths{};
  for (const Row& row : rows) {
    for (size_t c = 0; c < kColumns; ++c) widths[c] = std::max(widths[c], DisplayColumns(row[c]));
  }
  size_t total = 0;
  for (const size_t w : widths) total += w + 2;
  total -= 2;
  if (total > width && widths[0] > 12) {
    widths[0] = std::max<size_t>(12, widths[0] - std::min(widths[0], total - width));
    for (Row& row : rows) row[0] = Cut(row[0], widths[0]);
  }
  std::string text;
  for (const Row& row : rows) {
    std::string line;
    for (size_t c = 0; c < kColumns; ++c) {
      const std::string pad(widths[c] - DisplayColumns(row[c]), ' ');
      line += kRight[c] ? pad + row[c] : row[c] + (c + 1 < kColumns ? pad : "");
      if (c + 1 < kColumns) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  return text + "\n" + Totals(report);
}

}  // namespace powercut::reports
