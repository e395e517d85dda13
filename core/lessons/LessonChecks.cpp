#include "lessons/LessonChecks.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/ChildProcess.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "data/TextReading.h"
#include "experiment/Experiment.h"
#include "geometry/GeometryMeasures.h"
#include "geometry/GeometryStudy.h"
#include "geometry/LatentFigures.h"
#include "geometry/LatentModel.h"
#include "geometry/LatentSample.h"

namespace fs = std::filesystem;

namespace vaecf::lessons {

namespace {

// Latent figures read this many sampled users (the same users for every run on a split).
constexpr std::size_t kLatentSample = 1000;
constexpr std::uint64_t kLatentSeed = 1;
constexpr std::size_t kDriftUsers = 200;
constexpr double kActiveUnitVariance = 0.01;  // Burda et al.'s threshold on Cov_x(E[z|x])
constexpr std::int64_t kDecodedItems = 20;
constexpr double kDistanceShare = 0.1;  // the nearest and farthest tenth of the users

// ---- Measuring ------------------------------------------------------------------------

// One run's latent space as the figures read it.
struct LatentFacts {
  std::optional<geometry::LatentModel> model;
  geometry::LatentSample sample;
  geometry::Posteriors posteriors;
};

class FigureReader {
 public:
  FigureReader(const RunFolders& runs, const TaskContext& context) : runs_(runs), context_(context) {}

  // Runs on the same data source share one load: the lesson's training and its figures.
  // Keyed by the source as a run records it, its format and options settled.
  const LoadedData& data(DataSource source) {
    if (source.raw) resolveImport(*source.raw);
    auto& loaded = data_[toJson(source).dump()];
    if (!loaded) loaded = std::make_unique<LoadedData>(loadData(source, context_));
    return *loaded;
  }

  double value(const FigureCall& call) {
    const fs::path& folder = runFolder(call.arguments[0]);
    const std::string& name = call.name;
    if (name == "test" || name == "validation" || name == "stderr") {
      const ExperimentResult& result = metrics(folder);
      return metric(name == "validation" ? result.validation : result.test, call.arguments[1], name == "stderr");
    }
    if (name == "cohort") return cohortMetric(metrics(folder).test, call.arguments[1], call.arguments[2]);
    if (name == "detail") return detail(metrics(folder).details, call.arguments[1]);
    if (name == "best_epoch") {
      const auto epoch = metrics(folder).bestEpoch;
      if (!epoch) throw Error("the run selects no epoch (a closed-form model)");
      return *epoch;
    }
    if (name == "seconds") return metrics(folder).seconds;
    if (name == "active_units") return activeUnits(latent(folder).posteriors);
    if (name == "kl") return meanKl(latent(folder).posteriors);
    if (name == "drift") return drift(latent(folder), std::stod(call.arguments[1]), {});
    if (name == "drift_cohort") return drift(latent(folder), std::stod(call.arguments[1]), call.arguments[2]);
    if (name == "transfer" || name == "helpful_share")
      return transfer(latent(folder), call.arguments[1] == "near", call.arguments[2] == "heavy", name == "helpful_share");
    return pseudoInputOverlap(latent(folder));
  }

 private:
  const fs::path& runFolder(const std::string& id) const {
    const auto found = runs_.find(id);
    if (found == runs_.end()) throw Error("run '" + id + "' has not been trained yet");
    return found->second;
  }

  const ExperimentResult& metrics(const fs::path& folder) {
    auto& cached = metrics_[folder];
    if (!cached) cached = readRunMetrics(folder);
    return *cached;
  }

  static double metric(const EvaluationReport& report, const std::string& name, bool standardError) {
    const auto found = report.metrics.find(name);
    if (found == report.metrics.end()) {
      std::string known;
      for (const auto& entry : report.metrics) known += (known.empty() ? "" : ", ") + entry.first;
      throw Error("the run has no metric '" + name + "' (it has " + known + ")");
    }
    return standardError ? found->second.standardError : found->second.mean;
  }

  static double cohortMetric(const EvaluationReport& report, const std::string& name, const std::string& label) {
    std::vector<const CohortResult*> filled;
    for (const CohortResult& cohort : report.cohorts)
      if (cohort.users > 0) filled.push_back(&cohort);
    if (filled.empty()) throw Error("the run has no cohort with users");
    const CohortResult* chosen = label == "lightest" ? filled.front() : label == "heaviest" ? filled.back() : nullptr;
    for (const CohortResult* cohort : filled)
      if (cohort->label == label) chosen = cohort;
    if (chosen == nullptr) throw Error("the run has no cohort '" + label + "' with users");
    const auto found = chosen->metrics.find(name);
    if (found == chosen->metrics.end()) throw Error("cohort " + chosen->label + " has no metric '" + name + "'");
    return found->second.mean;
  }

  static double detail(const nlohmann::json& details, const std::string& path) {
    const nlohmann::json* node = &details;
    std::vector<std::string_view> keys;
    reading::splitOn(path, ".", keys);
    for (std::string_view key : keys) {
      if (!node->is_object() || !node->contains(std::string(key)))
        throw Error("the run's details have no '" + path + "'");
      node = &(*node)[std::string(key)];
    }
    if (!node->is_number()) throw Error("the run's detail '" + path + "' is not a number");
    return node->get<double>();
  }

  const LatentFacts& latent(const fs::path& folder) {
    auto& cached = latent_[folder];
    if (cached) return *cached;
    const RunConfig config = readRunConfig(folder);
    const auto split = runTrainingSplit(config, data(config.data));
    auto facts = std::make_unique<LatentFacts>();
    facts->model.emplace(geometry::LatentModel::fromRun(folder));
    facts->sample = geometry::drawLatentSample(*split, kLatentSample, kLatentSeed);
    facts->posteriors = facts->model->posteriors(facts->sample.rows, context_);
    cached = std::move(facts);
    return *cached;
  }

  static double activeUnits(const geometry::Posteriors& posteriors) {
    const geometry::RowMatrix& mean = posteriors.mean;
    int active = 0;
    for (std::int64_t d = 0; d < mean.cols; ++d) {
      double sum = 0.0, squares = 0.0;
      for (std::int64_t u = 0; u < mean.rows; ++u) {
        sum += mean.at(u, d);
        squares += double(mean.at(u, d)) * mean.at(u, d);
      }
      const double average = sum / mean.rows;
      if (squares / mean.rows - average * average > kActiveUnitVariance) ++active;
    }
    return active;
  }

  static double meanKl(const geometry::Posteriors& posteriors) {
    const geometry::RowMatrix &mean = posteriors.mean, &variance = posteriors.variance;
    double total = 0.0;
    for (std::int64_t u = 0; u < mean.rows; ++u) {
      for (std::int64_t d = 0; d < mean.cols; ++d) {
        const double v = variance.at(u, d);
        if (v <= 0.0) throw Error("the model's code is deterministic (no posterior variance), so it has no KL");
        total += 0.5 * (double(mean.at(u, d)) * mean.at(u, d) + v - 1.0 - std::log(v));
      }
    }
    return total / mean.rows;
  }

  // Mean drift of the first kDriftUsers sampled users (a random draw), or of those in the
  // lightest or heaviest of the evaluator's cohorts that has any.
  double drift(const LatentFacts& facts, double keepRate, const std::string& extreme) const {
    std::vector<std::int64_t> users;
    for (std::int64_t u = 0; u < std::min<std::int64_t>(kDriftUsers, facts.sample.size()); ++u) users.push_back(u);
    const auto study = geometry::studyDrift(*facts.model, facts.sample, users, {keepRate},
                                            geometry::Cohorts(EvaluationOptions().cohortEdges), {}, context_);
    const geometry::DriftAtRate& atRate = study.byRate.front();
    if (extreme.empty()) return atRate.meanDrift;
    std::vector<const geometry::CohortMean*> filled;
    for (const geometry::CohortMean& cohort : atRate.cohorts)
      if (cohort.users > 0) filled.push_back(&cohort);
    if (filled.empty()) throw Error("no sampled user falls in a cohort");
    return (extreme == "lightest" ? filled.front() : filled.back())->mean;
  }

  // The sampled user at the 10th (light) or 90th (heavy) percentile of activity.
  static std::int64_t userByActivity(const geometry::LatentSample& sample, bool heavy) {
    std::vector<std::int64_t> rows(static_cast<std::size_t>(sample.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<std::int64_t>(i);
    std::stable_sort(rows.begin(), rows.end(), [&](std::int64_t a, std::int64_t b) {
      return sample.rows.rowSize(a) < sample.rows.rowSize(b);
    });
    return rows[static_cast<std::size_t>((heavy ? 0.9 : 0.1) * static_cast<double>(rows.size() - 1))];
  }

  // Over the nearest or farthest tenth of the other sampled users: the mean transfer to the
  // focus user, or the share of them whose transfer is positive.
  double transfer(const LatentFacts& facts, bool nearest, bool heavy, bool helpfulShare) const {
    const std::int64_t focus = userByActivity(facts.sample, heavy);
    const auto measured =
        geometry::gradientTransfer(*facts.model, facts.sample.rows, facts.posteriors, {focus}, {}, context_).front();
    std::vector<std::size_t> others;
    for (std::size_t v = 0; v < measured.distance.size(); ++v)
      if (static_cast<std::int64_t>(v) != focus) others.push_back(v);
    std::sort(others.begin(), others.end(),
              [&](std::size_t a, std::size_t b) { return measured.distance[a] < measured.distance[b]; });
    const auto count = std::max<std::size_t>(1, static_cast<std::size_t>(kDistanceShare * others.size()));
    double total = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
      const double value = measured.transfer[others[nearest ? i : others.size() - 1 - i]];
      total += helpfulShare ? (value > 0 ? 1.0 : 0.0) : value;
    }
    return total / static_cast<double>(count);
  }

  static double pseudoInputOverlap(const LatentFacts& facts) {
    const auto decoded = facts.model->priorComponentTopItems(kDecodedItems);
    if (decoded.size() < 2) throw Error("the model's prior has no pseudo-inputs (a standard normal prior)");
    double total = 0.0;
    std::size_t pairs = 0;
    for (std::size_t a = 0; a < decoded.size(); ++a)
      for (std::size_t b = a + 1; b < decoded.size(); ++b, ++pairs) total += geometry::jaccard(decoded[a], decoded[b]);
    return total / static_cast<double>(pairs);
  }

  const RunFolders& runs_;
  const TaskContext& context_;
  std::map<fs::path, std::optional<ExperimentResult>> metrics_;
  std::map<std::string, std::unique_ptr<LoadedData>> data_;
  std::map<fs::path, std::unique_ptr<LatentFacts>> latent_;
};

// A run of the same model and parameters, whatever threads or device trained it: a run
// trained at once with others records its share of the cores. False for a folder without a
// readable config.json.
bool isRunOf(const fs::path& folder, const PreparedRun& prepared) {
  RunConfig config;
  try {
    config = readRunConfig(folder);
  } catch (const Error&) {
    return false;
  }
  return config.model == prepared.model && prepared.params.sameExperiment(config.params);
}

bool isFinishedRunOf(const fs::path& folder, const PreparedRun& prepared) {
  std::error_code error;
  return fs::exists(folder / "metrics.json", error) && isRunOf(folder, prepared);
}

CheckResult evaluateWith(const LessonCheck& check, FigureReader& reader) {
  CheckResult result{check.id, check.claim, check.expectation, false, 0.0, 0.0, {}, {}};
  try {
    ExpectationOutcome outcome =
        evaluateExpectation(check.expectation, [&](const FigureCall& call) { return reader.value(call); });
    result.left = outcome.left;
    result.right = outcome.right;
    result.held = outcome.held;
    result.figures = std::move(outcome.figures);
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& error) {
    result.error = error.what();
  }
  return result;
}

}  // namespace

CheckResult evaluateCheck(const LessonCheck& check, const RunFolders& runs, const TaskContext& context) {
  FigureReader reader(runs, context);
  return evaluateWith(check, reader);
}

bool LessonCheckReport::passed() const {
  return !checks.empty() && std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.held; });
}

namespace {

LessonRunRecord trainWith(const LessonRunRequest& request, bool reuse, FigureReader& reader,
                          const TaskContext& context) {
  const auto started = std::chrono::steady_clock::now();
  if (!(reuse && isFinishedRunOf(request.folder, request.prepared))) {
    if (fs::exists(request.folder))
      throw Error(request.folder.string() + " already exists" +
                  (reuse ? " and is not a finished run of these parameters" : ": give the lesson check a new folder"));
    runExperiment(request.prepared.model, request.prepared.params, request.prepared.data,
                  reader.data(request.prepared.data), {}, request.folder, context);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  return {request.id, request.folder, took.count()};
}

// A run of a request trained in a child process; its request (config.json) and output wait
// in a staging folder beside the run's, removed when it ends.
struct ChildRun {
  std::size_t index;
  fs::path staging;
  std::unique_ptr<ChildProcess> process;
  std::chrono::steady_clock::time_point started;
};

ChildRun startChildRun(std::size_t index, const LessonRunRequest& request, const fs::path& program, int threads) {
  const fs::path staging =
      request.folder.parent_path() / ("." + request.folder.filename().string() + ".request");
  fs::create_directories(staging);
  writeRunConfig(staging, RunConfig{request.prepared.model, request.prepared.params.values(), request.prepared.data, {}});
  const std::vector<std::string> argv{program.string(), "--threads", std::to_string(threads), "train",
                                      "--like", staging.string(), "--out", request.folder.string()};
  return {index, staging, std::make_unique<ChildProcess>(argv, ChildOutput::log(staging / "output.log")),
          std::chrono::steady_clock::now()};
}

// Removes the staging folders left when training ends, by an error or a cancel too.
struct StagingCleanup {
  std::vector<ChildRun>& running;
  ~StagingCleanup() {
    for (ChildRun& run : running) {
      run.process.reset();  // stopped before its folder goes
      std::error_code ignored;
      fs::remove_all(run.staging, ignored);
    }
  }
};

}  // namespace

std::vector<LessonRunRecord> trainLessonRunsAtOnce(const std::vector<LessonRunRequest>& requests,
                                                   const fs::path& program, int workers, int threads,
                                                   const TaskContext& context) {
  std::vector<LessonRunRecord> records;
  std::vector<std::size_t> toTrain;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const LessonRunRequest& request = requests[i];
    records.push_back({request.id, request.folder, 0.0});
    if (isFinishedRunOf(request.folder, request.prepared)) continue;
    if (fs::exists(request.folder)) {
      if (!isRunOf(request.folder, request.prepared))
        throw Error(request.folder.string() + " already exists and is not a run of these parameters");
      fs::remove_all(request.folder);  // unfinished (a cancelled step): trained again
    }
    toTrain.push_back(i);
  }
  std::vector<ChildRun> running;
  const StagingCleanup cleanup{running};
  std::size_t next = 0, finished = 0;
  context.report("runs", 0, toTrain.size());
  while (finished < toTrain.size()) {
    context.checkCancelled();
    while (next < toTrain.size() && running.size() < static_cast<std::size_t>(std::max(1, workers))) {
      const std::size_t index = toTrain[next++];
      running.push_back(startChildRun(index, requests[index], program, threads));
    }
    for (auto run = running.begin(); run != running.end();) {
      if (!run->process->finished()) {
        ++run;
        continue;
      }
      const std::string& id = requests[run->index].id;
      if (!run->process->succeeded())
        throw Error("the lesson's run " + id + " " + run->process->howItEnded() + ": " +
                    errorReportedIn(run->process->output().errors));
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - run->started;
      records[run->index].seconds = took.count();
      std::error_code ignored;
      fs::remove_all(run->staging, ignored);
      run = running.erase(run);
      context.report("runs", ++finished, toTrain.size());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return records;
}

LessonCheckReport checkLesson(const Lesson& lesson, const fs::path& workFolder, bool fast, bool reuse,
                              const TaskContext& context) {
  const auto started = std::chrono::steady_clock::now();
  LessonCheckReport report;
  report.lesson = lesson.name;
  report.fast = fast;
  RunFolders folders;
  FigureReader reader(folders, context);
  for (std::size_t i = 0; i < lesson.runs.size(); ++i) {
    const LessonRun& run = lesson.runs[i];
    context.report("run " + run.id, i, lesson.runs.size());
    const LessonRunRecord record =
        trainWith({run.id, prepareRun(lesson, run, fast), workFolder / run.id}, reuse, reader, context);
    folders[run.id] = record.folder;
    report.runs.push_back(record);
  }
  for (std::size_t i = 0; i < lesson.checks.size(); ++i) {
    context.report("checks", i, lesson.checks.size());
    report.checks.push_back(evaluateWith(lesson.checks[i], reader));
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  report.seconds = took.count();
  return report;
}

nlohmann::json toJson(const CheckResult& result) {
  nlohmann::json figures = nlohmann::json::array();
  for (const MeasuredFigure& figure : result.figures) figures.push_back({{"figure", figure.figure}, {"value", figure.value}});
  nlohmann::json json{{"id", result.id},     {"claim", result.claim}, {"expect", result.expectation},
                      {"held", result.held}, {"left", result.left},   {"right", result.right},
                      {"figures", figures}};
  if (!result.error.empty()) json["error"] = result.error;
  return json;
}

nlohmann::json toJson(const LessonCheckReport& report) {
  nlohmann::json runs = nlohmann::json::array(), checks = nlohmann::json::array();
  for (const LessonRunRecord& run : report.runs)
    runs.push_back({{"id", run.id}, {"folder", run.folder.string()}, {"seconds", run.seconds}});
  for (const CheckResult& check : report.checks) checks.push_back(toJson(check));
  return {{"lesson", report.lesson}, {"fast", report.fast}, {"passed", report.passed()},
          {"seconds", report.seconds}, {"runs", runs},      {"checks", checks}};
}

}  // namespace vaecf::lessons
