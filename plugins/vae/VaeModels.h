#pragma once
// The autoencoder models (docs/models.md 3.1-3.4 and 3.8), built from validated parameters.
// Each seeds torch's global generator with the parameters' `seed` first, so a model's initial
// weights depend on its parameters only. Torch-free: the plugin's registration includes it.

#include <cstdint>
#include <memory>

#include "models/Params.h"

namespace vaecf::vae {

class AutoencoderModel;

std::shared_ptr<AutoencoderModel> makeMultDae(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeMultVae(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeRecVae(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeVamp(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeHierarchicalVamp(const ParamSet& params, std::int64_t items);

}  // namespace vaecf::vae
