// The synthetic plugin: data made by the seeded generator of core/data/SyntheticData.h
// (planted taste communities, power-law popularity), for tests, teaching and for timing a
// model on the shape of a dataset one does not have (a preset).
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "data/SyntheticData.h"
#include "plugin/PluginApi.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;

// Every knob of the generator, with its defaults (`vaecf ... --preset NAME` fills in the
// shape of a public dataset).
std::vector<ParamSpec> syntheticOptions() {
  constexpr double kMaxCount = std::numeric_limits<std::uint32_t>::max();
  const SyntheticOptions defaults;
  const auto text = [](double value) {
    std::string number = std::to_string(value);
    number.erase(number.find_last_not_of('0') + 1);
    if (number.back() == '.') number.pop_back();
    return number;
  };
  return {
      integerParam("users", std::to_string(defaults.users), "users to generate", 1.0, kMaxCount),
      integerParam("items", std::to_string(defaults.items), "items to generate", 1.0, kMaxCount),
      integerParam("communities", std::to_string(defaults.communities), "planted taste communities", 1.0, kMaxCount),
      realParam("mean_activity", text(defaults.meanActivity), "mean interactions per user", 0.0),
      realParam("popularity_exponent", text(defaults.popularityExponent), "Zipf exponent of item popularity", 0.0),
      realParam("in_community_share", text(defaults.inCommunityShare),
                "share of a user's picks from the community's items", 0.0, 1.0),
      realParam("activity_spread", text(defaults.activitySpread), "sigma of the log-normal interactions per user", 0.0),
      integerParam("min_activity", std::to_string(defaults.minActivity), "fewest interactions of a user", 0.0, kMaxCount),
      integerParam("seed", std::to_string(defaults.seed), "seed of the generator (the protocol's seed splits)", 0.0),
  };
}

SyntheticOptions generatorOptions(const ParamSet& options) {
  SyntheticOptions generator;
  generator.users = static_cast<std::uint32_t>(options.integer("users"));
  generator.items = static_cast<std::uint32_t>(options.integer("items"));
  generator.communities = static_cast<std::uint32_t>(options.integer("communities"));
  generator.meanActivity = options.real("mean_activity");
  generator.popularityExponent = options.real("popularity_exponent");
  generator.inCommunityShare = options.real("in_community_share");
  generator.activitySpread = options.real("activity_spread");
  generator.minActivity = static_cast<std::uint32_t>(options.integer("min_activity"));
  generator.seed = static_cast<std::uint64_t>(options.integer("seed"));
  return generator;
}

void registerSynthetic(PluginRegistrar& registrar) {
  DatasetFormat synthetic;
  synthetic.name = "synthetic";
  synthetic.summary = "generated implicit data with planted taste communities";
  synthetic.options = syntheticOptions();
  synthetic.readsPath = false;
  synthetic.read = [](const fs::path&, const ParamSet& options, const TaskContext&) {
    return generateSyntheticData(generatorOptions(options)).log;
  };
  registrar.addFormat(std::move(synthetic));
}

}  // namespace
}  // namespace vaecf

VAECF_PLUGIN(vaecf::registerSynthetic)
