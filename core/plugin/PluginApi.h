#pragma once
// The one header a plugin's entry point needs (docs/plugins.md): the registrar it hands its
// model families and dataset formats to, and the macro that exports the entry point.
// Built-in plugins and shared-library plugins are written the same way.

#include "plugin/DatasetFormat.h"
#include "plugin/ModelFamily.h"
#include "plugin/PluginVersion.h"

namespace vaecf {

// What a plugin's entry point registers with. Names must be new to the host; the host
// checks them after the entry point returns and takes all or nothing.
class PluginRegistrar {
 public:
  virtual ~PluginRegistrar() = default;
  virtual void addModel(ModelFamily model) = 0;
  virtual void addFormat(DatasetFormat format) = 0;
};

using PluginEntryPoint = void (*)(PluginRegistrar&);

}  // namespace vaecf

// The symbol a shared-library plugin exports; a built-in plugin's build names its own
// (VAECF_BUILTIN_PLUGIN_ENTRY, set by plugins/CMakeLists.txt) so that all can link together.
#define VAECF_PLUGIN_ENTRY_SYMBOL "vaecf_plugin_register"
#ifdef VAECF_BUILTIN_PLUGIN_ENTRY
#define VAECF_PLUGIN_ENTRY_NAME VAECF_BUILTIN_PLUGIN_ENTRY
#else
#define VAECF_PLUGIN_ENTRY_NAME vaecf_plugin_register
#endif

// Declares the plugin's entry point: VAECF_PLUGIN(registerMyModels) where
// `void registerMyModels(vaecf::PluginRegistrar&)`.
#define VAECF_PLUGIN(registerFunction)                                                         \
  extern "C" __attribute__((visibility("default"))) void VAECF_PLUGIN_ENTRY_NAME(              \
      vaecf::PluginRegistrar& registrar) {                                                     \
    registerFunction(registrar);                                                               \
  }
