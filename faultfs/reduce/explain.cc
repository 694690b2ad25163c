#include "faultfs/reduce/explain.h"

#include <algorithm>

#include "faultfs/reduce/event_facts.h"

namespace powercut::reduce {
namespace {

using trace::EventType;

// Builds the words of one explanation.
class Writer {
 public:
  Writer(const crash::CrashStateGenerator& generator, const MinimalState& minimal,
         const Cause& cause)
      : generator_(generator), minimal_(minimal), cause_(cause), facts_(generator) {}

  Explanation Write() {
    Explanation out;
    out.kind = cause_.kind;
    out.details.push_back("checker: " + minimal_.judgement.reason);
    std::string what;
    if (cause_.persisted.empty()) {
      what = ZeroDeviations(out);
    } else {
      what = Deviations(out);
    }
    if (cause_.kind == ViolationClass::kRecoveryFailed) {
      out.summary = std::string(ClassName(cause_.kind)) + " (" + minimal_.judgement.reason +
                    ") on a state where " + what;
      out.fix_hint = "make recovery survive this state, which a power cut can leave (replay it "
                     "and run the checker on it); or keep the program from leaving it: " +
                     out.fix_hint;
    } else {
      out.summary = std::string(ClassName(cause_.kind)) + ": " + what;
    }
    Promises(out);
    Reproducer(out);
    return out;
  }

 private:
  // ---- With deviations ----
  std::string Deviations(Explanation& out) {
    for (const crash::Persisted& p : cause_.persisted) {
      out.details.push_back(p.whole ? "persisted: " + facts_.WithBytes(p.event) : facts_.Torn(p));
    }
    if (!cause_.lost_before.empty()) {
      out.details.push_back("did not persist, though earlier: " +
                            facts_.List(LostFirstCulprit(), 3));
    }
    if (cause_.shape == ViolationClass::kTornWrite) return Torn(out);
    if (!cause_.culprit) return Interrupted(out);
    const size_t culprit = *cause_.culprit;
    out.details.push_back(facts_.PendingSince({culprit, *cause_.anchor}));
    out.details.push_back(facts_.DurableOnlyAt(culprit, cause_.crash_point));
    if (cause_.culprit_confirmed) {
      out.details.push_back("with " + facts_.Quoted(culprit) +
                            " persisted as well, the state is consistent");
    }
    return Pair(out, *cause_.anchor, {culprit}, "persisted", "did not");
  }

  // What an anchor that persisted (`how`) without the `lost` events it needed means, and the fix.
  std::string Pair(Explanation& out, size_t anchor, const std::vector<size_t>& lost,
                   const std::string& how, const std::string& missing) {
    std::vector<size_t> before;
    for (const size_t l : lost) {
      if (l < anchor) before.push_back(l);
    }
    if (before.empty()) {
      out.fix_hint = facts_.Quoted(anchor) + " and " + facts_.List(lost, 3) +
                     " must persist together: write the new contents to a new file, fsync it "
                     "and rename it into place, or log the update (write and fsync a log record) "
                     "before " + facts_.Quoted(anchor) + " so recovery can finish or undo it";
      return facts_.Quoted(anchor) + " " + how + " but the later " + facts_.List(lost, 3) +
             ", part of the same update, " + missing;
    }
    out.fix_hint = facts_.SyncBefore(before, anchor, cause_.crash_point);
    if (cause_.shape == ViolationClass::kNonAtomicUpdate) {
      return facts_.Quoted(anchor) + " " + how + " without the data it names: " +
             facts_.List(before, 3) + " " + missing;
    }
    return facts_.WithBytes(anchor) + " " + how + " while the earlier " + facts_.List(before, 3) +
           " " + missing;
  }

  std::string Torn(Explanation& out) {
    const size_t torn = cause_.torn.front();
    out.details.push_back(facts_.PendingSince({torn}));
    out.details.push_back(facts_.DurableOnlyAt(torn, cause_.crash_point));
    const std::string sector = std::to_string(generator_.options().sector_bytes);
    const std::string file = facts_.names().TargetOf(torn).Phrase();
    if (generator_.timeline().at(torn).has_append) {
      out.fix_hint = "an append to " + file + " can tear at " + sector +
                     "-byte sectors, or persist its new size without its data (zeros): "
                     "recovery must detect a torn tail of " + file +
                     " (a checksum per record) and discard it";
    } else {
      out.fix_hint = "a write over existing data of " + file + " can tear at " + sector +
                     "-byte sectors: do not overwrite " + file + " in place (write the new "
                     "contents to a new file, fsync it, rename it over " + file +
                     "), or let recovery detect the tear (a checksum) and fall back to a copy";
    }
    const auto p = std::find_if(cause_.persisted.begin(), cause_.persisted.end(),
                                [&](const crash::Persisted& x) { return x.event == torn; });
    return facts_.Torn(*p);
  }

  // Nothing pending was lost: an update cut short, or a state the program makes by itself.
  std::string Interrupted(Explanation& out) {
    const size_t first = FirstPersisted();
    if (cause_.final_state_violates) {
      out.fix_hint = "the program's own state fails the check, crash or no crash: look at what "
                     "it writes from " + facts_.Quoted(first) + " on, or at the checker";
      return "nothing pending was lost (from " + facts_.Quoted(first) + " on, everything "
             "persisted) and the state violates, as does the program's complete state at the "
             "end of the trace";
    }
    const std::string at = cause_.crash_point < generator_.timeline().size()
                               ? "before " + facts_.Quoted(cause_.crash_point)
                               : "at the end of the trace";
    out.fix_hint = "make the update from " + facts_.Quoted(first) + " on one atomic step: " +
                   "write the new contents to a new file, fsync it and rename it into place, "
                   "or log the update first so recovery can finish or undo it";
    return "nothing pending was lost (from " + facts_.Quoted(first) + " on, everything "
           "persisted) and the state violates: the crash " + at + " interrupted an update that "
           "the program completes later";
  }

  std::vector<size_t> LostFirstCulprit() const {
    std::vector<size_t> lost = cause_.lost_before;
    if (cause_.culprit) {
      const auto it = std::find(lost.begin(), lost.end(), *cause_.culprit);
      if (it != lost.end()) std::rotate(lost.begin(), it, it + 1);
    }
    return lost;
  }

  size_t FirstPersisted() const { return cause_.persisted.front().event; }

  // ---- Without deviations ----
  std::string ZeroDeviations(Explanation& out) {
    const std::vector<size_t>& unsynced = cause_.unsynced;
    const std::string list = facts_.List(unsynced, 3);
    const std::string was = WasOrWere(unsynced.size());
    if (!unsynced.empty()) {
      out.details.push_back(facts_.PendingSince(unsynced));
      if (cause_.unsynced_confirmed) {
        out.details.push_back("with " + list + " persisted, the state is consistent");
      }
    }
    const std::optional<size_t> broke = cause_.breaking_event;
    if (cause_.shape == ViolationClass::kAcknowledgedBeforeDurable) {
      const std::optional<size_t> promise = broke ? broke : LastPromise();
      const std::string subject =
          promise ? facts_.Quoted(*promise) + " was printed" : std::string("the state violates");
      if (unsynced.empty() || cause_.complete_state_violates) {
        out.fix_hint = "print " + (promise ? facts_.Quoted(*promise) : std::string("it")) +
                       " only after the change it promises is written and synced";
        return subject + " before the change it promises was written: even with every earlier "
                         "operation persisted the state violates";
      }
      out.fix_hint =
          facts_.SyncBefore(unsynced, promise.value_or(cause_.crash_point), cause_.crash_point);
      return subject + " while " + list + " " + was + " not durable";
    }
    if (cause_.shape == ViolationClass::kSyncedStateViolates || !broke) {
      out.fix_hint = "the durable state alone fails the check: look at what the program made "
                     "durable" + (broke ? " up to " + facts_.Quoted(*broke) : std::string()) +
                     ", or at the checker";
      return broke ? "the state violates right after " + facts_.Quoted(*broke) +
                         " with nothing pending lost"
                   : "the state violates at the trace's first crash point, with nothing lost";
    }
    if (!cause_.anchor) {  // the barrier made nothing durable that the trace can name
      out.fix_hint = facts_.SyncBefore(unsynced, *broke, cause_.crash_point);
      return facts_.Quoted(*broke) + " made later operations durable while the earlier " + list +
             " " + was + " still pending";
    }
    return Pair(out, *cause_.anchor, unsynced, "became durable at " + facts_.Quoted(*broke),
                std::string(was) + " still pending");
  }

  std::optional<size_t> LastPromise() const {
    if (!cause_.promises.empty()) return cause_.promises.back();
    const auto& events = generator_.timeline().trace().events;
    for (size_t e = std::min(cause_.crash_point, events.size()); e-- > 0;) {
      if (events[e].type == EventType::kOutput) return e;
    }
    return std::nullopt;
  }

  // ---- Common ----
  void Promises(Explanation& out) {
    if (cause_.promises.empty()) return;
    out.details.push_back("the checker's reason names the output " +
                          facts_.List(cause_.promises, 3));
  }

  void Reproducer(Explanation& out) {
    std::string line = "reproducer: state " + minimal_.state.id + ", " +
                       std::to_string(minimal_.deviations) + " deviation" +
                       (minimal_.deviations == 1 ? "" : "s") +
                       " from dropping everything unsynced";
    if (!minimal_.one_minimal) line += " (not proven minimal: the oracle budget ran out)";
    if (minimal_.state.id != minimal_.original_id) line += "; reduced from " + minimal_.original_id;
    out.details.push_back(line);
  }

  const crash::CrashStateGenerator& generator_;
  const MinimalState& minimal_;
  const Cause& cause_;
  EventFacts facts_;
};

}  // namespace

Explanation Explain(const crash::CrashStateGenerator& generator, const MinimalState& minimal,
                    const Cause& cause) {
  return Writer(generator, minimal, cause).Write();
}

std::string ReplayCommand(const crash::GeneratorOptions& options, std::string_view trace_path,
                          std::string_view state_id) {
  return "powercut replay " + std::string(trace_path) + " --state " + std::string(state_id) +
         " --model " + std::string(crash::ModelName(options.model)) + " --sector-bytes " +
         std::to_string(options.sector_bytes) + " -o state-" + std::string(state_id);
}

}  // namespace powercut::reduce
