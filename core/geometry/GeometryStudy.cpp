#include "geometry/GeometryStudy.h"

#include <algorithm>
#include <memory>
#include <numeric>
#include <string>
#include <utility>

#include "common/Error.h"
#include "geometry/NearestNeighbors.h"

namespace vaecf::geometry {
namespace {

void requirePosition(const LatentSample& sample, std::int64_t position) {
  if (position < 0 || position >= sample.size())
    throw Error("position " + std::to_string(position) + " is not in the sample of " +
                std::to_string(sample.size()) + " users");
}

// The k indices of the smallest distances (`excluded` left out), nearest first; ties by index.
std::vector<std::int64_t> nearestBy(const std::vector<double>& distance, std::int64_t excluded,
                                    std::int64_t k) {
  std::vector<std::int64_t> order;
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(distance.size()); ++i)
    if (i != excluded) order.push_back(i);
  const auto kept =
      static_cast<std::size_t>(std::clamp<std::int64_t>(k, 0, static_cast<std::int64_t>(order.size())));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [&](std::int64_t a, std::int64_t b) {
                      const auto da = distance[static_cast<std::size_t>(a)],
                                 db = distance[static_cast<std::size_t>(b)];
                      return da != db ? da < db : a < b;
                    });
  order.resize(kept);
  return order;
}

// Euclidean neighbours among the sample's clean posterior means, with one HNSW index for
// every search when the sample is large: building it costs far more than querying it.
class MeanSearch {
 public:
  MeanSearch(const RowMatrix& means, std::int64_t exactUpTo, const TaskContext& context) : means_(means) {
    if (means.rows > exactUpTo)
      index_ = std::make_unique<ApproximateIndex>(means, Metric::Euclidean, HnswOptions{}, context);
  }

  Neighbors search(const RowMatrix& queries, std::int64_t k) const {
    return index_ ? index_->search(queries, k) : exactNeighbors(means_, queries, k, Metric::Euclidean);
  }

 private:
  const RowMatrix& means_;
  std::unique_ptr<ApproximateIndex> index_;
};

// The masks of a sample row are drawn from (seed, position), so a user's cloud and drift
// are the same whichever other users are studied with it.
MaskedCloud maskedCloud(const LatentModel& model, const LatentSample& sample, std::int64_t position,
                        double keepRate, const DriftOptions& options, const MeanSearch& search) {
  MaskedCloud cloud;
  cloud.keepRate = keepRate;
  cloud.means = model.maskedMeans(sample.rows, position, keepRate, options.masks, options.seed);
  const Neighbors found = search.search(cloud.means, options.neighbours);
  for (std::int64_t m = 0; m < cloud.means.rows; ++m) cloud.neighbours.push_back(found.of(m));
  cloud.drift = neighbourhoodDrift(cloud.neighbours);
  return cloud;
}

std::vector<std::uint32_t> interactions(const LatentSample& sample,
                                        const std::vector<std::int64_t>& positions) {
  std::vector<std::uint32_t> counts;
  for (const auto position : positions)
    counts.push_back(static_cast<std::uint32_t>(sample.rows.rowSize(position)));
  return counts;
}

}  // namespace

FocusStudy studyFocusUser(const LatentModel& model, const LatentSample& sample, std::int64_t position,
                          const FocusOptions& options, const TaskContext& context) {
  requirePosition(sample, position);
  FocusStudy study;
  study.position = position;
  const auto* columns = sample.rows.rowColumns(position);
  study.history.assign(columns, columns + sample.rows.rowSize(position));
  study.recommendations = model.topItems(sample.rows, position, options.recommendations);
  study.posteriors = model.posteriors(sample.rows, context);
  study.distance = wasserstein2From(study.posteriors, position);
  study.latentNeighbours = nearestBy(study.distance, position, options.neighbours);
  if (model.supportsGradientTransfer()) {
    study.transfer =
        gradientTransfer(model, sample.rows, study.posteriors, {position}, options.transfer, context).front();
  }

  DriftOptions drift;
  drift.masks = options.masks;
  drift.neighbours = options.neighbours;
  drift.seed = options.seed;
  const MeanSearch search(study.posteriors.mean, drift.exactUpTo, context);
  const auto rates = static_cast<std::uint64_t>(options.keepRates.size());
  for (std::size_t r = 0; r < options.keepRates.size(); ++r) {
    context.checkCancelled();
    study.clouds.push_back(maskedCloud(model, sample, position, options.keepRates[r], drift, search));
    context.report("drift", r + 1, rates);
  }
  return study;
}

std::vector<std::int64_t> mapNeighbours(const RowMatrix& map, std::int64_t position, std::int64_t k) {
  if (position < 0 || position >= map.rows)
    throw Error("position " + std::to_string(position) + " is not a point of the map of " +
                std::to_string(map.rows) + " points");
  std::vector<double> squaredDistance(static_cast<std::size_t>(map.rows), 0.0);
  for (std::int64_t r = 0; r < map.rows; ++r) {
    for (std::int64_t c = 0; c < map.cols; ++c) {
      const double difference = static_cast<double>(map.at(r, c)) - map.at(position, c);
      squaredDistance[static_cast<std::size_t>(r)] += difference * difference;
    }
  }
  return nearestBy(squaredDistance, position, k);
}

DriftStudy studyDrift(const LatentModel& model, const LatentSample& sample,
                      const std::vector<std::int64_t>& users, const std::vector<double>& keepRates,
                      const Cohorts& cohorts, const DriftOptions& options, const TaskContext& context) {
  for (const auto position : users) requirePosition(sample, position);
  const Posteriors reference = model.posteriors(sample.rows, context);
  const MeanSearch search(reference.mean, options.exactUpTo, context);

  DriftStudy study;
  study.users = users;
  for (std::size_t u = 0; u < users.size(); ++u) {
    context.checkCancelled();
    std::vector<double> perRate;
    for (const double rate : keepRates)
      perRate.push_back(maskedCloud(model, sample, users[u], rate, options, search).drift);
    study.drift.push_back(std::move(perRate));
    context.report("drift", u + 1, users.size());
  }

  const auto counts = interactions(sample, users);
  for (std::size_t r = 0; r < keepRates.size(); ++r) {
    std::vector<double> atRate;
    for (const auto& user : study.drift) atRate.push_back(user[r]);
    DriftAtRate summary;
    summary.keepRate = keepRates[r];
    summary.meanDrift = atRate.empty() ? 0.0
                                       : std::accumulate(atRate.begin(), atRate.end(), 0.0) /
                                             static_cast<double>(atRate.size());
    summary.cohorts = cohortMeans(atRate, counts, cohorts);
    study.byRate.push_back(std::move(summary));
  }
  return study;
}

}  // namespace vaecf::geometry
