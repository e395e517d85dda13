#pragma once
// TensorBoard's smoothing: an exponential moving average divided by its bias towards the
// zero it starts from, so the first points are not dragged down.

#include <vector>

namespace vaecf::ui {

// weight in [0, 1): 0 returns the values unchanged (the off switch). Non-finite values
// pass through without entering the average.
std::vector<double> debiasedEma(const std::vector<double>& values, double weight);

}  // namespace vaecf::ui
