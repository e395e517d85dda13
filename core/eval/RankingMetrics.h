#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vaecf {

// Top-k item indices by descending score, skipping `excluded` items (the user's fold-in
// items, which must never be recommended). Ties go to the smaller item index.
std::vector<std::int32_t> topK(const float* scores, std::int64_t items, const std::int32_t* excluded,
                               std::size_t excludedCount, std::size_t k);

// Metrics of one ranked list against a heldout set (docs/models.md section 2.2).
// `ranked` may be longer than k; only its first k entries count.
double ndcgAtK(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout, std::size_t k);
// Protocol recall: hits / min(k, |heldout|).
double recallAtK(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout, std::size_t k);
// Textbook recall (RecBole, SVAE): hits / |heldout|.
double textbookRecallAtK(const std::vector<std::int32_t>& ranked, const std::vector<std::int32_t>& heldout,
                         std::size_t k);

enum class MetricKind { Ndcg, Recall, TextbookRecall };

struct MetricSpec {
  MetricKind kind;
  std::size_t k;
  std::string name() const;  // "ndcg@100", "recall@20", "recall_textbook@20"
};

// "ndcg@100" and the like; throws Error on anything else.
MetricSpec parseMetric(const std::string& name);
// NDCG@100, Recall@20, Recall@50: the papers' headline metrics.
std::vector<MetricSpec> headlineMetrics();

}  // namespace vaecf
