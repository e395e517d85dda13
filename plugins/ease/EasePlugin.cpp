// The ease plugin: EASE^R as a closed-form model family (docs/models.md 3.5), its lambda
// fixed or chosen on validation NDCG@100 from a grid.
#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "ease/Ease.h"
#include "plugin/PluginApi.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;

const char* const kWeightsFile = "ease.bin";

std::vector<ParamSpec> easeParams() {
  return {
      {"lambda", ParamSpec::Type::Float, "500", "L2 regularisation of the item-item weights (hundreds to thousands)",
       1e-6, std::nullopt, {}, false},
      {"lambda_grid", ParamSpec::Type::FloatList, "",
       "when given, lambda is chosen among these values by validation NDCG@100", 0.0, std::nullopt, {}, false},
      {"precision", ParamSpec::Type::Choice, "float64", "precision of the Gram matrix inverse", std::nullopt,
       std::nullopt, {"float64", "float32"}, false},
      {"device", ParamSpec::Type::Choice, "auto", "where the Gram matrix is inverted; auto picks cuda when available",
       std::nullopt, std::nullopt, {"auto", "cpu", "cuda"}, false},
  };
}

// The lambda asked for, or the grid's best on validation (its curve kept in the details).
ClosedFormFit fitEase(const ParamSet& params, const Split& split, const EvaluationOptions& evaluation,
                      const fs::path& runFolder, const TaskContext& context) {
  const bool float64 = params.text("precision") == "float64";
  ClosedFormFit fitted;
  std::unique_ptr<EaseRecommender> model;
  const std::vector<double> grid = params.reals("lambda_grid");
  if (grid.empty()) {
    model = EaseRecommender::fit(split.train, {params.real("lambda"), float64, params.text("device")}, context);
    fitted.details["lambda"] = params.real("lambda");
  } else {
    EaseSelection selection = selectEaseLambda(split.train, split.validationFoldIn, split.validationHeldout, grid,
                                               float64, evaluation, context);
    model = std::move(selection.model);
    fitted.details["lambda"] = selection.lambda;
    for (const auto& [lambda, ndcg] : selection.validationNdcgByLambda)
      fitted.details["validation_ndcg@100_by_lambda"].push_back({lambda, ndcg});
  }
  model->save(runFolder / kWeightsFile);
  fitted.model = std::move(model);
  return fitted;
}

void registerEase(PluginRegistrar& registrar) {
  ModelFamily ease;
  ease.name = "ease";
  ease.summary = "EASE^R: closed-form linear item-item model (Steck 2019)";
  ease.params = easeParams();
  ease.fit = fitEase;
  ease.load = [](const fs::path& runFolder, const ParamSet&) -> std::unique_ptr<Recommender> {
    return EaseRecommender::load(runFolder / kWeightsFile);
  };
  registrar.addModel(std::move(ease));
}

}  // namespace
}  // namespace vaecf

VAECF_PLUGIN(vaecf::registerEase)
