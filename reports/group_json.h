// The JSON of a ViolationGroup: one writer and one reader for the two schemas that hold groups,
// powercut-explore/1 (its "groups") and powercut-run/1 (a model's "groups"), so that a group has
// the same fields, in the same order, in both (docs/reports.md, "A violation group").
//
// Internal to reports/.
#ifndef POWERCUT_REPORTS_GROUP_JSON_H_
#define POWERCUT_REPORTS_GROUP_JSON_H_

#include <nlohmann/json.hpp>

#include "reports/json_fields.h"
#include "reports/violation_group.h"

namespace powercut::reports {

nlohmann::ordered_json ViolationGroupJson(const ViolationGroup& group);

// Every field ViolationGroupJson writes but "replay" (the shell line of "replay_argv").
ViolationGroup ReadViolationGroup(JsonFields& in, const JsonFields::Node& node);

}  // namespace powercut::reports

#endif  // POWERCUT_REPORTS_GROUP_JSON_H_
