#include "charts/Smoothing.h"

#include <cmath>

namespace vaecf::ui {

std::vector<double> debiasedEma(const std::vector<double>& values, double weight) {
  if (weight <= 0.0) return values;
  std::vector<double> smoothed;
  smoothed.reserve(values.size());
  double average = 0.0;
  double debiasWeight = 0.0;
  for (const double value : values) {
    if (!std::isfinite(value)) {
      smoothed.push_back(value);
      continue;
    }
    average = average * weight + (1.0 - weight) * value;
    debiasWeight = debiasWeight * weight + (1.0 - weight);
    smoothed.push_back(average / debiasWeight);
  }
  return smoothed;
}

}  // namespace vaecf::ui
