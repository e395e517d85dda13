#pragma once
// The model families of every loaded plugin, as the CLI, the window and the experiment
// driver look them up: by the name a user typed or a run folder recorded.

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "models/Params.h"
#include "plugin/ModelFamily.h"

namespace vaecf {

// Every model family, in the order the plugins registered them.
const std::deque<ModelFamily>& modelCatalog();
// Throws Error listing the known models.
const ModelFamily& findModel(const std::string& name);
// The first family in catalog order that has what `wanted` asks (a capability), or null.
const ModelFamily* firstModelWith(const std::function<bool(const ModelFamily&)>& wanted);

// Every parameter a run of `model` takes: its own, then the trainer's when it is trained.
std::vector<ParamSpec> runParamSpecs(const ModelFamily& model);
ParamSet defaultParams(const std::string& model);

}  // namespace vaecf
