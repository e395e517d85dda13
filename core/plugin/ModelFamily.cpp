#include "plugin/ModelCatalog.h"
#include "plugin/ModelFamily.h"

#include <algorithm>

#include "common/Error.h"
#include "plugin/PluginRegistry.h"
#include "train/TrainingParams.h"

namespace vaecf {

std::optional<DataNeed> missingDataNeed(const ModelFamily& model, const InteractionLog* log) {
  if (!model.needs.rawLog) return std::nullopt;
  if (log == nullptr) return DataNeed::RawLog;
  if (model.needs.explicitValues && !log->explicitValues) return DataNeed::ExplicitValues;
  if (model.needs.timestamps && !log->hasTimestamps) return DataNeed::Timestamps;
  return std::nullopt;
}

void checkDataNeeds(const ModelFamily& model, const InteractionLog* log) {
  const auto missing = missingDataNeed(model, log);
  if (!missing) return;
  switch (*missing) {
    case DataNeed::RawLog:
      throw Error(model.name + " reads the raw dataset (ratings, times): give a dataset, not a split folder");
    case DataNeed::ExplicitValues:
      throw Error(model.name + " predicts ratings, and " + log->source + " has none: give a dataset with ratings");
    case DataNeed::Timestamps:
      throw Error(model.name + " orders each history by time, and " + log->source +
                  " has no timestamps: give a dataset with a time column");
  }
}

const std::deque<ModelFamily>& modelCatalog() { return PluginRegistry::instance().models(); }

const ModelFamily& findModel(const std::string& name) {
  if (const ModelFamily* model = PluginRegistry::instance().findModel(name)) return *model;
  std::string known;
  for (const ModelFamily& model : modelCatalog()) known += (known.empty() ? "" : ", ") + model.name;
  throw Error("unknown model '" + name + "'; known models: " + (known.empty() ? "none (no plugin loaded)" : known));
}

const ModelFamily* firstModelWith(const std::function<bool(const ModelFamily&)>& wanted) {
  const auto& catalog = modelCatalog();
  const auto found = std::find_if(catalog.begin(), catalog.end(), wanted);
  return found == catalog.end() ? nullptr : &*found;
}

std::vector<ParamSpec> runParamSpecs(const ModelFamily& model) {
  return model.iterative() ? trainingParamSpecs(model) : model.params;
}

ParamSet defaultParams(const std::string& model) { return ParamSet(runParamSpecs(findModel(model))); }

}  // namespace vaecf
