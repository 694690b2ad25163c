#include "faultfs/reduce/group.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "faultfs/reduce/event_names.h"

namespace powercut::reduce {
namespace {

std::string Join(const std::set<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

// Orders representatives: fewer deviations, then earlier crash point, then ID.
auto Rank(const Reduction& r) {
  return std::make_tuple(r.minimal.deviations, r.minimal.state.crash_point, r.minimal.state.id);
}

}  // namespace

std::string GroupKey(const crash::CrashStateGenerator& generator, const MinimalState& minimal,
                     const Cause& cause) {
  EventNames names(generator.timeline());
  std::string key(ClassName(cause.kind));
  if (cause.kind == ViolationClass::kRecoveryFailed) {
    key += minimal.judgement.kind == Judgement::Kind::kRecoveryHung ? " (hung) " : " (crashed) ";
    key += ClassName(cause.shape);
  }
  auto targets = [&](const std::vector<size_t>& events) {
    std::set<std::string> phrases;
    for (const size_t e : events) phrases.insert(NormalizeDigits(names.TargetOf(e).Phrase()));
    return Join(phrases);
  };
  if (!cause.persisted.empty()) {
    if (cause.culprit) {  // the pair is the cause; other persisted events came along with it
      return key + " | " + names.Site(*cause.anchor) + " | sync: " + targets({*cause.culprit});
    }
    std::set<std::string> persisted;  // the torn ones, or (nothing lost) everything persisted
    for (const crash::Persisted& p : cause.persisted) {
      if (cause.torn.empty() || !p.whole) {
        persisted.insert(names.Site(p.event) + (p.whole ? "" : " torn"));
      }
    }
    return key + " | " + Join(persisted);
  }
  if (cause.anchor) {  // a barrier made the anchor durable before what it needed
    key += " | " + names.Site(*cause.anchor);
  } else {
    key += " | after: " + (cause.breaking_event ? names.Site(*cause.breaking_event)
                                                 : std::string("the first crash point"));
  }
  if (!cause.unsynced.empty()) key += " | sync: " + targets(cause.unsynced);
  return key;
}

void Grouper::Add(Reduction reduction) {
  ++violations_;
  Group& group = groups_[reduction.group_key];
  const size_t point = reduction.minimal.original_crash_point;
  const auto at = std::lower_bound(group.crash_points.begin(), group.crash_points.end(), point);
  if (at == group.crash_points.end() || *at != point) group.crash_points.insert(at, point);
  const bool better = group.count == 0 || Rank(reduction) < Rank(group.representative);
  ++group.count;
  if (!better) return;
  group.key = reduction.group_key;
  group.kind = reduction.cause.kind;
  group.representative = std::move(reduction);
}

std::vector<Group> Grouper::Groups() const {
  std::vector<Group> out;
  for (const auto& [key, group] : groups_) out.push_back(group);
  std::stable_sort(out.begin(), out.end(), [](const Group& a, const Group& b) {
    return a.representative.minimal.state.crash_point < b.representative.minimal.state.crash_point;
  });
  return out;
}

}  // namespace powercut::reduce
