// EventFacts: the phrases explanations are made of, each a fact read from the trace and the
// persistence model: an event with its byte range, what part of a torn write persisted, the
// barrier a pending event came after, the one that would have made it durable, and the fsyncs
// that would have prevented a violation.
#ifndef POWERCUT_FAULTFS_REDUCE_EVENT_FACTS_H_
#define POWERCUT_FAULTFS_REDUCE_EVENT_FACTS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "faultfs/crash/generator.h"
#include "faultfs/reduce/event_names.h"

namespace powercut::reduce {

class EventFacts {
 public:
  // `generator` must outlive this.
  explicit EventFacts(const crash::CrashStateGenerator& generator);

  EventNames& names() { return names_; }

  // "`write f @0+9` (#2)"; an output line as "`ack 1` (#5)".
  std::string Quoted(size_t event);
  // Quoted, with the bytes a write covers: "`write f @0+9` (#2, bytes 0-8)".
  std::string WithBytes(size_t event);
  // "printing `ack 1` (#5)" for an output line, else Quoted.
  std::string Printing(size_t event);
  // "`write f @0+1024` (#3) tore: bytes 0-511 persisted, bytes 512-1023 did not".
  std::string Torn(const crash::Persisted& persisted);
  // Up to `most` events quoted, "and N more" after them.
  std::string List(const std::vector<size_t>& events, size_t most);
  // The last barrier covering each event's file or directory before it: "pending since: #3
  // (`a`) and #4 (`a`) were pending after `fsync a` (#1)", or that none came before.
  std::string PendingSince(const std::vector<size_t>& events);
  // "only `fsync f` (#9), after the crash point, makes `write f @0+9` (#2) durable", or
  // "nothing in the trace makes ... durable".
  std::string DurableOnlyAt(size_t event, size_t crash_point);
  // "fsync `f.tmp` after `write f.tmp @0+9` (#2) and before `rename f.tmp -> f` (#3)": one
  // fsync per file or directory holding `events`, each after the last operation on it before
  // `before` (an event index; the trace's length for "the crash point").
  std::string SyncBefore(const std::vector<size_t>& events, size_t before, size_t crash_point);

 private:
  std::string Bytes(size_t event, const crash::PieceRuns& runs, bool inside);
  const trace::Event& event(size_t index) const { return trace_.events[index]; }

  const crash::CrashStateGenerator& generator_;
  const trace::Trace& trace_;
  EventNames names_;
};

// "was" or "were".
inline const char* WasOrWere(size_t count) { return count == 1 ? "was" : "were"; }

}  // namespace powercut::reduce

#endif  // POWERCUT_FAULTFS_REDUCE_EVENT_FACTS_H_
