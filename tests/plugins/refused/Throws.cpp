// Refused: its entry point throws before registering anything.
#include <stdexcept>

#include "plugin/PluginApi.h"

namespace {

void registerNothing(vaecf::PluginRegistrar&) { throw std::runtime_error("the licence server is unreachable"); }

}  // namespace

VAECF_PLUGIN(registerNothing)
