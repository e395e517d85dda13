#include "Commands.h"

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "CompareCommand.h"
#include "GeometryCommand.h"
#include "LessonCommands.h"
#include "PluginCommands.h"
#include "SweepCommand.h"
#include "ProgressBar.h"
#include "common/Compute.h"
#include "common/Error.h"
#include "data/BundledData.h"
#include "data/CanonicalSplit.h"
#include "experiment/Experiment.h"
#include "experiment/Recommendations.h"
#include "plugin/DatasetFormat.h"
#include "train/RunFolder.h"
#include "train/Training.h"
#include "train/TrainingParams.h"

namespace fs = std::filesystem;

namespace vaecf::cli {

namespace {

// On stderr, so `--json` output stays one document.
void printValueNotes(const DataSource& source, const DatasetStats& stats) {
  for (const std::string& note : stats.notes) fmt::print(stderr, "vaecf: {}: {}\n", source.describe(), note);
}

// `--model NAME` as given on the command line, so `train --model X --help` can list X's
// options before CLI11 has parsed anything.
std::string modelNamedIn(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--model") return argv[i + 1];
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).rfind("--model=", 0) == 0) return std::string(argv[i]).substr(8);
  return {};
}

// One entry per parameter: name, type, default, range or choices, and its help.
std::string describeSpecs(const std::vector<ParamSpec>& specs) {
  std::string text;
  for (const ParamSpec& spec : specs) {
    std::string range;
    if (spec.min || spec.max)
      range = fmt::format(" [{} .. {}]", spec.min ? fmt::format("{:g}", *spec.min) : "",
                          spec.max ? fmt::format("{:g}", *spec.max) : "");
    if (!spec.choices.empty()) {
      range = " {";
      for (std::size_t i = 0; i < spec.choices.size(); ++i) range += (i ? "|" : "") + spec.choices[i];
      range += "}";
    }
    text += fmt::format("  {:<16} {:<6} default {:<10}{}{}\n      {}\n", spec.name, typeName(spec.type),
                        spec.defaultValue.empty() ? "(none)" : spec.defaultValue, range, spec.live ? " (live)" : "",
                        spec.help);
  }
  return text;
}

std::string describeParams(const ModelFamily& model) {
  return fmt::format("\nOptions of model '{}' ({}), set with --set name=value:\n", model.name, model.summary) +
         describeSpecs(runParamSpecs(model));
}

// `vaecf data formats`.
std::string describeFormats() {
  std::string text = "Dataset formats (--format NAME, detected from the dataset when not given); their options are set "
                     "with --data-option name=value:\n";
  for (const DatasetFormat& format : formatCatalog()) {
    text += fmt::format("\n{} ({}{}){}\n", format.name, format.summary, format.readsPath ? "" : "; reads no path",
                        format.options.empty() ? ", no options" : ":");
    text += describeSpecs(format.options);
  }
  return text;
}

std::string modelListFooter() {
  std::string text = "\nModels (vaecf train --model NAME --help lists a model's options):\n";
  for (const ModelFamily& model : modelCatalog()) text += fmt::format("  {:<8} {}\n", model.name, model.summary);
  return text;
}

EvaluationOptions evaluationOptions(const std::string& edges, const std::string& axis) {
  EvaluationOptions options;
  options.cohortEdges.clear();
  std::stringstream list(edges);
  for (std::string edge; std::getline(list, edge, ',');) {
    try {
      options.cohortEdges.push_back(static_cast<std::uint32_t>(std::stoul(edge)));
    } catch (const std::exception&) {
      throw Error("--cohort-edges takes increasing numbers like 5,11,51,101; got '" + edges + "'");
    }
    if (options.cohortEdges.size() > 1 && options.cohortEdges.back() <= options.cohortEdges[options.cohortEdges.size() - 2])
      throw Error("--cohort-edges must increase; got '" + edges + "'");
  }
  options.cohortAxis = axis == "foldin" ? CohortAxis::FoldInInteractions : CohortAxis::TotalInteractions;
  return options;
}

void printReport(const std::string& title, const EvaluationReport& report) {
  fmt::print("{} ({} users, {} without heldout items):\n", title, report.users, report.usersWithoutHeldout);
  for (const auto& [name, summary] : report.metrics)
    fmt::print("  {:<12} {:.4f} ± {:.4f}\n", name, summary.mean, summary.standardError);
  fmt::print("  {:<8} {:>6}", "cohort", "users");
  for (const auto& entry : report.metrics) fmt::print(" {:>11}", entry.first);
  fmt::print("\n");
  for (const CohortResult& cohort : report.cohorts) {
    fmt::print("  {:<8} {:>6}", cohort.label, cohort.users);
    for (const auto& entry : report.metrics) {
      const auto found = cohort.metrics.find(entry.first);
      if (found == cohort.metrics.end()) fmt::print(" {:>11}", "-");
      else fmt::print(" {:>11.4f}", found->second.mean);
    }
    fmt::print("\n");
  }
}

std::string machineDescription() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string cpu = "unknown CPU";
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  return fmt::format("{}, {} hardware threads", cpu, std::thread::hardware_concurrency());
}

std::string titleOf(const LoadedData& data, const std::string& itemId) {
  if (!data.log) return "";
  const auto found = data.log->catalog.find(itemId);
  return found == data.log->catalog.end() ? "" : found->second.title;
}

std::vector<std::string> readUserList(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file, 0, "cannot open");
  std::vector<std::string> users;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) users.push_back(line);
  }
  if (users.empty()) throw InputError(file, 0, "empty file: no user ids");
  return users;
}

double timeIt(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Commands::Commands(CLI::App& app, int argc, char** argv) : argc_(argc), argv_(argv) {
  app.add_option("--threads", threads_, "compute threads (0: one per hardware thread)")->capture_default_str();
  declareDataStats(app);
  declareSplit(app);
  declareTrain(app, modelNamedIn(argc, argv));
  declareResume(app);
  declareEval(app);
  declareRecommend(app);
  declareBench(app);
  declareGeometryCommand(app, actions_);
  declareCompareCommand(app, actions_);
  declarePluginCommands(app, actions_);
  declareSweepCommand(app, actions_, data_);
  declareLessonCommands(app, actions_);
}

void Commands::run() {
  setComputeThreads(threads_);
  for (const auto& [command, action] : actions_)
    if (command->parsed()) action();
}

void Commands::declareDataStats(CLI::App& app) {
  CLI::App* data = app.add_subcommand("data", "inspect a dataset");
  data->require_subcommand(1);
  CLI::App* stats = data->add_subcommand("stats", "counts before and after binarising and filtering");
  data_.addTo(*stats, false);
  stats->add_flag("--json", json_, "print one JSON object");
  actions_.emplace_back(stats, [this] { dataStats(); });
  CLI::App* formats = data->add_subcommand("formats", "every dataset format and its options");
  actions_.emplace_back(formats, [] { fmt::print("{}", describeFormats()); });
}

void Commands::declareSplit(CLI::App& app) {
  CLI::App* split = app.add_subcommand("split", "write the canonical split folder (unique_sid.txt, train.csv, ...)");
  data_.addTo(*split, false);
  split->add_option("--out", outDir_, "folder to write (replaced only once complete)")->required();
  split->add_flag("--json", json_, "print one JSON object with the split's sizes");
  actions_.emplace_back(split, [this] { this->split(); });
}

void Commands::declareTrain(CLI::App& app, const std::string& modelForHelp) {
  CLI::App* train = app.add_subcommand("train", "train a model, select it on validation and evaluate it on test");
  CLI::Option* model = train->add_option("--model", model_, "model to train")->check([](const std::string& name) {
    try {
      findModel(name);
      return std::string();
    } catch (const Error& error) {
      return std::string(error.what());
    }
  });
  train
      ->add_option("--like", likeDir_,
                   "train a new run with the model, parameters, data and evaluation recorded in this folder's "
                   "config.json (a run folder, say); --set changes parameters, data options are not read")
      ->check(CLI::ExistingDirectory)
      ->excludes(model);
  train->add_option("--set", assignments_, "a model option as name=value (repeatable)");
  train->add_option("--out", outDir_, "run folder (default MODEL-TIMESTAMP in the runs folder: runs/ here, the XDG data folder when installed)");
  train->add_option("--cohort-edges", cohortEdges_, "lower edges of the user cohorts")->capture_default_str();
  train->add_option("--cohort-by", cohortAxis_, "count deciding a user's cohort: all interactions or fold-in only")
      ->check(CLI::IsMember({"total", "foldin"}))
      ->capture_default_str();
  train->add_flag("--json", json_, "print the result as one JSON object on the last line");
  data_.addTo(*train);
  ranks_.addTo(*train);
  bool known = false;
  for (const ModelFamily& family : modelCatalog()) known = known || family.name == modelForHelp;
  train->footer(known ? describeParams(findModel(modelForHelp)) : modelListFooter());
  actions_.emplace_back(train, [this] { this->train(); });
}

void Commands::declareResume(CLI::App& app) {
  CLI::App* resume = app.add_subcommand("resume", "continue an iterative model's run from its last checkpoint");
  resume->add_option("--run", runDir_, "run folder written by vaecf train (with --rank R > 0: any folder holding the run's config.json)")
      ->required()
      ->check(CLI::ExistingDirectory);
  resume->add_flag("--json", json_, "print the result as one JSON object on the last line");
  ranks_.addTo(*resume);
  actions_.emplace_back(resume, [this] { this->resume(); });
}

void Commands::declareEval(CLI::App& app) {
  CLI::App* eval = app.add_subcommand("eval", "evaluate a saved run on its data's validation and test users");
  eval->add_option("--run", runDir_, "run folder written by vaecf train")->required()->check(CLI::ExistingDirectory);
  eval->add_option("--cohort-edges", cohortEdges_, "lower edges of the user cohorts")->capture_default_str();
  eval->add_option("--cohort-by", cohortAxis_, "count deciding a user's cohort")
      ->check(CLI::IsMember({"total", "foldin"}))
      ->capture_default_str();
  eval->add_flag("--json", json_, "print one JSON object");
  actions_.emplace_back(eval, [this] { this->eval(); });
}

void Commands::declareRecommend(CLI::App& app) {
  CLI::App* recommend = app.add_subcommand("recommend", "top-N items for users, with titles when known");
  recommend->add_option("--run", runDir_, "run folder written by vaecf train")->required()->check(CLI::ExistingDirectory);
  auto* user = recommend->add_option("--user", userId_, "a user id of the dataset");
  auto* users = recommend->add_option("--users", usersFile_, "a file with one user id per line")->check(CLI::ExistingFile);
  user->excludes(users);
  recommend->add_option("-n,--count", count_, "recommendations per user")->capture_default_str()->check(CLI::PositiveNumber);
  recommend->add_flag("--json", json_, "print one JSON object");
  actions_.emplace_back(recommend, [this] { this->recommend(); });
}

void Commands::declareBench(CLI::App& app) {
  CLI::App* bench =
      app.add_subcommand("bench", "time import, split, and each model's fit or training epoch");
  data_.addTo(*bench, false);
  for (const ModelFamily& model : modelCatalog())
    if (!model.needs.rawLog) benchModels_.push_back(model.name);
  bench->add_option("--models", benchModels_,
                    "models timed: a closed-form model's fit (and test evaluation), an iterative model's epoch")
      ->delimiter(',')
      ->capture_default_str();
  bench->add_option("--set", assignments_,
                    "an option as name=value (repeatable) for every timed model that has it: device, batch_size, ...");
  bench->add_option("--precisions", benchPrecisions_, "time every iterative model in each of these precisions")
      ->delimiter(',')
      ->check(CLI::IsMember({"fp32", "tf32", "bf16"}));
  bench->add_option("--epochs", benchEpochs_, "epochs timed per model after a warm-up epoch; the mean is reported")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bench->add_flag("--json", json_, "print one JSON object");
  addScaleBenchOptions(*bench, scaleBench_);
  actions_.emplace_back(bench, [this] { this->bench(); });
}

void Commands::dataStats() {
  const DataSource source = data_.dataSource();
  const InteractionLog log = importDataset(*source.raw, progressBarContext());
  const DatasetStats stats = datasetStats(log, effectiveProtocol(source, log));
  printValueNotes(source, stats);
  if (json_) {
    fmt::print("{}\n", toJson(stats).dump());
    return;
  }
  fmt::print("{}\n  raw:       {} users, {} items, {} interactions{}{}\n", source.describe(), stats.users, stats.items,
             stats.interactions, stats.explicitValues ? ", explicit values" : ", implicit",
             stats.hasTimestamps ? ", timestamps" : "");
  fmt::print("  positives: {} users, {} items, {} interactions ({})\n", stats.positiveUsers, stats.positiveItems,
             stats.positives, stats.threshold ? fmt::format("value >= {:g}", *stats.threshold) : "every interaction");
}

void Commands::split() {
  const DataSource source = data_.dataSource();
  const LoadedData data = loadData(source, progressBarContext());
  printValueNotes(source, data.stats);
  writeCanonicalSplit(data.split, outDir_);
  const Split& s = data.split;
  if (json_) {
    fmt::print("{}\n", nlohmann::json{{"items", s.items()},
                                      {"train_users", s.train.rows()},
                                      {"validation_users", s.validationFoldIn.rows()},
                                      {"test_users", s.testFoldIn.rows()},
                                      {"out", outDir_}}
                           .dump());
    return;
  }
  fmt::print("wrote {}: {} items, {} training, {} validation and {} test users\n", outDir_, s.items(), s.train.rows(),
             s.validationFoldIn.rows(), s.testFoldIn.rows());
}

std::shared_ptr<RankGroup> Commands::joinRanks(const std::unique_ptr<LocalRanks>& local) {
  if (ranks_.workers() <= 1) return joinRemoteRanks(ranks_);
  return local->join();
}

// The run trains with --threads (each local rank with its share of them) unless --set
// threads= chose otherwise, and records them: the declared default, 0, would take every core.
void Commands::useComputeThreads(ParamSet& params) const {
  const bool chosen = std::any_of(assignments_.begin(), assignments_.end(),
                                  [](const std::string& assignment) { return assignment.rfind("threads=", 0) == 0; });
  if (params.declares("threads") && !chosen) params.set("threads", std::to_string(computeThreads()));
}

void Commands::train() {
  const std::optional<RunConfig> like = likeDir_.empty() ? std::nullopt : std::optional(readRunConfig(likeDir_));
  if (like) model_ = like->model;
  if (model_.empty()) throw Error("give --model NAME, or --like FOLDER");
  ParamSet params = like ? runParams(*like, findModel(model_)) : defaultParams(model_);
  for (const std::string& assignment : assignments_) params.assign(assignment);
  const EvaluationOptions evaluation = like ? like->evaluation : evaluationOptions(cohortEdges_, cohortAxis_);
  const DataSource source = like ? like->data : data_.dataSource();
  if (!ranks_.alone()) requireDataParallel(findModel(model_));
  // Local ranks start first, so that they load the data while this process does.
  setComputeThreads(ranks_.threadsPerRank(computeThreads()));
  const std::unique_ptr<LocalRanks> localRanks = ranks_.startLocalRanks(argc_, argv_, computeThreads());
  useComputeThreads(params);
  if (ranks_.follows()) {
    followRun(RunConfig{model_, params.values(), source, evaluation}, loadData(source), joinRanks(localRanks));
    return;
  }
  const TaskContext progress = progressBarContext();
  const LoadedData data = loadData(source, progress);
  printValueNotes(source, data.stats);
  const fs::path runDir = outDir_.empty() ? freshRunFolder(defaultRunsFolder(), model_) : fs::path(outDir_);
  const ExperimentResult result =
      runExperiment(model_, params, source, data, evaluation, runDir, progress, joinRanks(localRanks));
  if (json_) {
    fmt::print("{}\n", toJson(result).dump());
    return;
  }
  fmt::print("{} on {} ({} items), {:.2f} s; run saved in {}\n", model_, source.describe(), data.split.items(),
             result.seconds, runDir.string());
  printReport("validation", result.validation);
  printReport("test", result.test);
}

void Commands::resume() {
  setComputeThreads(ranks_.threadsPerRank(computeThreads()));
  const std::unique_ptr<LocalRanks> localRanks = ranks_.startLocalRanks(argc_, argv_, computeThreads());
  if (ranks_.follows()) {
    const RunConfig config = readRunConfig(runDir_);
    followRun(config, loadData(config.data), joinRanks(localRanks));
    return;
  }
  const ExperimentResult result = resumeExperiment(runDir_, progressBarContext(), joinRanks(localRanks));
  if (json_) {
    fmt::print("{}\n", toJson(result).dump());
    return;
  }
  fmt::print("{} resumed and finished in {}\n", result.model, runDir_);
  printReport("validation", result.validation);
  printReport("test", result.test);
}

void Commands::eval() {
  const RunEvaluation run =
      evaluateSavedRun(runDir_, evaluationOptions(cohortEdges_, cohortAxis_), progressBarContext());
  if (json_) {
    fmt::print("{}\n",
               nlohmann::json{{"model", run.model}, {"validation", toJson(run.validation)}, {"test", toJson(run.test)}}
                   .dump());
    return;
  }
  printReport("validation", run.validation);
  printReport("test", run.test);
}

void Commands::recommend() {
  if (userId_.empty() && usersFile_.empty()) throw Error("give --user ID or --users FILE");
  LoadedData data = loadData(readRunConfig(runDir_).data, progressBarContext());
  const std::vector<std::string> users = usersFile_.empty() ? std::vector<std::string>{userId_} : readUserList(usersFile_);
  const RunRecommendations run = recommendFromRun(runDir_, std::make_shared<const Split>(std::move(data.split)),
                                                  data.log ? &*data.log : nullptr, users, count_);
  // A rating model recommends the unrated items it predicts the highest ratings for.
  const char* known = run.task == ModelTask::RatingPrediction ? "ratings" : "positives";

  nlohmann::json all = nlohmann::json::array();
  for (const UserRecommendations& user : run.users) {
    nlohmann::json list = nlohmann::json::array();
    if (!json_)
      fmt::print("user {} ({} {}, {} known items):\n", user.userId, user.input.size(), known, user.knownItems);
    for (std::size_t rank = 0; rank < user.items.size(); ++rank) {
      const RecommendedItem& item = user.items[rank];
      const std::string title = titleOf(data, item.itemId);
      list.push_back({{"rank", rank + 1}, {"item", item.itemId}, {"title", title}, {"score", item.score}});
      if (!json_) fmt::print("  {:>3}. {:>8}  {:>9.4f}  {}\n", rank + 1, item.itemId, item.score, title);
    }
    all.push_back({{"user", user.userId}, {known, user.input.size()}, {"known_items", user.knownItems},
                   {"recommendations", list}});
  }
  if (json_) fmt::print("{}\n", nlohmann::json{{"model", run.model}, {"users", all}}.dump());
}

void Commands::bench() {
  if (scaleBench_.enabled) return runScaleBench(scaleBench_, assignments_, machineDescription(), json_);
  const DataSource source = data_.dataSource();
  InteractionLog log;
  Split split;
  const double importSeconds = timeIt([&] { log = importDataset(*source.raw); });
  const ProtocolOptions protocol = effectiveProtocol(source, log);
  const double splitSeconds = timeIt([&] { split = strongGeneralizationSplit(log, binarize(log, protocol), protocol); });
  nlohmann::json result = {{"dataset", source.describe()},
                           {"machine", machineDescription()},
                           {"threads", computeThreads()},
                           {"interactions", log.interactions.size()},
                           {"users", split.train.rows()},
                           {"items", split.items()},
                           {"train_positives", split.train.nonZeros()},
                           {"import_seconds", importSeconds},
                           {"split_seconds", splitSeconds}};
  for (const std::string& assignment : assignments_) {
    const std::string name = assignment.substr(0, assignment.find('='));
    const bool declared = std::any_of(benchModels_.begin(), benchModels_.end(), [&](const std::string& model) {
      return ParamSet(runParamSpecs(findModel(model))).declares(name);
    });
    if (!declared) throw Error("--set " + assignment + ": no timed model has an option '" + name + "'");
  }
  result["fit"] = benchClosedFormFits(split);
  result["training_epoch"] = benchTrainingEpochs(split, protocol, log);
  if (json_) {
    fmt::print("{}\n", result.dump());
    return;
  }
  printBench(result);
}

// A timed model's defaults (a trained one on every core) with the --set options it declares.
ParamSet Commands::benchParams(const ModelFamily& model) const {
  ParamSet params(runParamSpecs(model));
  if (model.iterative()) params.set("threads", std::to_string(computeThreads()));
  for (const std::string& assignment : assignments_)
    if (params.declares(assignment.substr(0, assignment.find('=')))) params.assign(assignment);
  return params;
}

// Each closed-form model's fit with its defaults (the model saved as a run keeps it, into a
// folder removed afterwards), and one evaluation of the test users with it.
nlohmann::json Commands::benchClosedFormFits(const Split& split) const {
  nlohmann::json fits = nlohmann::json::object();
  for (const std::string& name : benchModels_) {
    const ModelFamily& model = findModel(name);
    if (model.iterative()) continue;
    const ParamSet params = benchParams(model);
    const fs::path folder = fs::temp_directory_path() / ("vaecf-bench-" + name + "-" + std::to_string(::getpid()));
    fs::create_directories(folder);
    ClosedFormFit fitted;
    const double fitSeconds = timeIt([&] { fitted = model.fit(params, split, {}, folder, {}); });
    fs::remove_all(folder);
    fits[name] = {{"params", paramsJson(params.values())},
                  {"fit_seconds", fitSeconds},
                  {"evaluate_test_seconds",
                   timeIt([&] { evaluate(*fitted.model, split.testFoldIn, split.testHeldout); })}};
  }
  return fits;
}

// Each model's epoch, timed on the split it trains on (SVAE: time-ordered rows; DeepRec:
// ratings) in each asked precision, and set against what the device's measured matrix
// rate allows (docs/gpu.md).
nlohmann::json Commands::benchTrainingEpochs(const Split& split, const ProtocolOptions& protocol,
                                             const InteractionLog& log) const {
  nlohmann::json epochs = nlohmann::json::object();
  const auto sharedSplit = std::make_shared<const Split>(split);
  std::map<std::pair<std::string, std::string>, double> rates;  // by device and precision
  for (const std::string& name : benchModels_) {
    const ModelFamily& model = findModel(name);
    if (!model.iterative()) continue;
    ParamSet params = benchParams(model);
    const auto trained = trainingSplit(model, params, protocol, sharedSplit, &log);
    const std::vector<std::string> precisions =
        benchPrecisions_.empty() ? std::vector<std::string>{params.text("precision")} : benchPrecisions_;
    for (const std::string& precision : precisions) {
      params.set("precision", precision);
      const std::string device = resolveDevice(params.text("device"));
      auto rate = rates.find({device, precision});
      if (rate == rates.end()) rate = rates.emplace(std::make_pair(device, precision), matrixProductRate(device, precision)).first;
      const EpochTiming timing = timeTrainingEpoch(model, params, trained->train, benchEpochs_);
      const std::string key = precisions.size() > 1 ? name + "/" + precision : name;
      epochs[key] = {{"device", device},
                     {"precision", precision},
                     {"batch_size", params.integer("batch_size")},
                     {"seconds_per_epoch", timing.seconds},
                     {"updates", timing.updates},
                     {"users_per_second", static_cast<double>(timing.users) / timing.seconds},
                     {"dense_tflop", timing.denseFlops * 1e-12},
                     {"matrix_product_tflops", rate->second * 1e-12},
                     {"ratio_to_flop_bound", timing.seconds * rate->second / timing.denseFlops}};
    }
  }
  return epochs;
}

void Commands::printBench(const nlohmann::json& result) const {
  fmt::print("{} on {} ({} threads)\n", result["dataset"].get<std::string>(), result["machine"].get<std::string>(),
             result["threads"].get<int>());
  fmt::print("  import   {:8.3f} s  ({} interactions)\n", result["import_seconds"].get<double>(),
             result["interactions"].get<std::size_t>());
  fmt::print("  split    {:8.3f} s  ({} training users x {} items)\n", result["split_seconds"].get<double>(),
             result["users"].get<std::int64_t>(), result["items"].get<std::int64_t>());
  for (const auto& [model, timing] : result["fit"].items())
    fmt::print("  {:<8} {:8.3f} s fit with its defaults, {:.3f} s to evaluate the test users\n", model,
               timing["fit_seconds"].get<double>(), timing["evaluate_test_seconds"].get<double>());
  for (const auto& [model, timing] : result["training_epoch"].items())
    fmt::print("  {:<8} {:8.3f} s per training epoch ({:.0f} users/s, {} {}, {:.1f}x the dense-FLOP bound)\n", model,
               timing["seconds_per_epoch"].get<double>(), timing["users_per_second"].get<double>(),
               timing["device"].get<std::string>(), timing["precision"].get<std::string>(),
               timing["ratio_to_flop_bound"].get<double>());
}

}  // namespace vaecf::cli
