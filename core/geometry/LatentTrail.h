#pragma once
// Latent maps recorded while a model trains (docs/geometry.md section 6): every few epochs the
// trainer projects the run's LatentSample, the PIA item anchors and the VampPrior
// pseudo-input means with one PCA basis fitted on the users' posterior means and aligned to
// the previous frame's, and saves the frame in the run folder; the workbench plays the
// frames back and the CLI exports them. Torch-free.
//
// Layout: <run>/latent/sample.json (model, user ids, their splits and interaction counts)
// and one <run>/latent/epoch-NNNNN.json per frame, each written atomically. sample.json
// holds "model", "user_ids", "splits" and "interactions" (parallel lists); a frame holds
// "epoch", "basis" {"center", "components", "explained_variance"}, and "users", "anchors"
// and "pseudo_inputs" as lists of [x, y], every number to 6 significant digits.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "geometry/LatentModel.h"
#include "geometry/LatentSample.h"
#include "geometry/Projection.h"

namespace vaecf::geometry {

struct LatentFrame {
  std::int64_t epoch = 0;
  PcaBasis basis;          // fitted on this frame's user means; projects further points (masked clouds)
  RowMatrix users;         // [sample size, 2], in the order of the sample
  RowMatrix anchors;       // [items, 2]; 0 rows without PIA
  RowMatrix pseudoInputs;  // [K, 2]; 0 rows without a VampPrior
};

// Posterior means of `sample`, anchors and prior components of `model`, projected with a
// 2-D PCA basis fitted on the user means and aligned to `previous` when given. Throws Error
// for a latent size below 2, fewer than 2 users or non-finite means.
LatentFrame recordLatentFrame(const LatentModel& model, const LatentSample& sample, std::int64_t epoch,
                              const PcaBasis* previous = nullptr, const TaskContext& context = {});

// What <run>/latent/sample.json holds.
struct LatentTrailHeader {
  std::string model;
  std::vector<std::string> userIds;
  std::vector<UserSplit> splits;
  std::vector<std::uint32_t> interactions;  // positives of each user in its sample row
};

class LatentTrail {
 public:
  // Writes the header when the folder has none (a resumed run keeps its sample).
  static void writeHeader(const std::filesystem::path& runFolder, const LatentTrailHeader& header);
  static void writeFrame(const std::filesystem::path& runFolder, const LatentFrame& frame);

  // Throws InputError naming the file and the problem for a malformed header or frame.
  static std::optional<LatentTrailHeader> readHeader(const std::filesystem::path& runFolder);
  // Epochs with a saved frame, ascending.
  static std::vector<std::int64_t> frameEpochs(const std::filesystem::path& runFolder);
  static LatentFrame readFrame(const std::filesystem::path& runFolder, std::int64_t epoch);
  // Deletes the frames of epochs after `epoch`: a run resumed from that epoch's checkpoint
  // trains them again, and playback must not mix the abandoned ones in.
  static void removeFramesAfter(const std::filesystem::path& runFolder, std::int64_t epoch);
};

}  // namespace vaecf::geometry
