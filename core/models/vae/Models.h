#pragma once
// The autoencoder models (docs/models.md 3.1-3.4 and 3.8), built from validated parameters.

#include <cstdint>
#include <memory>

#include "models/vae/AutoencoderModel.h"

namespace vaecf::vae {

std::shared_ptr<AutoencoderModel> makeMultDae(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeMultVae(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeRecVae(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeVamp(const ParamSet& params, std::int64_t items);
std::shared_ptr<AutoencoderModel> makeHierarchicalVamp(const ParamSet& params, std::int64_t items);

}  // namespace vaecf::vae
