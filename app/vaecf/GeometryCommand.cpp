#include "GeometryCommand.h"

#include <fmt/core.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <string>
#include <string_view>

#include "ProgressBar.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "data/DataSource.h"
#include "geometry/GeometryStudy.h"
#include "geometry/LatentSample.h"
#include "geometry/LatentTrail.h"
#include "geometry/Projection.h"
#include "train/RunFolder.h"
#include "plugin/ModelCatalog.h"

namespace vaecf::cli {
namespace {

using geometry::RowMatrix;
using nlohmann::json;

const std::vector<std::string> kFigures{"projection", "transfer", "drift", "pseudo"};
constexpr std::size_t kDefaultFocusUsers = 50;

struct GeometryOptions {
  std::string runDir;
  std::vector<std::string> users;
  std::vector<double> keepRates{0.25, 0.5, 0.75, 1.0};
  std::size_t sample = 2000;
  std::string out;
  std::vector<std::string> what = kFigures;
  std::int64_t masks = 16;
  std::int64_t neighbours = 20;
  std::int64_t recommendations = 20;
  std::int64_t topItems = 10;
  std::uint64_t seed = 1;
  std::vector<std::uint32_t> cohortEdges{5, 11, 51, 101};
  bool tsne = false;
};

// Without --users, a seeded subset of the sample stands for it in the transfer and drift
// summaries.
std::vector<std::int64_t> defaultFocus(std::int64_t sampleSize, std::uint64_t seed) {
  std::vector<std::int64_t> positions(static_cast<std::size_t>(sampleSize));
  std::iota(positions.begin(), positions.end(), 0);
  std::shuffle(positions.begin(), positions.end(), std::mt19937_64(seed));
  positions.resize(std::min(positions.size(), kDefaultFocusUsers));
  return positions;
}

geometry::FocusOptions focusOptions(const GeometryOptions& options) {
  geometry::FocusOptions focus;
  focus.keepRates = options.keepRates;
  focus.masks = options.masks;
  focus.neighbours = options.neighbours;
  focus.recommendations = options.recommendations;
  focus.seed = options.seed;
  return focus;
}

bool wanted(const GeometryOptions& options, const std::string& figure) {
  return std::find(options.what.begin(), options.what.end(), figure) != options.what.end();
}

json points(const RowMatrix& matrix) {
  json rows = json::array();
  for (std::int64_t r = 0; r < matrix.rows; ++r)
    rows.push_back(std::vector<float>(matrix.row(r), matrix.row(r) + matrix.cols));
  return rows;
}

// Everything the figures share: the run, its data, the sampled users, their posteriors and
// the studies of the users named with --users.
struct GeometryInputs {
  geometry::LatentModel model;
  LoadedData data;
  geometry::LatentSample sample;
  std::vector<std::int64_t> focus;            // positions in the sample
  bool focusGiven = false;                    // named with --users (full detail) or defaulted
  geometry::Posteriors posteriors;            // of the sampled users
  std::vector<geometry::FocusStudy> studies;  // one per focus user when focusGiven

  const std::string& userId(std::int64_t samplePosition) const {
    return sample.userIds[static_cast<std::size_t>(samplePosition)];
  }
  std::string_view split(std::int64_t samplePosition) const {
    return geometry::splitName(sample.splits[static_cast<std::size_t>(samplePosition)]);
  }
  const std::string& itemId(std::int64_t item) const {
    return data.split.itemIds[static_cast<std::size_t>(item)];
  }
  std::vector<std::string> userIds(const std::vector<std::int64_t>& positions) const {
    std::vector<std::string> ids;
    for (const auto position : positions) ids.push_back(userId(position));
    return ids;
  }
  std::vector<std::string> itemIds(const std::vector<std::int64_t>& items) const {
    std::vector<std::string> ids;
    for (const auto item : items) ids.push_back(itemId(item));
    return ids;
  }
};

GeometryInputs loadInputs(const GeometryOptions& options, const TaskContext& progress) {
  const RunConfig config = readRunConfig(options.runDir);
  GeometryInputs inputs{
      geometry::LatentModel::fromRun(options.runDir), loadData(config.data, progress), {}, {}, false, {}, {}};
  if (inputs.data.split.itemIds != readRunItems(options.runDir))
    throw Error("the data of " + options.runDir + " no longer gives the items the run was trained on");
  inputs.sample = geometry::drawLatentSample(inputs.data.split, options.sample, options.seed, options.users);
  inputs.focusGiven = !options.users.empty();
  for (const auto& id : options.users) inputs.focus.push_back(inputs.sample.positionOf(id));
  if (!inputs.focusGiven) inputs.focus = defaultFocus(inputs.sample.size(), options.seed);
  inputs.posteriors = inputs.model.posteriors(inputs.sample.rows, progress);
  for (std::size_t f = 0; inputs.focusGiven && f < inputs.focus.size(); ++f) {
    inputs.studies.push_back(geometry::studyFocusUser(inputs.model, inputs.sample, inputs.focus[f],
                                                      focusOptions(options), progress));
  }
  return inputs;
}

json focusUsers(const GeometryInputs& in) {
  json users = json::array();
  for (const auto& study : in.studies) {
    json neighbours = json::array();
    for (const auto v : study.latentNeighbours)
      neighbours.push_back({{"user", in.userId(v)}, {"w2", study.distance[static_cast<std::size_t>(v)]}});
    users.push_back({{"user", in.userId(study.position)},
                     {"split", in.split(study.position)},
                     {"history", in.itemIds(study.history)},
                     {"recommendations", in.itemIds(study.recommendations)},
                     {"latent_neighbours", neighbours}});
  }
  return users;
}

// The maps the trainer saved while the run trained; null when it saved none.
json trainingFrames(const std::string& runDir, std::size_t items) {
  const auto header = geometry::LatentTrail::readHeader(runDir);
  const auto epochs = geometry::LatentTrail::frameEpochs(runDir);
  if (epochs.empty()) return nullptr;
  const auto folder = runLatentFolder(runDir);
  if (!header) throw InputError((folder / "sample.json").string(), 0, "missing beside the latent frames");
  json frames = json::array();
  for (const auto epoch : epochs) {
    const auto frame = geometry::LatentTrail::readFrame(runDir, epoch);
    if (frame.users.rows != static_cast<std::int64_t>(header->userIds.size())) {
      throw InputError(folder.string(), 0,
                       fmt::format("the frame of epoch {} has {} users, its sample.json {}", epoch,
                                   frame.users.rows, header->userIds.size()));
    }
    if (frame.anchors.rows != 0 && frame.anchors.rows != static_cast<std::int64_t>(items)) {
      throw InputError(folder.string(), 0,
                       fmt::format("the frame of epoch {} has {} anchors for the run's {} items", epoch,
                                   frame.anchors.rows, items));
    }
    frames.push_back({{"epoch", epoch},
                      {"users", points(frame.users)},
                      {"anchors", points(frame.anchors)},
                      {"pseudo_inputs", points(frame.pseudoInputs)}});
  }
  json splits = json::array();
  for (const auto split : header->splits) splits.push_back(geometry::splitName(split));
  // User ids once: every frame's "users" follow their order.
  return {{"users", header->userIds}, {"splits", splits}, {"epochs", frames}};
}

json projection(const GeometryInputs& in, const GeometryOptions& options, const TaskContext& progress) {
  const auto basis = geometry::fitPca(in.posteriors.mean, std::min<std::int64_t>(2, in.posteriors.mean.cols));
  json users = json::array();
  const RowMatrix mapped = geometry::project(basis, in.posteriors.mean);
  for (std::int64_t u = 0; u < mapped.rows; ++u) {
    users.push_back({{"user", in.userId(u)},
                     {"split", in.split(u)},
                     {"xy", std::vector<float>(mapped.row(u), mapped.row(u) + mapped.cols)}});
  }
  json result{{"method", "pca"},
              {"weights", "best.pt"},
              {"explained_variance", basis.explainedVariance},
              {"users", users},
              {"anchors", points(geometry::project(basis, in.model.itemAnchors()))},
              {"pseudo_inputs", points(geometry::project(basis, in.model.priorComponentMeans()))}};
  json frames = trainingFrames(options.runDir, in.data.split.itemIds.size());
  if (frames.is_null()) {
    result["note"] = "the run saved no latent frames while training, so only the best model is projected";
  } else {
    result["frames"] = std::move(frames);
  }
  if (in.focusGiven) {
    json clouds = json::array();
    json neighbours = json::array();
    for (const auto& study : in.studies) {
      for (const auto& cloud : study.clouds) {
        clouds.push_back({{"user", in.userId(study.position)},
                          {"rho", cloud.keepRate},
                          {"xy", points(geometry::project(basis, cloud.means))}});
      }
      // What the map suggests beside the true W2 neighbours: a projection distorts distances.
      const auto nearOnMap = geometry::mapNeighbours(mapped, study.position, options.neighbours);
      neighbours.push_back({{"user", in.userId(study.position)},
                            {"map", in.userIds(nearOnMap)},
                            {"latent", in.userIds(study.latentNeighbours)}});
    }
    result["masked_clouds"] = clouds;
    result["map_neighbours"] = neighbours;
  }
  if (options.tsne) {
    geometry::TsneOptions tsne;
    tsne.seed = options.seed;
    tsne.perplexity = std::min(tsne.perplexity, static_cast<double>(in.posteriors.mean.rows - 1) / 3.0);
    result["tsne"] = points(geometry::tsne(in.posteriors.mean, tsne, progress));
  }
  return result;
}

// The focus users' transfer: from their studies when named, in one batch otherwise.
std::vector<geometry::FocusTransfer> focusTransfers(const GeometryInputs& in, const TaskContext& progress) {
  if (!in.focusGiven)
    return geometry::gradientTransfer(in.model, in.sample.rows, in.posteriors, in.focus, {}, progress);
  std::vector<geometry::FocusTransfer> transfers;
  for (const auto& study : in.studies) transfers.push_back(*study.transfer);
  return transfers;
}

// The catalogue's models that declare gradient transfer, "a, b".
std::string modelsWithGradientTransfer() {
  std::string names;
  for (const ModelFamily& model : modelCatalog())
    if (model.capabilities.gradientTransfer) names += (names.empty() ? "" : ", ") + model.name;
  return names;
}

json transfer(const GeometryInputs& in, const GeometryOptions& options, const TaskContext& progress) {
  if (!in.model.supportsGradientTransfer())
    return {{"available", false},
            {"reason", "gradient transfer needs a model whose loss is a chain of affine maps (" +
                           modelsWithGradientTransfer() + ")"}};
  const geometry::Cohorts cohorts(options.cohortEdges);
  json users = json::array();
  std::vector<double> helpful, within;
  std::vector<std::uint32_t> counts;
  for (const auto& result : focusTransfers(in, progress)) {
    json user{{"user", in.userId(result.focusRow)},
              {"helpful_users", result.helpfulUsers},
              {"users_within_radius", result.usersWithinRadius},
              {"sharing_radius", result.sharing.radius ? json(*result.sharing.radius) : json()}};
    if (in.focusGiven) {
      user["distance"] = result.distance;
      user["transfer"] = result.transfer;
      user["curve"] = {{"distance", result.sharing.distance}, {"helpful_share", result.sharing.helpfulShare}};
    }
    users.push_back(user);
    helpful.push_back(static_cast<double>(result.helpfulUsers));
    within.push_back(static_cast<double>(result.usersWithinRadius));
    counts.push_back(static_cast<std::uint32_t>(in.sample.rows.rowSize(result.focusRow)));
  }
  json perCohort = json::array();
  const auto helpfulMeans = geometry::cohortMeans(helpful, counts, cohorts);
  const auto withinMeans = geometry::cohortMeans(within, counts, cohorts);
  for (std::size_t c = 0; c < helpfulMeans.size(); ++c) {
    perCohort.push_back({{"cohort", helpfulMeans[c].cohort},
                         {"users", helpfulMeans[c].users},
                         {"mean_helpful_users", helpfulMeans[c].mean},
                         {"mean_users_within_radius", withinMeans[c].mean}});
  }
  return {{"available", true},
          {"distance", "W2"},
          {"loss", "posterior mean, clean input, no dropout"},
          {"population", in.sample.size()},
          {"users", users},
          {"cohorts", perCohort}};
}

json drift(const GeometryInputs& in, const GeometryOptions& options, const TaskContext& progress) {
  geometry::DriftOptions driftOptions;
  driftOptions.masks = options.masks;
  driftOptions.neighbours = options.neighbours;
  driftOptions.seed = options.seed;
  const auto study = geometry::studyDrift(in.model, in.sample, in.focus, options.keepRates,
                                          geometry::Cohorts(options.cohortEdges), driftOptions, progress);
  json users = json::array();
  for (std::size_t f = 0; f < study.users.size(); ++f)
    users.push_back({{"user", in.userId(study.users[f])}, {"drift", study.drift[f]}});
  json curves = json::array();
  for (const auto& atRate : study.byRate) {
    json perCohort = json::array();
    for (const auto& cohort : atRate.cohorts)
      perCohort.push_back({{"cohort", cohort.cohort}, {"users", cohort.users}, {"mean_drift", cohort.mean}});
    curves.push_back({{"rho", atRate.keepRate}, {"mean_drift", atRate.meanDrift}, {"cohorts", perCohort}});
  }
  return {{"masks", options.masks},
          {"neighbours", options.neighbours},
          {"reference", "clean posterior means of the sampled users"},
          {"rho", options.keepRates},
          {"users", users},
          {"by_rho", curves}};
}

json pseudoInputs(const GeometryInputs& in, const GeometryOptions& options) {
  json components = json::array();
  for (const auto& top : in.model.priorComponentTopItems(options.topItems)) {
    std::vector<std::string> ids;
    for (const auto item : top) ids.push_back(in.data.split.itemIds[static_cast<std::size_t>(item)]);
    components.push_back(ids);
  }
  return {{"available", !components.empty()}, {"top_items", components}};
}

using CsvRow = std::function<void(const std::string& figure, const std::string& subject,
                                  const std::string& key, double x, double y)>;

// The saved training frames, one row per point and epoch.
void frameRows(const json& frames, const std::vector<std::string>& itemIds, const CsvRow& row) {
  for (const auto& frame : frames["epochs"]) {
    const auto key = fmt::format("epoch={}", frame["epoch"].get<std::int64_t>());
    const auto& users = frame["users"];
    for (std::size_t u = 0; u < users.size(); ++u)
      row("pca_frame_user", frames["users"][u], key, users[u][0], users[u][1]);
    const auto& anchors = frame["anchors"];
    for (std::size_t i = 0; i < anchors.size(); ++i)
      row("pca_frame_anchor", itemIds[i], key, anchors[i][0], anchors[i][1]);
    std::size_t k = 0;
    for (const auto& xy : frame["pseudo_inputs"])
      row("pca_frame_pseudo_input", std::to_string(k++), key, xy[0], xy[1]);
  }
}

// One tidy table: figure, subject, key, x, y; anchors are named by `itemIds`.
void writeCsv(std::ostream& out, const json& figures, const std::vector<std::string>& itemIds) {
  out << "figure,subject,key,x,y\n";
  const CsvRow row = [&](const std::string& figure, const std::string& subject, const std::string& key,
                         double x, double y) {
    out << figure << ',' << subject << ',' << key << ',' << fmt::format("{:.9g},{:.9g}", x, y) << '\n';
  };
  const auto& sample = figures["sample"];
  for (const auto& user : figures.value("focus", json::array())) {
    std::size_t rank = 0;
    for (const auto& item : user["recommendations"])
      row("focus_recommendations", user["user"], item, static_cast<double>(++rank), 0.0);
    rank = 0;
    for (const auto& neighbour : user["latent_neighbours"])
      row("focus_neighbours", user["user"], neighbour["user"], static_cast<double>(++rank), neighbour["w2"]);
  }
  if (figures.contains("projection")) {
    const auto& projection = figures["projection"];
    for (const auto& user : projection["users"])
      row("pca", user["user"], "user", user["xy"][0], user["xy"][1]);
    std::size_t k = 0;
    for (const auto& xy : projection["pseudo_inputs"])
      row("pca", std::to_string(k++), "pseudo_input", xy[0], xy[1]);
    for (const auto& cloud : projection.value("masked_clouds", json::array())) {
      for (const auto& xy : cloud["xy"])
        row("pca_masked", cloud["user"], fmt::format("rho={}", cloud["rho"].get<double>()), xy[0], xy[1]);
    }
    if (projection.contains("frames")) frameRows(projection["frames"], itemIds, row);
    const auto tsne = projection.value("tsne", json::array());
    for (std::size_t u = 0; u < tsne.size(); ++u) row("tsne", sample[u], "user", tsne[u][0], tsne[u][1]);
  }
  if (figures.contains("transfer") && figures["transfer"]["available"]) {
    for (const auto& user : figures["transfer"]["users"]) {
      row("transfer_summary", user["user"], "helpful_users", user["helpful_users"],
          user["users_within_radius"]);
      const auto transfer = user.value("transfer", json::array());
      for (std::size_t v = 0; v < transfer.size(); ++v)
        row("transfer", user["user"], sample[v], user["distance"][v], transfer[v]);
    }
  }
  if (figures.contains("drift")) {
    for (const auto& user : figures["drift"]["users"]) {
      for (std::size_t r = 0; r < user["drift"].size(); ++r)
        row("drift", user["user"], "rho", figures["drift"]["rho"][r], user["drift"][r]);
    }
  }
  if (figures.contains("pseudo")) {
    std::size_t component = 0;
    for (const auto& items : figures["pseudo"]["top_items"]) {
      for (std::size_t rank = 0; rank < items.size(); ++rank)
        row("pseudo_top_items", std::to_string(component), items[rank], static_cast<double>(rank + 1), 0.0);
      ++component;
    }
  }
}

void runGeometry(const GeometryOptions& options) {
  const TaskContext progress = progressBarContext();
  const GeometryInputs inputs = loadInputs(options, progress);
  json sample = json::array(), splits = json::array();
  for (std::int64_t u = 0; u < inputs.sample.size(); ++u) {
    sample.push_back(inputs.userId(u));
    splits.push_back(inputs.split(u));
  }
  // Per-user arrays (splits, transfer, distance, t-SNE points) follow the order of "sample".
  json figures{
      {"run", options.runDir}, {"model", inputs.model.modelName()}, {"sample", sample}, {"splits", splits}};
  if (inputs.focusGiven) figures["focus"] = focusUsers(inputs);
  if (wanted(options, "projection")) figures["projection"] = projection(inputs, options, progress);
  if (wanted(options, "transfer")) figures["transfer"] = transfer(inputs, options, progress);
  if (wanted(options, "drift")) figures["drift"] = drift(inputs, options, progress);
  if (wanted(options, "pseudo")) figures["pseudo"] = pseudoInputs(inputs, options);

  if (options.out.empty()) {
    std::cout << figures.dump() << '\n';
    return;
  }
  const bool csv = options.out.size() >= 4 && options.out.compare(options.out.size() - 4, 4, ".csv") == 0;
  writeFileAtomically(options.out, [&](std::ostream& out) {
    if (csv) {
      writeCsv(out, figures, inputs.data.split.itemIds);
    } else {
      out << figures.dump(1) << '\n';
    }
  });
}

}  // namespace

void declareGeometryCommand(CLI::App& app,
                            std::vector<std::pair<CLI::App*, std::function<void()>>>& actions) {
  auto options = std::make_shared<GeometryOptions>();
  CLI::App* command = app.add_subcommand("geometry", "latent-geometry figures of a saved run (JSON or CSV)");
  command->add_option("run", options->runDir, "run folder written by vaecf train")
      ->required()
      ->check(CLI::ExistingDirectory);
  command
      ->add_option("--users", options->users,
                   "focus users (ids of training, validation or test users), shown in full detail")
      ->delimiter(',');
  command->add_option("--rho", options->keepRates, "keep rates of the drift masks")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command
      ->add_option("--sample", options->sample,
                   "users of the split drawn (seeded) for the map, transfer and drift")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--out", options->out,
                      "output file, .json or .csv, written atomically (default: JSON on stdout)");
  command->add_option("--what", options->what, "figures to compute")
      ->delimiter(',')
      ->check(CLI::IsMember(kFigures))
      ->capture_default_str();
  command->add_option("--masks", options->masks, "masks per user and keep rate")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("-k,--neighbours", options->neighbours,
                   "neighbours per masked mean, and latent neighbours per focus user")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--recommendations", options->recommendations, "unseen items listed per focus user")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--top", options->topItems, "items listed per pseudo-input")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--seed", options->seed, "seed of the user sample and the masks")
      ->capture_default_str();
  command->add_option("--cohort-edges", options->cohortEdges, "lower edges of the user cohorts")
      ->delimiter(',')
      ->capture_default_str();
  command->add_flag("--tsne", options->tsne,
                    "add a t-SNE map of the sampled users (slow beyond a few thousand)");
  actions.emplace_back(command, [options] { runGeometry(*options); });
}

}  // namespace vaecf::cli
