#include "harness/command_explorer.h"

#include <cerrno>
#include <map>
#include <memory>

#include "faultfs/fs/posix_file_system.h"
#include "harness/scratch.h"
#include "harness/state_exploration.h"

namespace powercut::harness {
namespace {

using explore::StateOutcome;

// A failed write into scratch, said so that the user knows what to do.
Status ScratchError(const Status& status, const std::string& root) {
  const int error = status.error_number();
  if (error == ENOSPC || error == EDQUOT) {
    return Status::IoError("the scratch directory " + root +
                               " is full: free space there, or choose another with --scratch DIR",
                           error);
  }
  return status.WithContext("cannot write a crash state into the scratch directory " + root);
}

// Every line of `text` indented by two spaces.
std::string Indent(const std::string& text) {
  std::string out = "  ";
  for (const char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

}  // namespace

// Materialise, run, judge, clean up.
class CommandStateCheck::Impl {
 public:
  Impl(std::unique_ptr<Scratch> scratch, const CommandExploreOptions& options,
       std::vector<std::string> environment)
      : scratch_(std::move(scratch)),
        runner_(options.checker, std::move(environment)),
        options_(options) {}

  StateOutcome Check(const crash::CrashState& state, const FsImage& image,
                     const std::vector<std::string>& output) const {
    StateOutcome outcome = CheckInSlot(state, image, output);
    if (outcome.kind == StateOutcome::Kind::kError && options_.cancel) options_.cancel();
    return outcome;
  }

  const std::string& root() const { return scratch_->root(); }

 private:
  StateOutcome CheckInSlot(const crash::CrashState& state, const FsImage& image,
                           const std::vector<std::string>& output) const {
    Result<Scratch::Slot> slot = scratch_->NewSlot();
    if (!slot.ok()) return StateOutcome::Error(ScratchError(slot.status(), root()));
    StateOutcome outcome = CheckIn(*slot, state, image, output);
    if (const Status removed = RemoveTree(slot->dir); !removed.ok() && outcome.kind != StateOutcome::Kind::kError) {
      return StateOutcome::Error(removed.WithContext("scratch left by the checker"));
    }
    return outcome;
  }

  StateOutcome CheckIn(const Scratch::Slot& slot, const crash::CrashState& state,
                       const FsImage& image, const std::vector<std::string>& output) const {
    PosixFileSystem fs;
    if (Status s = image.MaterializeInto(fs, slot.state_dir); !s.ok()) {
      return StateOutcome::Error(ScratchError(s, root()));
    }
    if (Status s = WriteOutputFile(slot.output_file, output); !s.ok()) {
      return StateOutcome::Error(ScratchError(s, root()));
    }
    const Result<CheckerVerdict> verdict = runner_.Run(
        {slot.state_dir, slot.output_file, state.crash_point, state.id, options_.cancel_fd});
    if (!verdict.ok()) {
      return StateOutcome::Error(verdict.status().WithContext("the checker could not be started"));
    }
    // A checker that ran out of room may say so as a violation (or exit 125): a verdict
    // reached on a full scratch directory says nothing about the state.
    if (verdict->kind != CheckerVerdict::Kind::kConsistent &&
        verdict->kind != CheckerVerdict::Kind::kCancelled && scratch_->IsFull()) {
      return StateOutcome::Error(ScratchError(
          Status::IoError("the checker's verdict came with no space left", ENOSPC), root()));
    }
    switch (verdict->kind) {
      case CheckerVerdict::Kind::kConsistent: return StateOutcome::Consistent();
      case CheckerVerdict::Kind::kCancelled: return StateOutcome::Cancelled();
      case CheckerVerdict::Kind::kCannotRun:
        return StateOutcome::Error(Status::FailedPrecondition(verdict->reason + "\n" +
                                                              Indent(verdict->details)));
      case CheckerVerdict::Kind::kViolation:
      case CheckerVerdict::Kind::kCrashed:
      case CheckerVerdict::Kind::kHung:
        return StateOutcome::Violation(verdict->reason, verdict->details);
    }
    return StateOutcome::Error(Status::FailedPrecondition("unknown checker verdict"));
  }

  std::unique_ptr<Scratch> scratch_;
  const CheckerRunner runner_;
  const CommandExploreOptions& options_;
};

CommandStateCheck::CommandStateCheck(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CommandStateCheck::~CommandStateCheck() = default;

Result<std::unique_ptr<CommandStateCheck>> CommandStateCheck::Create(
    const trace::Trace& trace, const CommandExploreOptions& options) {
  // Room for every running check, with a margin for what checkers write themselves.
  const uint64_t needed = 2 * static_cast<uint64_t>(std::max(options.jobs, 1)) *
                              MaxStateBytes(trace) + (64u << 20);
  POWERCUT_ASSIGN_OR_RETURN(const std::string parent, ChooseScratchParent(options.scratch, needed));
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<Scratch> scratch, Scratch::Create(parent));
  std::vector<std::string> environment = InheritedEnvironment();
  environment.insert(environment.end(), options.extra_env.begin(), options.extra_env.end());
  return std::unique_ptr<CommandStateCheck>(new CommandStateCheck(
      std::make_unique<Impl>(std::move(scratch), options, std::move(environment))));
}

StateOutcome CommandStateCheck::Check(const crash::CrashState& state, const FsImage& image,
                                      const std::vector<std::string>& output) const {
  return impl_->Check(state, image, output);
}

explore::StateCheck CommandStateCheck::AsStateCheck() const {
  return [this](const crash::CrashState& state, const FsImage& image,
                const std::vector<std::string>& output) { return Check(state, image, output); };
}

const std::string& CommandStateCheck::scratch_root() const { return impl_->root(); }

uint64_t MaxStateBytes(const trace::Trace& trace) {
  std::map<trace::InodeId, uint64_t> largest;
  for (const trace::Event& e : trace.events) {
    uint64_t end = 0;
    switch (e.type) {
      case trace::EventType::kWrite: end = e.offset + e.data.size(); break;
      case trace::EventType::kTruncate: end = e.length; break;
      case trace::EventType::kFallocate: end = e.offset + e.length; break;
      default: continue;
    }
    uint64_t& size = largest[e.inode];
    size = std::max(size, end);
  }
  uint64_t total = 0;
  for (const auto& [inode, size] : largest) total += size;
  return total;
}

Result<CommandExploreResult> ExploreWithCommand(const trace::Trace& trace,
                                                const CommandExploreOptions& options) {
  POWERCUT_ASSIGN_OR_RETURN(std::unique_ptr<CommandStateCheck> check,
                            CommandStateCheck::Create(trace, options));
  const ReplaySpec replay{.trace_path = options.trace_path,
                          .generator = options.generator,
                          .checker = options.checker.command,
                          .timeout = options.checker.timeout};
  StateExploration explored = ExploreStates(
      trace, check->AsStateCheck(),
      {.jobs = options.jobs,
       .max_violations_listed = options.max_violations_listed,
       .max_reduced = options.max_reduced,
       .reduction = {.replay = replay, .stop = options.stop},
       .stop = options.stop});
  CommandExploreResult result;
  static_cast<explore::CheckResult&>(result) = std::move(explored.check);
  result.scratch_root = check->scratch_root();
  result.elapsed = explored.checking;
  result.reduction = std::move(explored.reduction);
  result.not_reduced = explored.not_reduced;
  result.reducing = explored.reducing;
  check.reset();
  return result;
}

}  // namespace powercut::harness
