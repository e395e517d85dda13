#include "eval/RankingMetrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "common/Error.h"

namespace vaecf {

namespace {

// A NaN score would break the strict weak ordering the selection relies on; rank it last.
float rankingScore(float score) {
  return std::isnan(score) ? -std::numeric_limits<float>::infinity() : score;
}

// Whether item `a` ranks above item `b`: higher score first, the smaller index on ties.
struct RanksAbove {
  const float* scores;
  bool operator()(std::int32_t a, std::int32_t b) const {
    const float sa = rankingScore(scores[a]);
    const float sb = rankingScore(scores[b]);
    return sa > sb || (sa == sb && a < b);
  }
};

// hit(r) of docs/models.md 2.2 for the ranks 1..min(k, |ranked|).
std::vector<bool> hitsByRank(const std::vector<std::int32_t>& ranked,
                             const std::vector<std::int32_t>& heldout, std::size_t k) {
  std::vector<std::int32_t> sortedHeldout(heldout);
  std::sort(sortedHeldout.begin(), sortedHeldout.end());
  std::vector<bool> hits(std::min(k, ranked.size()));
  for (std::size_t r = 0; r < hits.size(); ++r) {
    hits[r] = std::binary_search(sortedHeldout.begin(), sortedHeldout.end(), ranked[r]);
  }
  return hits;
}

double hitCount(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout,
                std::size_t k) {
  const std::vector<bool> hits = hitsByRank(ranked, heldout, k);
  return static_cast<double>(std::count(hits.begin(), hits.end(), true));
}

// NDCG and recall are undefined without heldout items (pitfall 10 of docs/models.md: such users
// are excluded, not scored 0) and for an empty top list.
void requireDefined(const std::vector<std::int32_t>& heldout, std::size_t k) {
  if (heldout.empty()) throw Error("ranking metrics need at least one heldout item");
  if (k < 1) throw Error("ranking metrics need K >= 1");
}

double discount(std::size_t rank) { return 1.0 / std::log2(static_cast<double>(rank) + 1.0); }

const char* metricPrefix(MetricKind kind) {
  switch (kind) {
    case MetricKind::Ndcg:
      return "ndcg";
    case MetricKind::Recall:
      return "recall";
    case MetricKind::TextbookRecall:
      return "recall_textbook";
  }
  return "";
}

Error badMetricName(const std::string& name) {
  return Error("unknown metric '" + name +
               "': expected ndcg@K, recall@K or recall_textbook@K with a whole number K >= 1");
}

}  // namespace

std::vector<std::int32_t> topK(const float* scores, std::int64_t items, const std::int32_t* excluded,
                               std::size_t excludedCount, std::size_t k) {
  if (k == 0) return {};
  std::vector<std::int32_t> skip(excluded, excluded + excludedCount);
  std::sort(skip.begin(), skip.end());
  auto nextSkipped = skip.begin();

  // A heap of the best k seen so far with the weakest on top: one comparison rejects most
  // items, so a user costs O(items log k) instead of a full sort.
  const RanksAbove ranksAbove{scores};
  std::vector<std::int32_t> best;
  best.reserve(std::min<std::size_t>(k, static_cast<std::size_t>(items)));
  for (std::int32_t item = 0; item < items; ++item) {
    while (nextSkipped != skip.end() && *nextSkipped < item) ++nextSkipped;
    if (nextSkipped != skip.end() && *nextSkipped == item) continue;
    if (best.size() < k) {
      best.push_back(item);
      std::push_heap(best.begin(), best.end(), ranksAbove);
    } else if (ranksAbove(item, best.front())) {
      std::pop_heap(best.begin(), best.end(), ranksAbove);
      best.back() = item;
      std::push_heap(best.begin(), best.end(), ranksAbove);
    }
  }
  std::sort_heap(best.begin(), best.end(), ranksAbove);
  return best;
}

double ndcgAtK(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout,
               std::size_t k) {
  requireDefined(heldout, k);
  const std::vector<bool> hits = hitsByRank(ranked, heldout, k);
  double dcg = 0.0;
  for (std::size_t r = 0; r < hits.size(); ++r) {
    if (hits[r]) dcg += discount(r + 1);
  }
  double idcg = 0.0;
  for (std::size_t r = 1; r <= std::min(k, heldout.size()); ++r) idcg += discount(r);
  return dcg / idcg;
}

double recallAtK(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout,
                 std::size_t k) {
  requireDefined(heldout, k);
  return hitCount(ranked, heldout, k) / static_cast<double>(std::min(k, heldout.size()));
}

double textbookRecallAtK(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout,
                         std::size_t k) {
  requireDefined(heldout, k);
  return hitCount(ranked, heldout, k) / static_cast<double>(heldout.size());
}

std::string MetricSpec::name() const { return std::string(metricPrefix(kind)) + "@" + std::to_string(k); }

MetricSpec parseMetric(const std::string& name) {
  const auto at = name.find('@');
  if (at == std::string::npos) throw badMetricName(name);

  MetricSpec spec{MetricKind::Ndcg, 0};
  const std::string prefix = name.substr(0, at);
  if (prefix == metricPrefix(MetricKind::Ndcg)) {
    spec.kind = MetricKind::Ndcg;
  } else if (prefix == metricPrefix(MetricKind::Recall)) {
    spec.kind = MetricKind::Recall;
  } else if (prefix == metricPrefix(MetricKind::TextbookRecall)) {
    spec.kind = MetricKind::TextbookRecall;
  } else {
    throw badMetricName(name);
  }

  const char* first = name.data() + at + 1;
  const char* last = name.data() + name.size();
  const auto [end, status] = std::from_chars(first, last, spec.k);
  if (first == last || status != std::errc() || end != last || spec.k < 1) throw badMetricName(name);
  return spec;
}

std::vector<MetricSpec> headlineMetrics() {
  return {{MetricKind::Ndcg, 100}, {MetricKind::Recall, 20}, {MetricKind::Recall, 50}};
}

}  // namespace vaecf
