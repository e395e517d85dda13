#pragma once
// A trained autoencoder seen from the geometry views (docs/geometry.md): posteriors of rows,
// masked posteriors, prior components, PIA anchors and exact per-user gradient inner
// products. Torch-free (pimpl): the UI and the CLI include it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "geometry/RowMatrix.h"

namespace vaecf::vae {
class AutoencoderModel;
}

namespace vaecf::geometry {

struct GradientOptions {
  // KL weight of Mult-VAE's per-user loss; unset: the model's beta_cap, the weight its
  // annealing ends at.
  std::optional<double> klWeight;
  std::int64_t batchSize = 256;  // users per forward/backward pass
};

class LatentModel {
 public:
  // The best-by-validation weights of a run folder (config.json, items.txt, best.pt), on
  // the CPU, in eval mode. Throws Error when the run has no weights yet.
  static LatentModel fromRun(const std::filesystem::path& runFolder);
  // A model already in memory; `modelName` as the catalogue names it (plugin/ModelCatalog.h).
  LatentModel(std::string modelName, std::shared_ptr<vae::AutoencoderModel> model);
  ~LatentModel();
  LatentModel(LatentModel&&) noexcept;
  LatentModel& operator=(LatentModel&&) noexcept;

  const std::string& modelName() const;
  std::int64_t items() const;
  std::int64_t latentDims() const;

  // Posteriors of every row (clean input, eval mode), in batches; reports ("posteriors",
  // rows done, rows).
  Posteriors posteriors(const CsrMatrix& rows, const TaskContext& context = {}) const;

  // Posterior means of row `row` of `rows` under `masks` keep-masks b ~ Bernoulli(keepRate)
  // per positive: [masks, d]. The masks of (seed, row) come from one set of uniform draws
  // u, b = [u < keepRate], so lower rates drop a superset of the items higher rates drop.
  RowMatrix maskedMeans(const CsrMatrix& rows, std::int64_t row, double keepRate, std::int64_t masks,
                        std::uint64_t seed) const;

  // The k best items (column ids) decoded from the posterior mean of row `row` of `rows`
  // (clean input), the row's own items left out, best first; k is clamped to what is left.
  std::vector<std::int64_t> topItems(const CsrMatrix& rows, std::int64_t row, std::int64_t k) const;

  // The prior's component means [K, d] (VampPrior: encoded pseudo-inputs); 0 rows if none.
  RowMatrix priorComponentMeans() const;
  // The k best items (column ids) decoded from each prior component's mean; empty if none.
  std::vector<std::vector<std::int64_t>> priorComponentTopItems(std::int64_t k) const;
  // PIA's item anchors [I, d]; 0 rows when PIA is off.
  RowMatrix itemAnchors() const;

  // True for the models whose loss is an affine chain (AutoencoderModel::affineChain).
  bool supportsGradientTransfer() const;
  // <g_f, g_v> for every focus row f (of `focus`) and every row v of `users`: [F, n].
  // g is the gradient of one user's loss at the posterior mean, clean input, no dropout
  // (reconstruction + KL weight * KL, plus lambda_a * PIA alignment when PIA is on; the
  // weight penalty of Mult-DAE belongs to no user and is left out), computed exactly by
  // the per-layer factorisation of docs/geometry.md section 2. Reports ("transfer", done, n).
  // Throws Error for the other models.
  RowMatrix gradientInnerProducts(const CsrMatrix& focus, const CsrMatrix& users,
                                  const GradientOptions& options = {}, const TaskContext& context = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaecf::geometry
