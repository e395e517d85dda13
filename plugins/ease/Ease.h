#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/AvailableMemory.h"
#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "eval/Evaluator.h"
#include "models/Recommender.h"

namespace vaecf {

// EASE^R (Steck 2019): B = I - P diag(1/diag(P)), P = (X^T X + lambda I)^-1, diag(B) = 0.
struct EaseOptions {
  double lambda = 500.0;
  bool float64 = true;  // precision of the Gram matrix and its inverse; B is stored as float32
  std::string device = "cpu";  // where the Gram matrix is inverted: "auto", "cpu" or "cuda"
};

// Bytes the fit needs at its peak for `items` items, to refuse before being killed.
std::uint64_t easeMemoryEstimate(std::int64_t items, bool float64);
// The same for selectEaseLambda, which holds the best model so far while it fits the next.
std::uint64_t easeSelectionMemoryEstimate(std::int64_t items, bool float64);
// What the fit says when `needed` bytes for `items` items exceed `available`, the
// estimate included; empty when they fit.
std::string easeMemoryRefusal(std::uint64_t needed, std::int64_t items, bool float64,
                              const AvailableMemory& available);

class EaseRecommender final : public Recommender {
 public:
  // Throws Error with the estimate when the item-item matrices will not fit in memory.
  static std::unique_ptr<EaseRecommender> fit(const CsrMatrix& train, const EaseOptions& options,
                                              const TaskContext& context = {});
  static std::unique_ptr<EaseRecommender> load(const std::filesystem::path& file);
  ~EaseRecommender() override;

  void save(const std::filesystem::path& file) const;  // atomically
  std::int64_t items() const override;
  void score(const CsrMatrix& input, std::int64_t begin, std::int64_t end, float* out) const override;

 private:
  struct Weights;
  explicit EaseRecommender(std::unique_ptr<Weights> weights);
  std::unique_ptr<Weights> weights_;
};

struct EaseSelection {
  double lambda = 0.0;
  std::vector<std::pair<double, double>> validationNdcgByLambda;  // (lambda, NDCG@100)
  std::unique_ptr<EaseRecommender> model;                          // fitted with the chosen lambda
};

// Fits EASE for every lambda of `grid` and keeps the one with the best validation
// NDCG@100: one Cholesky fit per lambda (measured faster than sharing one
// eigendecomposition of the Gram matrix across the grid).
EaseSelection selectEaseLambda(const CsrMatrix& train, const CsrMatrix& validationFoldIn,
                               const CsrMatrix& validationHeldout, const std::vector<double>& grid,
                               bool float64, const EvaluationOptions& evaluation, const TaskContext& context = {});

}  // namespace vaecf
