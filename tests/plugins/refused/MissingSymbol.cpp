// Refused: it calls a function that neither the program nor any library defines, so the
// dynamic loader cannot bind it (dlopen with RTLD_NOW fails before any code runs).
#include "plugin/PluginApi.h"

void vaecfFunctionNobodyDefines();

namespace {

void registerNothing(vaecf::PluginRegistrar&) { vaecfFunctionNobodyDefines(); }

}  // namespace

VAECF_PLUGIN(registerNothing)
