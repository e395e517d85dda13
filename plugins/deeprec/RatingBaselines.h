#pragma once

#include <cstdint>
#include <vector>

#include "data/CsrMatrix.h"

namespace vaecf {

// Rating predictions mean + user bias + item bias: the baselines DeepRec is reported
// beside. A user or item without training ratings has bias 0.
struct BiasModel {
  double mean = 0.0;
  std::vector<double> userBias;  // per row of the training matrix
  std::vector<double> itemBias;  // per column

  double predict(std::int64_t user, std::int32_t item) const {
    return mean + userBias[static_cast<std::size_t>(user)] + itemBias[static_cast<std::size_t>(item)];
  }
};

// The mean of every training rating, no biases.
BiasModel fitGlobalMean(const CsrMatrix& train);
// The global mean plus each item's mean offset; no user biases.
BiasModel fitItemMean(const CsrMatrix& train);
// User and item biases minimising the squared error plus lambda * (sum of squared biases),
// by alternating closed-form updates (item biases, then user biases) for `sweeps` rounds.
BiasModel fitBiases(const CsrMatrix& train, double lambda, int sweeps);

// Root mean squared error of the model over every stored rating of `ratings` (same rows
// and columns as the training matrix); 0 when there is none.
double rmse(const BiasModel& model, const CsrMatrix& ratings);

struct BaselineRmse {
  double globalMean = 0.0;
  double itemMean = 0.0;
  double biases = 0.0;
};

BaselineRmse baselineRmse(const CsrMatrix& train, const CsrMatrix& ratings, double lambda, int sweeps);

}  // namespace vaecf
