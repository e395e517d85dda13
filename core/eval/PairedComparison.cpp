#include "eval/PairedComparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "common/Error.h"

namespace vaecf {

namespace {

constexpr int kMaxFractionTerms = 300;
constexpr double kFractionTolerance = 1e-15;
constexpr double kTiny = 1e-300;  // keeps Lentz's denominators off zero

// The continued fraction of I_x(a, b) (modified Lentz), which converges fast for
// x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x) {
  const auto guard = [](double v) { return std::fabs(v) < kTiny ? kTiny : v; };
  double c = 1.0;
  double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
  double h = d;
  for (int m = 1; m <= kMaxFractionTerms; ++m) {
    const double even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
    d = 1.0 / guard(1.0 + even * d);
    c = guard(1.0 + even / c);
    h *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
    d = 1.0 / guard(1.0 + odd * d);
    c = guard(1.0 + odd / c);
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kFractionTolerance) return h;
  }
  throw Error("the incomplete beta function did not converge for a = " + std::to_string(a) +
              ", b = " + std::to_string(b) + ", x = " + std::to_string(x));
}

// Uniform in [0, n) without modulo bias, so a seed gives the same draws on every platform
// (std::uniform_int_distribution's algorithm is left to the library).
std::size_t drawBelow(std::mt19937_64& random, std::size_t n) {
  const std::uint64_t range = n;
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                              std::numeric_limits<std::uint64_t>::max() % range;
  std::uint64_t draw = random();
  while (draw >= limit) draw = random();
  return static_cast<std::size_t>(draw % range);
}

// Quantile q of sorted values, interpolated between order statistics (NumPy's default).
double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double sampleStandardDeviation(const std::vector<double>& values, double center) {
  if (values.size() < 2) return 0.0;
  double squares = 0.0;
  for (const double v : values) squares += (v - center) * (v - center);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

// t and its p-value, with the degenerate cases PairedResult documents.
void tTest(PairedResult& result) {
  result.df = static_cast<double>(result.n) - 1.0;
  if (result.n < 2) {
    result.t = result.p = std::numeric_limits<double>::quiet_NaN();
  } else if (result.sdDifference == 0.0) {
    result.t = result.meanDifference == 0.0 ? 0.0 : std::copysign(INFINITY, result.meanDifference);
    result.p = result.meanDifference == 0.0 ? 1.0 : 0.0;
  } else {
    result.t = result.meanDifference / (result.sdDifference / std::sqrt(static_cast<double>(result.n)));
    result.p = studentTwoSidedP(result.t, result.df);
  }
}

}  // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0)) throw Error("incomplete beta: a and b must be positive");
  if (!(x >= 0.0 && x <= 1.0)) throw Error("incomplete beta: x = " + std::to_string(x) + " is outside [0, 1]");
  if (x == 0.0 || x == 1.0) return x;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  // The symmetry I_x(a, b) = 1 - I_{1-x}(b, a) keeps the fraction where it converges.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
  return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTwoSidedP(double t, double df) {
  if (!(df > 0.0)) throw Error("Student's t needs positive degrees of freedom, got " + std::to_string(df));
  if (std::isinf(t)) return 0.0;
  return regularizedIncompleteBeta(df / 2.0, 0.5, df / (df + t * t));
}

Interval bootstrapMeanInterval(const std::vector<double>& values, const BootstrapOptions& options) {
  if (values.empty()) throw Error("bootstrap: no values to resample");
  if (options.resamples < 1) throw Error("bootstrap: at least one resample is needed");
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw Error("bootstrap: confidence must lie strictly between 0 and 1");
  std::mt19937_64 random(options.seed);
  std::vector<double> means(options.resamples);
  for (double& resampleMean : means) {
    double sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) sum += values[drawBelow(random, values.size())];
    resampleMean = sum / static_cast<double>(values.size());
  }
  std::sort(means.begin(), means.end());
  const double tail = (1.0 - options.confidence) / 2.0;
  return {quantile(means, tail), quantile(means, 1.0 - tail)};
}

PairedResult pairedTest(const std::vector<double>& a, const std::vector<double>& b,
                        const BootstrapOptions& options) {
  if (a.size() != b.size())
    throw Error("paired test: " + std::to_string(a.size()) + " values for A but " + std::to_string(b.size()) +
                " for B");
  if (a.empty()) throw Error("paired test: no users to compare");
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];

  PairedResult result;
  result.n = a.size();
  result.meanA = mean(a);
  result.meanB = mean(b);
  result.meanDifference = mean(differences);
  result.sdDifference = sampleStandardDeviation(differences, result.meanDifference);
  tTest(result);
  result.interval = bootstrapMeanInterval(differences, options);
  return result;
}

MetricComparison compareMetric(const std::string& metric, bool higherIsBetter, const std::vector<double>& a,
                               const std::vector<double>& b, const std::vector<std::string>& cohorts,
                               const std::vector<std::string>& cohortOrder, const BootstrapOptions& options) {
  if (cohorts.size() != a.size())
    throw Error("paired test: " + std::to_string(cohorts.size()) + " cohort labels for " +
                std::to_string(a.size()) + " users");
  MetricComparison comparison{metric, higherIsBetter, pairedTest(a, b, options), {}};
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> byCohort;
  for (std::size_t i = 0; i < a.size(); ++i) {
    byCohort[cohorts[i]].first.push_back(a[i]);
    byCohort[cohorts[i]].second.push_back(b[i]);
  }
  for (const std::string& label : cohortOrder) {
    const auto found = byCohort.find(label);
    if (found == byCohort.end()) continue;
    comparison.cohorts.push_back({label, pairedTest(found->second.first, found->second.second, options)});
  }
  return comparison;
}

int preferredRun(const PairedResult& result, bool higherIsBetter, double alpha) {
  if (!(result.p < alpha) || result.meanDifference == 0.0) return 0;
  const bool aHigher = result.meanDifference > 0.0;
  return aHigher == higherIsBetter ? 1 : -1;
}

int preferredRun(const MetricComparison& comparison, double alpha) {
  return preferredRun(comparison.overall, comparison.higherIsBetter, alpha);
}

}  // namespace vaecf
