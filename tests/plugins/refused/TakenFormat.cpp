// Refused: it declares a dataset format named "ml-1m", which the built-in movielens plugin
// provides.
#include <stdexcept>

#include "plugin/PluginApi.h"

namespace {

void registerTakenFormat(vaecf::PluginRegistrar& registrar) {
  vaecf::DatasetFormat format;
  format.name = "ml-1m";
  format.read = [](const std::filesystem::path&, const vaecf::ParamSet&,
                   const vaecf::TaskContext&) -> vaecf::InteractionLog {
    throw std::logic_error("a refused plugin's format never reads");
  };
  registrar.addFormat(std::move(format));
}

}  // namespace

VAECF_PLUGIN(registerTakenFormat)
