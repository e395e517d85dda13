#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vaecf {

// Paired comparison of two runs scored on the same users (docs/comparison.md): the
// per-user differences A - B, a paired t-test and a bootstrap interval of their mean.

// I_x(a, b), the regularised incomplete beta function, for a, b > 0 and 0 <= x <= 1.
double regularizedIncompleteBeta(double a, double b, double x);
// P(|T| >= |t|) for T following Student's t distribution with `df` degrees of freedom.
double studentTwoSidedP(double t, double df);

struct BootstrapOptions {
  std::size_t resamples = 10000;
  std::uint64_t seed = 1;
  double confidence = 0.95;
};

struct Interval {
  double low = 0.0, high = 0.0;
};

// Percentile interval of the mean of `values`: `resamples` resamples of the same size drawn
// with replacement (mt19937_64 seeded with `seed`), their means' quantiles at
// (1 - confidence) / 2 and (1 + confidence) / 2, interpolated linearly between order
// statistics. Throws Error on no values, no resamples or a confidence outside (0, 1).
Interval bootstrapMeanInterval(const std::vector<double>& values, const BootstrapOptions& options);

struct PairedResult {
  std::size_t n = 0;
  double meanA = 0.0, meanB = 0.0;
  double meanDifference = 0.0;  // mean of A - B
  double sdDifference = 0.0;    // sample standard deviation (n - 1) of the differences
  // t = mean / (sd / sqrt(n)) with n - 1 degrees of freedom. NaN with fewer than two users;
  // +-infinity (p = 0) when every difference is the same non-zero number; 0 (p = 1) when all
  // are zero.
  double t = 0.0, df = 0.0, p = 1.0;
  Interval interval;  // bootstrap interval of meanDifference
};

// `a` and `b` hold the two runs' values for the same users in the same order. Throws
// Error when their lengths differ or they are empty.
PairedResult pairedTest(const std::vector<double>& a, const std::vector<double>& b,
                        const BootstrapOptions& options = {});

struct CohortPairedResult {
  std::string label;
  PairedResult result;
};

struct MetricComparison {
  std::string metric;
  bool higherIsBetter = true;  // false for errors
  PairedResult overall;
  std::vector<CohortPairedResult> cohorts;  // cohorts without users are left out
};

// The paired test of one metric overall and in each cohort (`cohorts[i]` is user i's
// label; `cohortOrder` the order to report them in). Every cohort's bootstrap uses the
// same seed, so each is reproducible on its own.
MetricComparison compareMetric(const std::string& metric, bool higherIsBetter, const std::vector<double>& a,
                               const std::vector<double>& b, const std::vector<std::string>& cohorts,
                               const std::vector<std::string>& cohortOrder, const BootstrapOptions& options = {});

// Which run the test favours at level `alpha`: 1 for A, -1 for B, 0 for no significant
// difference; overall, or for one result (a cohort's) of a metric.
int preferredRun(const MetricComparison& comparison, double alpha = 0.05);
int preferredRun(const PairedResult& result, bool higherIsBetter, double alpha = 0.05);

}  // namespace vaecf
