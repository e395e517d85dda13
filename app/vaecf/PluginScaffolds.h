#pragma once
// What `vaecf plugin new NAME --kind model|format` writes: a plugin folder that builds with
// the SDK and tests itself through the vaecf program.

#include <string>
#include <vector>

namespace vaecf::cli {

struct ScaffoldFile {
  std::string name;  // inside the plugin's folder
  std::string text;
};

// Throws Error for a kind other than "model" and "format".
std::vector<ScaffoldFile> pluginScaffold(const std::string& name, const std::string& kind);

}  // namespace vaecf::cli
