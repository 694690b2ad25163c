// Grouping: violations with the same minimal cause are one group, not thousands of lines.
//
// The key is the class and the sites involved, an event's site being its operation and path
// with digit runs as N ("write wal/N.log append"), so the same bug met at many crash points, in
// many tears of one write or in every iteration of a loop lands in one group:
//   with deviations     class | the site of the persisted event paired with the culprit | the
//                       file or directory the culprit needed synced; for a torn write, the
//                       torn events' sites; with nothing lost, every persisted event's site
//   without deviations  class | the event the breaking barrier made durable (or the breaking
//                       output line) | the files and directories a fix must sync
//   recovery failures   "recovery crashed or hung (crashed|hung)", then the key of the state's
//                       shape
// A group keeps the count, the crash points where its violations were found, and one
// representative: the reduction with the fewest deviations, then the earliest crash point.
#ifndef POWERCUT_FAULTFS_REDUCE_GROUP_H_
#define POWERCUT_FAULTFS_REDUCE_GROUP_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "faultfs/reduce/reduce.h"

namespace powercut::reduce {

std::string GroupKey(const crash::CrashStateGenerator& generator, const MinimalState& minimal,
                     const Cause& cause);

struct Group {
  std::string key;
  ViolationClass kind = ViolationClass::kSyncedStateViolates;
  size_t count = 0;                 // violations in the group
  std::vector<size_t> crash_points;  // where they were found (original points), ascending, once
  Reduction representative;          // replay it with representative.minimal.state.id
};

class Grouper {
 public:
  void Add(Reduction reduction);
  // Ordered by the representative's crash point, then key: deterministic whatever the order
  // reductions were added in.
  std::vector<Group> Groups() const;
  size_t violations() const { return violations_; }

 private:
  std::map<std::string, Group> groups_;
  size_t violations_ = 0;
};

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_GROUP_H_
