// CrashStateGenerator: every crash state a persistence model allows for a trace (MODELS.md),
// enumerated exhaustively within a bound on deviations or sampled from a seed, each unique state
// once, under a hard cap that is reported.
//
// Order and IDs are deterministic: the same trace, model and options give the same states with
// the same IDs in the same order. States are produced on the calling thread; visit() may hand
// them to worker threads (the images are independent copies).
#ifndef POWERCUT_FAULTFS_CRASH_GENERATOR_H_
#define POWERCUT_FAULTFS_CRASH_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faultfs/crash/choices.h"
#include "faultfs/crash/crash_state.h"
#include "faultfs/crash/model.h"
#include "faultfs/crash/timeline.h"
#include "faultfs/image/fs_image.h"

namespace powercut::crash {

enum class CrashPoints : uint8_t { kAll, kSyncs };
enum class Strategy : uint8_t { kExhaustive, kSample };

struct GeneratorOptions {
  Model model = Model::kPosix;
  uint32_t sector_bytes = 512;
  CrashPoints crash_points = CrashPoints::kAll;
  Strategy strategy = Strategy::kExhaustive;
  int max_deviations = 2;         // kExhaustive
  size_t samples = 2000;          // kSample: random descents
  uint64_t seed = 1;              // kSample
  size_t max_states = 100000;     // unique states; reaching it sets GeneratorStats::capped
  uint32_t max_pieces_per_write = 16;  // tears of longer writes use coarser, sector-aligned cuts
  // Hand each state with the same visible tree and output to visit() once. Off: once per crash
  // point and choice (for tests and debugging).
  bool deduplicate = true;
};

struct GeneratorStats {
  size_t crash_points = 0;  // crash points explored
  size_t generated = 0;     // states built, duplicates included
  size_t unique = 0;        // states handed to visit()
  bool capped = false;      // stopped at max_states with more states left
};

class CrashStateGenerator {
 public:
  // `trace` must outlive the generator.
  CrashStateGenerator(const trace::Trace& trace, GeneratorOptions options);

  // Calls visit(state, image) once per unique state until it returns false or the cap is hit.
  using Visit = std::function<bool(const CrashState& state, const FsImage& image)>;
  GeneratorStats Run(const Visit& visit);

  // The state an ID names, built again. kInvalidArgument when the ID does not name a state this
  // trace and model allow.
  Result<std::pair<CrashState, FsImage>> Materialize(std::string_view id) const;

  // The crash points explored, ascending.
  const std::vector<size_t>& crash_points() const { return crash_points_; }
  // The output lines a checker sees at `crash_point`.
  std::vector<std::string> OutputBefore(size_t crash_point) const;
  const Timeline& timeline() const { return timeline_; }
  const GeneratorOptions& options() const { return options_; }

 private:
  class Walk;
  FsImage InitialImage() const;

  const trace::Trace& trace_;
  const GeneratorOptions options_;
  const Timeline timeline_;
  const ChoiceRules rules_;
  std::vector<size_t> crash_points_;
  std::vector<size_t> outputs_before_;  // outputs_before_[i]: output events before event i
};

}  // namespace powercut::crash

#endif  // POWERCUT_FAULTFS_CRASH_GENERATOR_H_
