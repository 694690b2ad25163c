#include "legacy/seed_journal/tool/seed_workload_options.h"

#include "journal/tool/txn_content.h"

namespace powercut::legacy::tool {

std::string_view DesignName(Design design) {
  return design == Design::kLegacy ? "legacy" : "reference";
}

std::optional<Design> ParseDesign(std::string_view name) {
  if (name == "legacy") return Design::kLegacy;
  if (name == "reference") return Design::kReference;
  return std::nullopt;
}

journal::tool::WorkloadOptions ContentOptions(const SeedWorkloadOptions& options) {
  journal::tool::WorkloadOptions content;
  content.dir = options.path;
  content.durability = options.mode;
  content.txns = options.txns;
  content.threads = options.threads;
  content.ops_per_txn = options.ops_per_txn;
  content.checkpoint_every = options.checkpoint_every;
  content.reopen_every = options.reopen_every;
  content.seed = options.seed;
  return content;
}

Status ValidateSeedWorkloadOptions(const SeedWorkloadOptions& options) {
  POWERCUT_RETURN_IF_ERROR(journal::tool::ValidateWorkloadOptions(ContentOptions(options)));
  if (options.max_pending_ops < 1) return Status::InvalidArgument("max_pending_ops must be >= 1");
  if (options.max_delay_ms < 1) return Status::InvalidArgument("max_delay_ms must be >= 1");
  if (options.hang_timeout_ms < 1) return Status::InvalidArgument("hang_timeout_ms must be >= 1");
  if (options.flush_race && options.threads < 2) {
    return Status::InvalidArgument("flush_race needs threads >= 2 (two flushes racing)");
  }
  if (options.process_crash_after > options.txns) {
    return Status::InvalidArgument("process_crash_after must be at most txns");
  }
  return Status::Ok();
}

}  // namespace powercut::legacy::tool
