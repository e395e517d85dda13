#pragma once
// The geometry figures of a model on a set of users (docs/geometry.md sections 2-4 and 7):
// gradient transfer with its sharing radius, drift's options and cohort means; the
// studies built on them are in GeometryStudy.h. Torch-free: built on LatentModel and
// GeometryMeasures.

#include <cstdint>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "geometry/GeometryMeasures.h"
#include "geometry/LatentModel.h"

namespace vaecf::geometry {

struct TransferOptions {
  GradientOptions gradients;
  std::size_t sharingWindow = 100;  // users per sliding window of the sharing curve
};

// What one SGD step on each user v does for a focus user u.
struct FocusTransfer {
  std::int64_t focusRow = 0;           // row of u among the users
  double squaredGradientNorm = 0;      // ||g_u||^2
  std::vector<double> transfer;        // T(u, v) = <g_u, g_v> / ||g_u||^2, per user v
  std::vector<double> distance;        // W2 between q(z|x_u) and q(z|x_v), per user v
  SharingCurve sharing;                // over every v but u
  std::int64_t helpfulUsers = 0;       // v != u with T(u, v) > 0
  std::int64_t usersWithinRadius = 0;  // v != u with d(u, v) < r_share; 0 without a radius
};

// Transfer to each focus row of `users` from every row of `users`; `posteriors` are the
// users' (LatentModel::posteriors). Throws Error for models without gradient transfer.
std::vector<FocusTransfer> gradientTransfer(const LatentModel& model, const CsrMatrix& users,
                                            const Posteriors& posteriors,
                                            const std::vector<std::int64_t>& focusRows,
                                            const TransferOptions& options = {},
                                            const TaskContext& context = {});

// How neighbourhood drift is measured (docs/geometry.md section 4; GeometryStudy computes it).
struct DriftOptions {
  std::int64_t masks = 16;
  std::int64_t neighbours = 20;
  std::uint64_t seed = 1;
  std::int64_t exactUpTo = 20000;  // reference sets larger than this are searched with HNSW
};

// Mean of `values` per cohort of `counts` (one per value); cohorts without users are left out.
struct CohortMean {
  std::string cohort;
  std::size_t users = 0;
  double mean = 0.0;
};
std::vector<CohortMean> cohortMeans(const std::vector<double>& values,
                                    const std::vector<std::uint32_t>& counts, const Cohorts& cohorts);

}  // namespace vaecf::geometry
