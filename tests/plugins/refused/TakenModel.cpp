// Refused: it declares a model named "ease", which the built-in ease plugin provides.
#include <memory>
#include <stdexcept>

#include "plugin/PluginApi.h"

namespace {

void registerTakenModel(vaecf::PluginRegistrar& registrar) {
  vaecf::ModelFamily family;
  family.name = "ease";
  family.fit = [](const vaecf::ParamSet&, const vaecf::Split&, const vaecf::EvaluationOptions&,
                  const std::filesystem::path&, const vaecf::TaskContext&) -> vaecf::ClosedFormFit {
    throw std::logic_error("a refused plugin's model never fits");
  };
  family.load = [](const std::filesystem::path&, const vaecf::ParamSet&) -> std::unique_ptr<vaecf::Recommender> {
    throw std::logic_error("a refused plugin's model never loads");
  };
  registrar.addModel(std::move(family));
}

}  // namespace

VAECF_PLUGIN(registerTakenModel)
