// Plugins from outside the tree, as a researcher builds them from the installed SDK
// (tests/plugins/BuildPlugins.cmake builds them first): the example item-kNN model trains,
// evaluates and recommends through the CLI, and every faulty plugin is refused with its
// reason while the program goes on.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "CliRunner.h"
#include "TestData.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;
using test::CliOutcome;
using test::runVaecf;

const fs::path kPlugins = VAECF_TEST_PLUGINS_DIR;

// Sets VAECF_PLUGIN_PATH for the programs a test starts.
class PluginPath {
 public:
  explicit PluginPath(const std::string& path) { ::setenv("VAECF_PLUGIN_PATH", path.c_str(), 1); }
  ~PluginPath() { ::unsetenv("VAECF_PLUGIN_PATH"); }
  PluginPath(const PluginPath&) = delete;
  PluginPath& operator=(const PluginPath&) = delete;
};

// Points the programs a test starts at fresh plugin settings ($XDG_CONFIG_HOME).
class PluginSettingsFolder {
 public:
  explicit PluginSettingsFolder(const fs::path& folder) : file_(folder / "vaecf-workbench" / "plugins.json") {
    ::setenv("XDG_CONFIG_HOME", folder.c_str(), 1);
  }
  ~PluginSettingsFolder() { ::unsetenv("XDG_CONFIG_HOME"); }
  PluginSettingsFolder(const PluginSettingsFolder&) = delete;
  PluginSettingsFolder& operator=(const PluginSettingsFolder&) = delete;
  const fs::path& file() const { return file_; }

 private:
  fs::path file_;
};

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

nlohmann::json pluginNamed(const nlohmann::json& listing, const std::string& name, const std::string& source) {
  for (const auto& plugin : listing.at("plugins"))
    if (plugin.at("name") == name && plugin.at("source").get<std::string>().find(source) != std::string::npos)
      return plugin;
  ADD_FAILURE() << "no plugin " << name << " from " << source << " in " << listing.dump();
  return {};
}

TEST(ExternalPlugins, TheExampleModelTrainsEvaluatesAndRecommends) {
  const PluginPath path((kPlugins / "example").string());
  const CliOutcome listing = runVaecf("plugins --json");
  ASSERT_EQ(listing.exitCode, 0) << listing.err;
  const nlohmann::json itemknn = pluginNamed(listing.lastJson(), "itemknn", "example/itemknn/plugin.json");
  EXPECT_TRUE(itemknn.at("loaded").get<bool>()) << itemknn.dump();
  EXPECT_EQ(itemknn.at("models"), nlohmann::json::array({"itemknn"}));
  EXPECT_EQ(itemknn.at("version"), "1.0.0");
  EXPECT_TRUE(pluginNamed(listing.lastJson(), "vae", "built in").at("loaded").get<bool>());

  const CliOutcome help = runVaecf("train --model itemknn --help");
  EXPECT_NE(help.out.find("Options of model 'itemknn'"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("neighbours"), std::string::npos) << help.out;

  const fs::path run = test::freshTempDir("plugin-run") / "itemknn";
  const CliOutcome trained = runVaecf("train --model itemknn --set neighbours=50 --json --out " + run.string());
  ASSERT_EQ(trained.exitCode, 0) << trained.err;
  const nlohmann::json result = trained.lastJson();
  EXPECT_EQ(result.at("model"), "itemknn");
  const double testNdcg = result.at("test").at("ndcg@100").get<double>();
  EXPECT_GT(testNdcg, 0.1);  // far above random on ml-latest-small; EASE reaches about 0.4
  EXPECT_LE(result.at("details").at("mean_neighbours").get<double>(), 50.0);
  EXPECT_TRUE(fs::exists(run / "itemknn.bin"));
  EXPECT_TRUE(fs::exists(run / "metrics.json"));

  // The saved model scores the test users again exactly as the fit did.
  const CliOutcome evaluated = runVaecf("eval --run " + run.string() + " --json");
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err;
  EXPECT_DOUBLE_EQ(evaluated.lastJson().at("test").at("ndcg@100").get<double>(), testNdcg);

  const CliOutcome recommended = runVaecf("recommend --run " + run.string() + " --user 1 -n 5 --json");
  ASSERT_EQ(recommended.exitCode, 0) << recommended.err;
  const nlohmann::json list = recommended.lastJson().at("users").at(0).at("recommendations");
  EXPECT_EQ(list.size(), 5U);

  // Without the plugin the run cannot be read, and says which model is missing.
  ::unsetenv("VAECF_PLUGIN_PATH");
  const CliOutcome orphan = runVaecf("eval --run " + run.string());
  EXPECT_NE(orphan.exitCode, 0);
  EXPECT_NE(orphan.err.find("unknown model 'itemknn'"), std::string::npos) << orphan.err;
}

TEST(ExternalPlugins, FaultyPluginsAreRefusedWithTheirReasonAndTheRestLoads) {
  // A plugin built for another API is refused from its manifest: its library is never opened.
  const fs::path oldApi = test::freshTempDir("plugin-old-api") / "oldapi";
  fs::create_directories(oldApi);
  std::ofstream(oldApi / "plugin.json")
      << R"({"name": "oldapi", "version": "1", "api": "0.0", "kind": "model", "library": "oldapi.so"})";
  const PluginPath path((kPlugins / "refused").string() + ":" + oldApi.parent_path().string());

  const CliOutcome listing = runVaecf("plugins --json");
  ASSERT_EQ(listing.exitCode, 0) << listing.err;
  const nlohmann::json plugins = listing.lastJson();
  const auto refusal = [&](const std::string& name, const std::string& source) {
    const nlohmann::json plugin = pluginNamed(plugins, name, source);
    EXPECT_FALSE(plugin.value("loaded", true)) << plugin.dump();
    return plugin.value("refusal", std::string());
  };
  EXPECT_EQ(refusal("throws", "throws/plugin.json"),
            "it threw while registering: the licence server is unreachable");
  EXPECT_EQ(refusal("takenmodel", "takenmodel/plugin.json"),
            "it declares the model 'ease', which is already taken");
  EXPECT_EQ(refusal("takenformat", "takenformat/plugin.json"),
            "it declares the dataset format 'ml-1m', which is already taken");
  EXPECT_EQ(refusal("vae", "refused/vae/plugin.json"), "a plugin named 'vae' is already loaded");
  EXPECT_NE(refusal("noentry", "noentry/plugin.json").find("has no entry point vaecf_plugin_register"),
            std::string::npos);
  EXPECT_NE(refusal("missingsymbol", "missingsymbol/plugin.json").find("undefined symbol"), std::string::npos);
  EXPECT_EQ(refusal("oldapi", "oldapi/plugin.json"),
            "it was built for plugin API '0.0', this program has " + plugins.at("api").get<std::string>());

  // The built-in models are untouched: "ease" is still EASE, and the human listing says why.
  EXPECT_TRUE(pluginNamed(plugins, "ease", "built in").at("loaded").get<bool>());
  const CliOutcome help = runVaecf("train --model ease --help");
  EXPECT_NE(help.out.find("EASE^R"), std::string::npos) << help.out;
  const CliOutcome table = runVaecf("plugins");
  EXPECT_EQ(table.exitCode, 0);
  EXPECT_NE(table.out.find("refused"), std::string::npos) << table.out;
}

TEST(ExternalPlugins, DisabledPluginIsListedButItsLibraryNeverRuns) {
  const PluginSettingsFolder settings(test::freshTempDir("plugin-settings-external"));
  const PluginPath path((kPlugins / "refused").string());
  ASSERT_EQ(runVaecf("plugin disable throws").exitCode, 0);
  const CliOutcome listing = runVaecf("plugins --json");
  ASSERT_EQ(listing.exitCode, 0) << listing.err;
  const nlohmann::json throws = pluginNamed(listing.lastJson(), "throws", "throws/plugin.json");
  EXPECT_FALSE(throws.at("enabled").get<bool>());
  EXPECT_FALSE(throws.at("loaded").get<bool>());
  EXPECT_EQ(throws.at("refusal"), "");  // it never ran, so it never threw
}

TEST(PluginSettings, DisabledPluginIsNotLoadedUntilEnabledAgain) {
  const PluginSettingsFolder settings(test::freshTempDir("plugin-settings"));
  const CliOutcome disabled = runVaecf("plugin disable svae");
  ASSERT_EQ(disabled.exitCode, 0) << disabled.err;
  EXPECT_EQ(nlohmann::json::parse(readText(settings.file())), nlohmann::json::parse(R"({"disabled": ["svae"]})"));

  const nlohmann::json listing = runVaecf("plugins --json").lastJson();
  EXPECT_EQ(listing.at("settings"), settings.file().string());
  const nlohmann::json svae = pluginNamed(listing, "svae", "built in");
  EXPECT_FALSE(svae.at("enabled").get<bool>());
  EXPECT_FALSE(svae.at("loaded").get<bool>());
  EXPECT_TRUE(svae.at("models").empty());
  EXPECT_TRUE(pluginNamed(listing, "vae", "built in").at("loaded").get<bool>());
  EXPECT_NE(runVaecf("plugins").out.find("disabled"), std::string::npos);
  const CliOutcome train = runVaecf("train --model svae --help");
  EXPECT_NE(train.exitCode, 0);

  ASSERT_EQ(runVaecf("plugin enable svae").exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(readText(settings.file())), nlohmann::json::parse(R"({"disabled": []})"));
  const nlohmann::json again = pluginNamed(runVaecf("plugins --json").lastJson(), "svae", "built in");
  EXPECT_TRUE(again.at("enabled").get<bool>());
  EXPECT_EQ(again.at("models"), nlohmann::json::array({"svae"}));

  const CliOutcome unknown = runVaecf("plugin disable nosuchplugin");
  EXPECT_NE(unknown.exitCode, 0);
  EXPECT_NE(unknown.err.find("no plugin named 'nosuchplugin'"), std::string::npos) << unknown.err;
}

TEST(PluginSettings, DamagedSettingsAreReportedKeptAndDisableNothing) {
  const PluginSettingsFolder settings(test::freshTempDir("plugin-settings-damaged"));
  test::writeText(settings.file(), "{\"disabled\": \"svae\"");
  const CliOutcome listing = runVaecf("plugins --json");
  ASSERT_EQ(listing.exitCode, 0) << listing.err;
  EXPECT_NE(listing.err.find("vaecf: warning: " + settings.file().string()), std::string::npos) << listing.err;
  EXPECT_TRUE(pluginNamed(listing.lastJson(), "svae", "built in").at("loaded").get<bool>());

  const CliOutcome disable = runVaecf("plugin disable svae");
  EXPECT_NE(disable.exitCode, 0);
  EXPECT_NE(disable.err.find(settings.file().string()), std::string::npos) << disable.err;
  EXPECT_EQ(readText(settings.file()), "{\"disabled\": \"svae\"");  // left as it was
}

}  // namespace
}  // namespace vaecf
