// The one libtorch-side symbol the torch-free parsers reach at link time
// (TrainingParams.cpp -> isAutoencoderModel, defined beside the engine in
// TrainingEngine.cpp). No fuzz target calls it; it aborts if one ever does.
#include <cstdlib>
#include <string>

#include "train/TrainingParams.h"

namespace vaecf {

bool isAutoencoderModel(const std::string&) { std::abort(); }

}  // namespace vaecf
