#include "GeometryCommand.h"

#include <fmt/core.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <unordered_map>

#include "ProgressBar.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "data/DataSource.h"
#include "geometry/LatentFigures.h"
#include "geometry/LatentModel.h"
#include "geometry/Projection.h"
#include "train/RunFolder.h"

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
  std::int64_t topItems = 10;
  std::uint64_t seed = 1;
  std::vector<std::uint32_t> cohortEdges{5, 11, 51, 101};
  bool tsne = false;
};

// Training users the figures are drawn for: the focus users, and a seeded sample that stays
// the same across runs on the same data, so maps and curves can be compared.
struct UserSelection {
  std::vector<std::int64_t> sampleRows;  // rows of split.train, ascending
  CsrMatrix sample;                      // those rows
  std::vector<std::int64_t> focus;       // positions in the sample
  bool focusGiven = false;               // named with --users (full detail) or defaulted
};

CsrMatrix rowsOf(const CsrMatrix& matrix, const std::vector<std::int64_t>& rows) {
  CsrMatrix selected(matrix.cols());
  for (const auto row : rows) {
    const auto* columns = matrix.rowColumns(row);
    selected.appendRow({columns, columns + matrix.rowSize(row)});
  }
  return selected;
}

UserSelection selectUsers(const Split& split, const GeometryOptions& options) {
  std::unordered_map<std::string, std::int64_t> rowOfUser;
  for (std::size_t row = 0; row < split.trainUserIds.size(); ++row) rowOfUser[split.trainUserIds[row]] = row;
  std::vector<std::int64_t> focusRows;
  for (const auto& id : options.users) {
    const auto found = rowOfUser.find(id);
    if (found == rowOfUser.end()) throw Error("user '" + id + "' is not a training user of this run's split");
    focusRows.push_back(found->second);
  }

  std::vector<std::int64_t> order(split.train.rows());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(options.seed));
  order.resize(std::min(order.size(), options.sample));
  std::set<std::int64_t> chosen(order.begin(), order.end());
  chosen.insert(focusRows.begin(), focusRows.end());

  UserSelection selection;
  selection.sampleRows.assign(chosen.begin(), chosen.end());
  selection.sample = rowsOf(split.train, selection.sampleRows);
  selection.focusGiven = !focusRows.empty();
  auto positionOf = [&](std::int64_t row) {
    return std::lower_bound(selection.sampleRows.begin(), selection.sampleRows.end(), row) -
           selection.sampleRows.begin();
  };
  for (const auto row : focusRows) selection.focus.push_back(positionOf(row));
  for (std::size_t i = 0; !selection.focusGiven && i < std::min(kDefaultFocusUsers, order.size()); ++i) {
    selection.focus.push_back(positionOf(order[i]));
  }
  return selection;
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

// Everything the figures share: the run, its data, the sampled users and their posteriors.
struct GeometryInputs {
  geometry::LatentModel model;
  LoadedData data;
  UserSelection users;
  geometry::Posteriors posteriors;  // of the sampled users

  const std::string& userId(std::int64_t samplePosition) const {
    return data.split.trainUserIds[static_cast<std::size_t>(users.sampleRows[samplePosition])];
  }
  std::uint32_t interactions(std::int64_t samplePosition) const {
    return static_cast<std::uint32_t>(users.sample.rowSize(samplePosition));
  }
};

GeometryInputs loadInputs(const GeometryOptions& options, const TaskContext& progress) {
  const RunConfig config = readRunConfig(options.runDir);
  GeometryInputs inputs{
      geometry::LatentModel::fromRun(options.runDir), loadData(config.data, progress), {}, {}};
  if (inputs.data.split.itemIds != readRunItems(options.runDir))
    throw Error("the data of " + options.runDir + " no longer gives the items the run was trained on");
  inputs.users = selectUsers(inputs.data.split, options);
  inputs.posteriors = inputs.model.posteriors(inputs.users.sample, progress);
  return inputs;
}

json projection(const GeometryInputs& in, const GeometryOptions& options, const TaskContext& progress) {
  const auto basis = geometry::fitPca(in.posteriors.mean, std::min<std::int64_t>(2, in.posteriors.mean.cols));
  json users = json::array();
  const RowMatrix mapped = geometry::project(basis, in.posteriors.mean);
  for (std::int64_t u = 0; u < mapped.rows; ++u) {
    users.push_back(
        {{"user", in.userId(u)}, {"xy", std::vector<float>(mapped.row(u), mapped.row(u) + mapped.cols)}});
  }
  json result{{"method", "pca"},
              {"weights", "best.pt"},
              {"note", "per-epoch checkpoints are not kept, so only the best model is projected"},
              {"explained_variance", basis.explainedVariance},
              {"users", users},
              {"anchors", points(geometry::project(basis, in.model.itemAnchors()))},
              {"pseudo_inputs", points(geometry::project(basis, in.model.priorComponentMeans()))}};
  if (in.users.focusGiven) {
    json clouds = json::array();
    for (const auto f : in.users.focus) {
      for (const double rate : options.keepRates) {
        const auto cloud = in.model.maskedMeans(in.users.sample, f, rate, options.masks, options.seed);
        clouds.push_back(
            {{"user", in.userId(f)}, {"rho", rate}, {"xy", points(geometry::project(basis, cloud))}});
      }
    }
    result["masked_clouds"] = clouds;
  }
  if (options.tsne) {
    geometry::TsneOptions tsne;
    tsne.seed = options.seed;
    tsne.perplexity = std::min(tsne.perplexity, static_cast<double>(in.posteriors.mean.rows - 1) / 3.0);
    result["tsne"] = points(geometry::tsne(in.posteriors.mean, tsne, progress));
  }
  return result;
}

json transfer(const GeometryInputs& in, const GeometryOptions& options, const TaskContext& progress) {
  if (!in.model.supportsGradientTransfer())
    return {{"available", false},
            {"reason", "gradient transfer is implemented for multvae and multdae only"}};
  const auto results =
      geometry::gradientTransfer(in.model, in.users.sample, in.posteriors, in.users.focus, {}, progress);
  const geometry::Cohorts cohorts(options.cohortEdges);
  json users = json::array();
  std::vector<double> helpful, within;
  std::vector<std::uint32_t> counts;
  for (const auto& result : results) {
    json user{{"user", in.userId(result.focusRow)},
              {"helpful_users", result.helpfulUsers},
              {"users_within_radius", result.usersWithinRadius},
              {"sharing_radius", result.sharing.radius ? json(*result.sharing.radius) : json()}};
    if (in.users.focusGiven) {
      user["distance"] = result.distance;
      user["transfer"] = result.transfer;
      user["curve"] = {{"distance", result.sharing.distance}, {"helpful_share", result.sharing.helpfulShare}};
    }
    users.push_back(user);
    helpful.push_back(static_cast<double>(result.helpfulUsers));
    within.push_back(static_cast<double>(result.usersWithinRadius));
    counts.push_back(in.interactions(result.focusRow));
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
          {"population", in.users.sample.rows()},
          {"users", users},
          {"cohorts", perCohort}};
}

json drift(const GeometryInputs& in, const GeometryOptions& options, const TaskContext& progress) {
  geometry::DriftOptions driftOptions;
  driftOptions.masks = options.masks;
  driftOptions.neighbours = options.neighbours;
  driftOptions.seed = options.seed;
  const auto reference = in.model.posteriors(in.data.split.train, progress);
  const auto focus = rowsOf(in.users.sample, in.users.focus);
  const auto results = geometry::neighbourhoodDrift(in.model, focus, reference.mean, options.keepRates,
                                                    driftOptions, progress);
  const geometry::Cohorts cohorts(options.cohortEdges);
  json users = json::array();
  std::vector<std::uint32_t> counts;
  for (std::size_t f = 0; f < results.size(); ++f) {
    std::vector<double> perRate;
    for (const auto& atRate : results[f]) perRate.push_back(atRate.drift);
    users.push_back({{"user", in.userId(in.users.focus[f])}, {"drift", perRate}});
    counts.push_back(in.interactions(in.users.focus[f]));
  }
  json curves = json::array();
  for (std::size_t r = 0; r < options.keepRates.size(); ++r) {
    std::vector<double> atRate;
    for (const auto& user : results) atRate.push_back(user[r].drift);
    json perCohort = json::array();
    for (const auto& cohort : geometry::cohortMeans(atRate, counts, cohorts))
      perCohort.push_back({{"cohort", cohort.cohort}, {"users", cohort.users}, {"mean_drift", cohort.mean}});
    const double mean =
        atRate.empty() ? 0.0 : std::accumulate(atRate.begin(), atRate.end(), 0.0) / atRate.size();
    curves.push_back({{"rho", options.keepRates[r]}, {"mean_drift", mean}, {"cohorts", perCohort}});
  }
  return {{"masks", options.masks},
          {"neighbours", options.neighbours},
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

// One tidy table: figure, subject, key, x, y.
void writeCsv(std::ostream& out, const json& figures) {
  out << "figure,subject,key,x,y\n";
  auto row = [&](const std::string& figure, const std::string& subject, const std::string& key, double x,
                 double y) {
    out << figure << ',' << subject << ',' << key << ',' << fmt::format("{:.9g},{:.9g}", x, y) << '\n';
  };
  const auto& sample = figures["sample"];
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
  std::vector<std::string> sample;
  for (std::int64_t u = 0; u < inputs.users.sample.rows(); ++u) sample.push_back(inputs.userId(u));
  // Per-user arrays (transfer, distance, t-SNE points) follow the order of "sample".
  json figures{{"run", options.runDir}, {"model", inputs.model.modelName()}, {"sample", sample}};
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
      writeCsv(out, figures);
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
  command->add_option("--users", options->users, "focus users (training user ids), shown in full detail")
      ->delimiter(',');
  command->add_option("--rho", options->keepRates, "keep rates of the drift masks")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--sample", options->sample, "training users drawn (seeded) for the map and transfer")
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
  command->add_option("-k,--neighbours", options->neighbours, "neighbours per masked mean")
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
