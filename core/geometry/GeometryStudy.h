#pragma once
// One run's geometry around chosen users of its LatentSample, as the workbench's focus,
// drift and pseudo-input views show it and `vaecf geometry` writes it (docs/geometry.md
// sections 1-5). Every function here is heavy: call it off the GUI thread. Torch-free.

#include <cstdint>
#include <optional>
#include <vector>

#include "common/TaskContext.h"
#include "geometry/GeometryMeasures.h"
#include "geometry/LatentFigures.h"
#include "geometry/LatentModel.h"
#include "geometry/LatentSample.h"

namespace vaecf::geometry {

struct FocusOptions {
  std::vector<double> keepRates{0.25, 0.5, 0.75, 1.0};
  std::int64_t masks = 16;
  std::int64_t neighbours = 20;       // k of the latent neighbours and of the drift
  std::int64_t recommendations = 20;  // top-N unseen items
  std::uint64_t seed = 1;             // of the masks
  TransferOptions transfer;
};

// One keep rate's masked inputs of the focus user.
struct MaskedCloud {
  double keepRate = 1.0;
  RowMatrix means;                                    // [masks, d] posterior means
  std::vector<std::vector<std::int64_t>> neighbours;  // per mask: k nearest sample positions (Euclidean), nearest first
  double drift = 0.0;                                 // 1 - mean pairwise Jaccard of those sets
};

struct FocusStudy {
  std::int64_t position = 0;                  // of the focus user in the sample
  std::vector<std::int64_t> history;          // item columns of its sample row
  std::vector<std::int64_t> recommendations;  // unseen item columns, best first
  Posteriors posteriors;                      // of every sampled user
  std::vector<double> distance;               // W2 from the focus user to every sampled user
  std::vector<std::int64_t> latentNeighbours; // k nearest by W2, focus excluded, nearest first
  std::optional<FocusTransfer> transfer;      // only where the model supports gradient transfer
  std::vector<MaskedCloud> clouds;            // one per keep rate, in the order given
};

// Reports ("posteriors" | "transfer" | "drift", done, total); honours cancellation.
FocusStudy studyFocusUser(const LatentModel& model, const LatentSample& sample, std::int64_t position,
                          const FocusOptions& options = {}, const TaskContext& context = {});

// The k rows of a 2-D map nearest to row `position` (itself excluded), nearest first: what
// the map suggests as neighbours, to set beside FocusStudy::latentNeighbours.
std::vector<std::int64_t> mapNeighbours(const RowMatrix& map, std::int64_t position, std::int64_t k);

struct DriftAtRate {
  double keepRate = 1.0;
  double meanDrift = 0.0;
  std::vector<CohortMean> cohorts;  // by the interactions in each user's sample row
};

struct DriftStudy {
  std::vector<std::int64_t> users;        // sample positions measured
  std::vector<std::vector<double>> drift; // [user][keep rate]
  std::vector<DriftAtRate> byRate;        // one per keep rate, in the order given
};

// Neighbourhood drift of `users` (sample positions) against the whole sample's clean
// posterior means, averaged per keep rate overall and per cohort.
DriftStudy studyDrift(const LatentModel& model, const LatentSample& sample, const std::vector<std::int64_t>& users,
                      const std::vector<double>& keepRates, const Cohorts& cohorts,
                      const DriftOptions& options = {}, const TaskContext& context = {});

}  // namespace vaecf::geometry
