#include "models/vae/AutoencoderModel.h"

#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "common/Error.h"
#include "models/vae/AffineChain.h"

namespace vaecf::vae {
namespace {

// named_parameters() returns its dictionary by value: `found` must point into a dictionary
// that outlives it (AddressSanitizer caught a read of the freed temporary, issue 13).
torch::Tensor parameter(torch::nn::Module& module, const std::string& name) {
  const auto parameters = module.named_parameters();
  const auto* found = parameters.find(name);
  if (found == nullptr) throw Error("the model has no parameter '" + name + "'");
  return *found;
}

}  // namespace

double Optimizer::learningRate(double base, std::int64_t epoch) const {
  for (const std::int64_t milestone : milestones)
    if (milestone < epoch) base *= decay;
  return base;
}

std::vector<torch::Tensor> Phase::allParameters() const {
  std::vector<torch::Tensor> all = parameters;
  for (const auto& group : extraGroups) all.insert(all.end(), group.parameters.begin(), group.parameters.end());
  return all;
}

std::optional<AffineChain> AutoencoderModel::affineChain() { return std::nullopt; }

AffineMap itemProjectionMap(torch::nn::Module& module, const std::string& prefix) {
  return {parameter(module, prefix + "projection.weight"), parameter(module, prefix + "projection.bias"), true};
}

AffineMap linearMap(torch::nn::Module& module, const std::string& prefix) {
  return {parameter(module, prefix + "weight"), parameter(module, prefix + "bias"), false};
}

void appendUnitMaps(torch::nn::Module& module, const std::string& prefix, std::vector<AffineMap>& maps) {
  for (int unit = 1; module.named_parameters().contains(prefix + "unit" + std::to_string(unit) + ".linear.weight");
       ++unit)
    maps.push_back(linearMap(module, prefix + "unit" + std::to_string(unit) + ".linear."));
}

torch::Tensor priorComponentTopItems(AutoencoderModel& model, std::int64_t k) {
  const auto means = model.priorComponentMeans();
  if (!means.defined()) return {};
  return std::get<1>(model.decode(means).topk(k, 1));
}

}  // namespace vaecf::vae
