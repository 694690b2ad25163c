// TiedPromises: which output lines (the workload's promises) a checker's reason refers to.
//
// A line is tied when the reason holds it whole ("\"saved\" printed but ..." ties `saved`), or
// else when every number in it appears in the reason as a number ("txn 6 missing" ties `ack 6`,
// not `ack 16`). A heuristic: a reason with small numbers may tie a line by accident, and a
// reason that paraphrases without numbers ties nothing.
#ifndef POWERCUT_FAULTFS_REDUCE_PROMISES_H_
#define POWERCUT_FAULTFS_REDUCE_PROMISES_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "faultfs/trace/event.h"

namespace powercut::reduce {

// The output events before `crash_point` tied to `reason`, ascending: the latest 3 tied by
// their whole text if any is, else the latest 3 tied by their numbers.
std::vector<size_t> TiedPromises(const trace::Trace& trace, size_t crash_point,
                                 std::string_view reason);

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_PROMISES_H_
