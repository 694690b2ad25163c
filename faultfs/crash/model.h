// The named persistence models of MODELS.md. The rules live in choices.cc (what a crash state
// may hold of the pending pieces) and timeline.cc (what forces a piece); this is their name.
#ifndef POWERCUT_FAULTFS_CRASH_MODEL_H_
#define POWERCUT_FAULTFS_CRASH_MODEL_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace powercut::crash {

enum class Model : uint8_t { kPosix, kExt4Ordered, kPrefix, kDropUnsynced };

std::string_view ModelName(Model model);  // "posix", "ext4-ordered", "prefix", "drop-unsynced"
std::optional<Model> ParseModel(std::string_view name);
std::string_view ModelSummary(Model model);  // one line, for `powercut models`
std::vector<Model> AllModels();

}  // namespace powercut::crash

#endif  // POWERCUT_FAULTFS_CRASH_MODEL_H_
