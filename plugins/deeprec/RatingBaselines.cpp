#include "deeprec/RatingBaselines.h"

#include <cmath>

namespace vaecf {

namespace {

double meanRating(const CsrMatrix& ratings) {
  double sum = 0.0;
  for (const float value : ratings.values()) sum += value;
  return ratings.nonZeros() > 0 ? sum / static_cast<double>(ratings.nonZeros()) : 0.0;
}

BiasModel zeroBiases(const CsrMatrix& train) {
  BiasModel model;
  model.mean = meanRating(train);
  model.userBias.assign(static_cast<std::size_t>(train.rows()), 0.0);
  model.itemBias.assign(static_cast<std::size_t>(train.cols()), 0.0);
  return model;
}

// Ridge solution of the item biases with the user biases fixed: the residual sum of each
// item divided by lambda plus its rating count.
void updateItemBiases(const CsrMatrix& train, double lambda, BiasModel& model) {
  std::vector<double> residual(model.itemBias.size(), 0.0);
  std::vector<double> count(model.itemBias.size(), 0.0);
  for (std::int64_t user = 0; user < train.rows(); ++user) {
    const std::int32_t* items = train.rowColumns(user);
    for (std::int64_t k = 0; k < train.rowSize(user); ++k) {
      residual[items[k]] += train.value(user, k) - model.mean - model.userBias[user];
      count[items[k]] += 1.0;
    }
  }
  for (std::size_t item = 0; item < residual.size(); ++item) {
    model.itemBias[item] = count[item] > 0.0 ? residual[item] / (lambda + count[item]) : 0.0;
  }
}

void updateUserBiases(const CsrMatrix& train, double lambda, BiasModel& model) {
  for (std::int64_t user = 0; user < train.rows(); ++user) {
    const std::int32_t* items = train.rowColumns(user);
    double residual = 0.0;
    for (std::int64_t k = 0; k < train.rowSize(user); ++k)
      residual += train.value(user, k) - model.mean - model.itemBias[items[k]];
    const auto count = static_cast<double>(train.rowSize(user));
    model.userBias[user] = count > 0.0 ? residual / (lambda + count) : 0.0;
  }
}

}  // namespace

BiasModel fitGlobalMean(const CsrMatrix& train) { return zeroBiases(train); }

BiasModel fitItemMean(const CsrMatrix& train) {
  BiasModel model = zeroBiases(train);
  updateItemBiases(train, 0.0, model);
  return model;
}

BiasModel fitBiases(const CsrMatrix& train, double lambda, int sweeps) {
  BiasModel model = zeroBiases(train);
  for (int sweep = 0; sweep < sweeps; ++sweep) {
    updateItemBiases(train, lambda, model);
    updateUserBiases(train, lambda, model);
  }
  return model;
}

double rmse(const BiasModel& model, const CsrMatrix& ratings) {
  double squared = 0.0;
  for (std::int64_t user = 0; user < ratings.rows(); ++user) {
    const std::int32_t* items = ratings.rowColumns(user);
    for (std::int64_t k = 0; k < ratings.rowSize(user); ++k) {
      const double error = model.predict(user, items[k]) - ratings.value(user, k);
      squared += error * error;
    }
  }
  return ratings.nonZeros() > 0 ? std::sqrt(squared / static_cast<double>(ratings.nonZeros())) : 0.0;
}

BaselineRmse baselineRmse(const CsrMatrix& train, const CsrMatrix& ratings, double lambda, int sweeps) {
  return {rmse(fitGlobalMean(train), ratings), rmse(fitItemMean(train), ratings),
          rmse(fitBiases(train, lambda, sweeps), ratings)};
}

}  // namespace vaecf
