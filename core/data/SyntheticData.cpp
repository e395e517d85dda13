#include "data/SyntheticData.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <unordered_set>

#include "common/Error.h"

namespace vaecf {

namespace {

// Draws from the engine are turned into numbers by our own code, not the standard
// distributions, whose algorithms differ between standard libraries: the same seed must
// give the same data everywhere.
class SeededDraws {
 public:
  explicit SeededDraws(std::uint64_t seed) : engine_(seed) {}

  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double standardNormal() {  // Box-Muller
    const double u = 1.0 - uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * uniform());
  }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(uniform() * n); }
  // Index drawn with probability proportional to weights; `cumulative` is their running sum.
  std::uint32_t weighted(const std::vector<double>& cumulative) {
    const double target = uniform() * cumulative.back();
    return static_cast<std::uint32_t>(std::upper_bound(cumulative.begin(), cumulative.end(), target) -
                                      cumulative.begin());
  }

 private:
  std::mt19937_64 engine_;
};

void validate(const SyntheticOptions& o) {
  if (o.users == 0 || o.items == 0) throw Error("synthetic data needs at least one user and one item");
  if (o.communities == 0 || o.communities > o.items)
    throw Error("synthetic data needs between 1 and " + std::to_string(o.items) + " communities");
  if (o.inCommunityShare < 0.0 || o.inCommunityShare > 1.0) throw Error("in-community share must lie in [0, 1]");
  const std::uint32_t reachable = o.inCommunityShare < 1.0 ? o.items / 2 : o.items / o.communities;
  if (o.minActivity > reachable)
    throw Error("minimum activity " + std::to_string(o.minActivity) + " exceeds the " + std::to_string(reachable) +
                " distinct items a user can reach");
}

std::vector<double> runningSum(const std::vector<double>& weights) {
  std::vector<double> sums(weights.size());
  std::partial_sum(weights.begin(), weights.end(), sums.begin());
  return sums;
}

struct NamedShape {
  const char* name;
  std::uint32_t users;
  std::uint32_t items;
  double positives;  // after binarising and the user filter
};

// The sizes the VAE-CF papers report after preprocessing (docs/models.md 1).
constexpr NamedShape kShapes[] = {
    {"ml-20m", 136677, 20108, 10.0e6},
    {"netflix", 463435, 17769, 56.9e6},
    {"msd", 571355, 41140, 33.6e6},
};

}  // namespace

SyntheticOptions syntheticPreset(const std::string& name) {
  for (const NamedShape& shape : kShapes) {
    if (name != shape.name) continue;
    SyntheticOptions options;
    options.users = shape.users;
    options.items = shape.items;
    options.communities = 20;
    options.meanActivity = shape.positives / shape.users;
    return options;
  }
  std::string names;
  for (const std::string& known : syntheticPresetNames()) names += (names.empty() ? "" : ", ") + known;
  throw Error("unknown synthetic preset '" + name + "' (choose one of " + names + ")");
}

std::vector<std::string> syntheticPresetNames() {
  std::vector<std::string> names;
  for (const NamedShape& shape : kShapes) names.emplace_back(shape.name);
  return names;
}

SyntheticData generateSyntheticData(const SyntheticOptions& options) {
  validate(options);
  SeededDraws draws(options.seed);
  SyntheticData data;
  data.log.source = "synthetic(seed=" + std::to_string(options.seed) + ")";
  data.log.explicitValues = false;
  data.log.hasTimestamps = true;

  // Items: contiguous blocks per community; Zipf popularity over a random rank order so
  // that every community has popular and rare items.
  std::vector<std::uint32_t> rank(options.items);
  std::iota(rank.begin(), rank.end(), 0U);
  for (std::uint32_t i = options.items - 1; i > 0; --i) std::swap(rank[i], rank[draws.below(i + 1)]);
  std::vector<double> popularity(options.items);
  std::vector<std::vector<double>> communityWeights(options.communities, std::vector<double>(options.items, 0.0));
  for (std::uint32_t item = 0; item < options.items; ++item) {
    const auto community = static_cast<std::uint32_t>(std::uint64_t{item} * options.communities / options.items);
    popularity[item] = 1.0 / std::pow(rank[item] + 1.0, options.popularityExponent);
    communityWeights[community][item] = popularity[item];
    data.itemCommunity.push_back(community);
    const std::string id = std::to_string(item + 1);
    data.log.items.intern(id);
    data.log.catalog[id] = ItemInfo{"Item " + id + " (community " + std::to_string(community + 1) + ")",
                                    {"community " + std::to_string(community + 1)}};
  }
  const std::vector<double> anyItem = runningSum(popularity);
  std::vector<std::vector<double>> inCommunity;
  for (const auto& weights : communityWeights) inCommunity.push_back(runningSum(weights));

  const double logMean = std::log(options.meanActivity) - 0.5 * options.activitySpread * options.activitySpread;
  const std::uint32_t maxActivity = options.items / 2;
  const std::uint32_t blockSize = options.items / options.communities;  // smallest community
  for (std::uint32_t user = 0; user < options.users; ++user) {
    const std::uint32_t community = draws.below(options.communities);
    data.userCommunity.push_back(community);
    data.log.users.intern(std::to_string(user + 1));
    const double activity = std::exp(logMean + options.activitySpread * draws.standardNormal());
    const auto picks = std::clamp(static_cast<std::uint32_t>(std::lround(activity)), options.minActivity,
                                  options.inCommunityShare < 1.0 ? maxActivity : std::min(maxActivity, blockSize));
    std::unordered_set<std::uint32_t> chosen;
    while (chosen.size() < picks) {
      const bool own = draws.uniform() < options.inCommunityShare;
      const std::uint32_t item = draws.weighted(own ? inCommunity[community] : anyItem);
      if (!chosen.insert(item).second) continue;
      data.log.interactions.push_back(
          Interaction{user, item, 1.0F, static_cast<std::int64_t>(chosen.size())});
    }
  }
  return data;
}

}  // namespace vaecf
