// Every test sees the built-in plugins, as the programs do; shared-library plugins are
// tested through the CLI (tests/plugins).
#include <gtest/gtest.h>

#include "Plugins.h"

namespace {

class BuiltinPlugins : public ::testing::Environment {
 public:
  void SetUp() override { vaecf::registerBuiltinPlugins(vaecf::PluginRegistry::instance()); }
};

const auto* const kBuiltinPlugins = ::testing::AddGlobalTestEnvironment(new BuiltinPlugins);

}  // namespace
