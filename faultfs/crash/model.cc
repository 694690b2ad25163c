#include "faultfs/crash/model.h"

namespace powercut::crash {

std::string_view ModelName(Model model) {
  switch (model) {
    case Model::kPosix: return "posix";
    case Model::kExt4Ordered: return "ext4-ordered";
    case Model::kPrefix: return "prefix";
    case Model::kDropUnsynced: return "drop-unsynced";
  }
  return "unknown";
}

std::optional<Model> ParseModel(std::string_view name) {
  for (const Model model : AllModels()) {
    if (ModelName(model) == name) return model;
  }
  return std::nullopt;
}

std::string_view ModelSummary(Model model) {
  switch (model) {
    case Model::kPosix:
      return "any subset of unsynced operations; writes tear at sector boundaries; a size change "
             "may persist without its data (zeros); names need a directory fsync. The weakest.";
    case Model::kExt4Ordered:
      return "ext4 data=ordered: metadata in order (one journal), appends with their size "
             "(no zeros), overwrites unordered and torn, auto_da_alloc on replace.";
    case Model::kPrefix:
      return "an in-order prefix of the unsynced operations; only the last may be torn.";
    case Model::kDropUnsynced:
      return "every unsynced operation is lost: one state per crash point.";
  }
  return "";
}

std::vector<Model> AllModels() {
  return {Model::kPosix, Model::kExt4Ordered, Model::kPrefix, Model::kDropUnsynced};
}

}  // namespace powercut::crash
