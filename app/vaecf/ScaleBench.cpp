#include "ScaleBench.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <fmt/format.h>
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/AtomicFile.h"
#include "common/Compute.h"
#include "common/Error.h"
#include "data/CanonicalSplit.h"
#include "data/Importers.h"
#include "data/Protocol.h"
#include "data/SyntheticData.h"
#include "eval/Evaluator.h"
#include "experiment/Recommendations.h"
#include "geometry/LatentTrail.h"
#include "plugin/ModelCatalog.h"
#include "train/Training.h"

namespace fs = std::filesystem;

namespace vaecf::cli {

namespace {

constexpr const char* kPreset = "ml-20m";
constexpr double kHeldoutUsersAtFullSize = 10000.0;  // the ML-20M protocol's validation (and test) users
constexpr std::size_t kLatentSample = 2000;          // the trainer's default latent_sample
constexpr std::size_t kTopN = 100;
constexpr std::size_t kWriteBlockBytes = 1 << 20;
constexpr double kBytesPerMb = 1024.0 * 1024.0;

// ---------------------------------------------------------------------- peak memory

// Resident kilobytes of this process from /proc/self/status: "VmHWM" (the peak) or "VmRSS".
double residentMb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  throw Error("/proc/self/status has no " + field + " line: peak memory cannot be measured here");
}

// Lowers the kernel's peak mark (VmHWM) to the present resident size, so that the next
// reading is the peak of what ran since. Returns why not where the kernel refuses it (it
// needs Linux 4.0+ and may be disabled in a sandbox), or where the write is accepted but
// VmHWM stays above VmRSS.
std::optional<std::string> resetPeakMemory() {
  const int file = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  if (file < 0) return std::string("opening /proc/self/clear_refs: ") + std::strerror(errno);
  const bool written = ::write(file, "5", 1) == 1;
  const int writeError = errno;
  ::close(file);
  if (!written) return std::string("writing 5 to /proc/self/clear_refs: ") + std::strerror(writeError);
  constexpr double kSlackMb = 4.0;  // pages touched between the two readings
  if (residentMb("VmHWM") > residentMb("VmRSS") + kSlackMb)
    return "the kernel accepted 5 in /proc/self/clear_refs but VmHWM stayed above VmRSS";
  return std::nullopt;
}

// ---------------------------------------------------------------------- stages

struct Stage {
  std::string name;
  double seconds = 0.0;
  double startMb = 0.0;            // resident when the stage began
  std::optional<double> peakMb;    // unset when the peak could not be reset before it
  std::string detail;
};

// Times `work` (which returns what it did, in words) and reads the peak resident memory
// since the reset before it; reports the stage on stderr as it ends.
Stage measureStage(const std::string& name, const std::function<std::string()>& work, double fraction,
                   const std::optional<std::string>& peakRefused) {
  Stage stage;
  stage.name = name;
  // Heap freed by the stage before goes back to the system first, so that the start and
  // the peak count what is alive, not what glibc kept.
  ::malloc_trim(0);
  if (!peakRefused) resetPeakMemory();
  stage.startMb = residentMb("VmRSS");
  const auto started = std::chrono::steady_clock::now();
  stage.detail = work();
  stage.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!peakRefused) stage.peakMb = residentMb("VmHWM");
  fmt::print(stderr, "vaecf: bench --scale {:g}: {} {:.2f} s{}\n", fraction, name, stage.seconds,
             stage.peakMb ? fmt::format(", peak {:.0f} MB", *stage.peakMb) : "");
  return stage;
}

// ---------------------------------------------------------------------- data files

// Formats text in blocks of about a megabyte, so a file of hundreds of megabytes never sits
// in memory twice.
class BlockWriter {
 public:
  explicit BlockWriter(std::ostream& out) : out_(out) {}
  template <typename... Args>
  void line(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(text_), format, std::forward<Args>(args)...);
    if (text_.size() >= kWriteBlockBytes) flush();
  }
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  std::ostream& out_;
  fmt::memory_buffer text_;
};

std::string quotedCsv(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// Every rating written is a positive under the default threshold (4 stars and up), so the
// imported positives are the generated interactions and the sizes stay comparable.
constexpr const char* kHalfStarRatings[] = {"4.0", "4.5", "5.0"};
constexpr const char* kStarRatings[] = {"4", "5"};
constexpr std::int64_t kFirstTimestamp = 1000000000;  // 2001-09-09, inside ML-20M's years

// ML-20M's own layout: ratings.csv (userId,movieId,rating,timestamp) and movies.csv.
void writeMl20mFolder(const InteractionLog& log, const fs::path& folder) {
  fs::create_directories(folder);
  writeFileAtomically(folder / "ratings.csv", [&](std::ostream& out) {
    BlockWriter text(out);
    text.line("userId,movieId,rating,timestamp\n");
    for (const Interaction& row : log.interactions)
      text.line("{},{},{},{}\n", log.users.external(row.user), log.items.external(row.item),
                kHalfStarRatings[(row.user + row.item) % 3], kFirstTimestamp + row.timestamp);
    text.flush();
  });
  writeFileAtomically(folder / "movies.csv", [&](std::ostream& out) {
    BlockWriter text(out);
    text.line("movieId,title,genres\n");
    for (std::uint32_t item = 0; item < log.items.size(); ++item) {
      const ItemInfo& info = log.catalog.at(log.items.external(item));
      std::string genres;
      for (const std::string& genre : info.genres) genres += (genres.empty() ? "" : "|") + genre;
      text.line("{},{},{}\n", log.items.external(item), quotedCsv(info.title), genres);
    }
    text.flush();
  });
}

// Rows of the log grouped by item, file order within an item (a counting sort).
std::vector<std::uint32_t> rowsByItem(const InteractionLog& log) {
  std::vector<std::uint64_t> start(log.items.size() + 1, 0);
  for (const Interaction& row : log.interactions) ++start[row.item + 1];
  for (std::size_t item = 0; item < log.items.size(); ++item) start[item + 1] += start[item];
  std::vector<std::uint32_t> rows(log.interactions.size());
  for (std::uint32_t r = 0; r < log.interactions.size(); ++r) rows[start[log.interactions[r].item]++] = r;
  return rows;
}

// A valid YYYY-MM-DD for a history position (28-day months keep every date real).
std::string netflixDate(std::int64_t position) {
  const std::int64_t day = position % 2000;
  return fmt::format("{:04}-{:02}-{:02}", 2000 + day / 336, 1 + day % 336 / 28, 1 + day % 28);
}

// Netflix's Kaggle layout: combined_data_1.txt ("MovieID:" blocks of
// "CustomerID,Rating,YYYY-MM-DD") and movie_titles.csv.
void writeNetflixFolder(const InteractionLog& log, const fs::path& folder) {
  fs::create_directories(folder);
  writeFileAtomically(folder / "combined_data_1.txt", [&](std::ostream& out) {
    BlockWriter text(out);
    std::optional<std::uint32_t> movie;
    for (const std::uint32_t r : rowsByItem(log)) {
      const Interaction& row = log.interactions[r];
      if (movie != row.item) text.line("{}:\n", log.items.external(row.item));
      movie = row.item;
      text.line("{},{},{}\n", log.users.external(row.user), kStarRatings[(row.user + row.item) % 2],
                netflixDate(row.timestamp));
    }
    text.flush();
  });
  writeFileAtomically(folder / "movie_titles.csv", [&](std::ostream& out) {
    BlockWriter text(out);
    for (std::uint32_t item = 0; item < log.items.size(); ++item)
      text.line("{},2000,{}\n", log.items.external(item), log.catalog.at(log.items.external(item)).title);
    text.flush();
  });
}

struct LogShape {
  std::size_t users = 0, items = 0, interactions = 0;
};

// Users and items that occur in the interactions: the generator names every item of the
// catalogue, a file holds those that were picked.
LogShape shapeOf(const InteractionLog& log) {
  std::vector<bool> user(log.users.size(), false), item(log.items.size(), false);
  for (const Interaction& row : log.interactions) {
    user[row.user] = true;
    item[row.item] = true;
  }
  return {static_cast<std::size_t>(std::count(user.begin(), user.end(), true)),
          static_cast<std::size_t>(std::count(item.begin(), item.end(), true)), log.interactions.size()};
}

// An importer must read back exactly what was written.
void requireShape(const InteractionLog& imported, const LogShape& written, const std::string& format,
                  const fs::path& folder) {
  const LogShape read = shapeOf(imported);
  if (read.users != written.users || read.items != written.items || read.interactions != written.interactions)
    throw Error(fmt::format("the {} importer read {} users, {} items, {} interactions from {}, which holds {}, {}, {}",
                            format, read.users, read.items, read.interactions, folder.string(), written.users,
                            written.items, written.interactions));
}

InteractionLog importFolder(const std::string& format, const fs::path& folder) {
  ImportOptions import{format, folder, {}};
  resolveImport(import);
  return importDataset(import);
}

// ---------------------------------------------------------------------- one size

struct SizeSettings {
  double fraction = 1.0;
  std::string model;
  std::vector<std::string> assignments;
  fs::path folder;  // scratch space for the data files and the run
};

SyntheticOptions scaledPreset(double fraction) {
  SyntheticOptions options = syntheticPreset(kPreset);
  options.users = static_cast<std::uint32_t>(std::lround(options.users * fraction));
  return options;
}

ProtocolOptions scaledProtocol(double fraction) {
  ProtocolOptions protocol;
  protocol.positiveThreshold = 4.0;
  protocol.heldoutUsers = static_cast<std::uint32_t>(std::max(1L, std::lround(kHeldoutUsersAtFullSize * fraction)));
  return protocol;
}

// One Mult-VAE epoch through the trainer, as `vaecf train` runs it, with the options given.
ParamSet oneEpochParams(const ModelFamily& model, const std::vector<std::string>& assignments) {
  ParamSet params(runParamSpecs(model));
  params.set("threads", std::to_string(computeThreads()));
  for (const std::string& assignment : assignments) params.assign(assignment);
  params.set("epochs", "1");
  return params;
}

// The size's peak over all its stages: the largest stage peak, as each reset lowered
// VmHWM; where resets were refused VmHWM never dropped and is that peak itself.
double processPeakMb(const std::vector<Stage>& stages, const std::optional<std::string>& peakRefused) {
  if (peakRefused) return residentMb("VmHWM");
  double peak = 0.0;
  for (const Stage& stage : stages) peak = std::max(peak, *stage.peakMb);
  return peak;
}

// The pipeline at one size, stage by stage; returns the size's JSON record.
nlohmann::json runSize(const SizeSettings& settings) {
  const std::optional<std::string> peakRefused = resetPeakMemory();
  std::vector<Stage> stages;
  const auto stage = [&](const std::string& name, const std::function<std::string()>& work) {
    stages.push_back(measureStage(name, work, settings.fraction, peakRefused));
  };
  const SyntheticOptions generator = scaledPreset(settings.fraction);
  const fs::path mlFolder = settings.folder / "ml-20m", netflixFolder = settings.folder / "netflix";
  LogShape written;
  {
    SyntheticData data;
    stage("generate", [&] {
      data = generateSyntheticData(generator);
      written = shapeOf(data.log);
      return fmt::format("{} users x {} items, {} interactions", written.users, written.items, written.interactions);
    });
    stage("write ml-20m", [&] {
      writeMl20mFolder(data.log, mlFolder);
      return fmt::format("ratings.csv, {:.0f} MB", static_cast<double>(fs::file_size(mlFolder / "ratings.csv")) / kBytesPerMb);
    });
    stage("write netflix", [&] {
      writeNetflixFolder(data.log, netflixFolder);
      return fmt::format("combined_data_1.txt, {:.0f} MB",
                         static_cast<double>(fs::file_size(netflixFolder / "combined_data_1.txt")) / kBytesPerMb);
    });
  }
  stage("import netflix", [&] {
    requireShape(importFolder("netflix", netflixFolder), written, "netflix", netflixFolder);
    return std::string("read back whole");
  });
  InteractionLog log;
  stage("import ml-20m", [&] {
    log = importFolder("ml-20m", mlFolder);
    requireShape(log, written, "ml-20m", mlFolder);
    return std::string("read back whole");
  });

  const ProtocolOptions protocol = scaledProtocol(settings.fraction);
  PositiveSets positives;
  stage("binarise", [&] {
    positives = binarize(log, protocol);
    return fmt::format("{} users with >= 5 positives, {} positives", positives.users.size(), positives.positives);
  });
  Split split;
  stage("split", [&] {
    split = strongGeneralizationSplit(log, positives, protocol);
    positives = {};
    return fmt::format("{} training users, {} + {} heldout, {} items", split.train.rows(),
                       split.validationFoldIn.rows(), split.testFoldIn.rows(), split.items());
  });
  stage("csr", [&] {
    writeCanonicalSplit(split, settings.folder / "split");
    const Split read = readCanonicalSplit(settings.folder / "split");
    if (read.train.nonZeros() != split.train.nonZeros() || read.testHeldout.nonZeros() != split.testHeldout.nonZeros())
      throw Error("the split folder " + (settings.folder / "split").string() + " read back other matrices");
    fs::remove_all(settings.folder / "split");
    return fmt::format("split folder written and read back, {} training positives", read.train.nonZeros());
  });
  const auto shared = std::make_shared<const Split>(std::move(split));

  const ModelFamily& model = findModel(settings.model);
  const fs::path runFolder = settings.folder / "run";
  TrainingSetup setup{model, oneEpochParams(model, settings.assignments), shared, runFolder, {}, {}, {}};
  setup.data.raw = ImportOptions{"ml-20m", mlFolder, {}};
  setup.data.protocol = protocol;
  setup.data.thresholdGiven = true;
  stage("train", [&] {
    const TrainingResult result = trainModel(setup);
    return fmt::format("1 epoch of {} users took {:.1f} s; with the validation, latent frame and saving {:.1f} s",
                       shared->train.rows(), result.secondsPerEpoch, result.seconds);
  });

  const std::unique_ptr<Recommender> trained = loadTrainedModel(runFolder, model);
  stage("evaluate", [&] {
    const EvaluationReport report = evaluate(*trained, shared->testFoldIn, shared->testHeldout);
    const MetricSummary& ndcg = report.metrics.at("ndcg@100");
    return fmt::format("{} test users, NDCG@100 {:.4f} +- {:.4f}", report.users, ndcg.mean, ndcg.standardError);
  });
  stage("top-n", [&] {
    const RunRecommendations run = recommendFromRun(runFolder, shared, &log, shared->testUserIds, kTopN);
    return fmt::format("top {} for {} test users", kTopN, run.users.size());
  });
  stage("latent frame", [&] {
    const geometry::LatentModel latent = geometry::LatentModel::fromRun(runFolder);
    const geometry::LatentSample sample = geometry::drawLatentSample(*shared, kLatentSample, 1);
    geometry::recordLatentFrame(latent, sample, 1);
    return fmt::format("{} sampled users", sample.size());
  });

  nlohmann::json record = {{"fraction", settings.fraction},
                           {"users", written.users},
                           {"items", written.items},
                           {"interactions", written.interactions},
                           {"heldout_users", protocol.heldoutUsers},
                           {"process_peak_mb", processPeakMb(stages, peakRefused)}};
  record["stages"] = nlohmann::json::array();
  for (const Stage& s : stages)
    record["stages"].push_back({{"stage", s.name},
                                {"seconds", s.seconds},
                                {"start_mb", s.startMb},
                                {"peak_mb", s.peakMb ? nlohmann::json(*s.peakMb) : nlohmann::json(nullptr)},
                                {"detail", s.detail}});
  if (peakRefused) record["peak_memory_refused"] = *peakRefused;
  return record;
}

// ---------------------------------------------------------------------- a size per process

void writeAll(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;  // the parent is gone; nothing left to tell
    done += static_cast<std::size_t>(n);
  }
}

std::string readAll(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR);)
    if (n > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

// Runs one size in a forked child: its peak memory starts from a fresh heap, and a size
// killed for memory is reported instead of taking the whole benchmark down.
nlohmann::json runSizeInChild(const SizeSettings& settings) {
  int channel[2];
  if (::pipe(channel) != 0) throw Error(std::string("bench --scale: pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) throw Error(std::string("bench --scale: fork: ") + std::strerror(errno));
  if (child == 0) {
    ::close(channel[0]);
    int status = 0;
    std::string reply;
    try {
      reply = runSize(settings).dump();
    } catch (const std::exception& error) {
      reply = nlohmann::json{{"error", error.what()}}.dump();
      status = 1;
    }
    writeAll(channel[1], reply);
    std::fflush(nullptr);
    ::_exit(status);
  }
  ::close(channel[1]);
  const std::string reply = readAll(channel[0]);
  ::close(channel[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    throw Error(fmt::format("bench --scale: the run at fraction {:g} was killed by signal {} ({}){}", settings.fraction,
                            WTERMSIG(status), strsignal(WTERMSIG(status)),
                            WTERMSIG(status) == SIGKILL ? "; out of memory?" : ""));
  const nlohmann::json record = nlohmann::json::parse(reply, nullptr, false);
  if (record.is_discarded()) throw Error(fmt::format("bench --scale: the run at fraction {:g} gave no result", settings.fraction));
  if (record.contains("error"))
    throw Error(fmt::format("bench --scale at fraction {:g}: {}", settings.fraction, record["error"].get<std::string>()));
  return record;
}

// ---------------------------------------------------------------------- growth and output

// log(b / a) / log(interactions ratio); null where a value is missing.
nlohmann::json exponent(const nlohmann::json& a, const nlohmann::json& b, double interactionRatio) {
  if (!a.is_number() || !b.is_number() || a.get<double>() <= 0.0 || b.get<double>() <= 0.0) return nullptr;
  return std::log(b.get<double>() / a.get<double>()) / std::log(interactionRatio);
}

nlohmann::json growth(const nlohmann::json& sizes) {
  nlohmann::json steps = nlohmann::json::array();
  for (std::size_t i = 1; i < sizes.size(); ++i) {
    const nlohmann::json &from = sizes[i - 1], &to = sizes[i];
    const double ratio = to["interactions"].get<double>() / from["interactions"].get<double>();
    nlohmann::json step = {{"from", from["fraction"]},
                           {"to", to["fraction"]},
                           {"interaction_ratio", ratio},
                           {"process_peak_exponent", exponent(from["process_peak_mb"], to["process_peak_mb"], ratio)},
                           {"stages", nlohmann::json::array()}};
    for (std::size_t s = 0; s < to["stages"].size(); ++s) {
      const nlohmann::json &a = from["stages"][s], &b = to["stages"][s];
      step["stages"].push_back({{"stage", b["stage"]},
                                {"seconds_exponent", exponent(a["seconds"], b["seconds"], ratio)},
                                {"memory_exponent", exponent(a["peak_mb"], b["peak_mb"], ratio)}});
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::string cell(const nlohmann::json& value, const char* format) {
  return value.is_number() ? fmt::format(fmt::runtime(format), value.get<double>()) : std::string("-");
}

// One table per measure: a row per stage, a column per size, then the exponents between
// consecutive sizes.
void printMeasure(const nlohmann::json& report, const char* title, const char* key, const char* exponentKey,
                  const char* format) {
  const nlohmann::json& sizes = report["sizes"];
  fmt::print("\n{}\n  {:<15}", title, "stage");
  for (const nlohmann::json& size : sizes) fmt::print(" {:>10}", fmt::format("{:g}", size["fraction"].get<double>()));
  for (const nlohmann::json& step : report["growth"])
    fmt::print(" {:>11}", fmt::format("exp {:g}-{:g}", step["from"].get<double>(), step["to"].get<double>()));
  fmt::print("\n");
  for (std::size_t s = 0; s < sizes[0]["stages"].size(); ++s) {
    fmt::print("  {:<15}", sizes[0]["stages"][s]["stage"].get<std::string>());
    for (const nlohmann::json& size : sizes) fmt::print(" {:>10}", cell(size["stages"][s][key], format));
    for (const nlohmann::json& step : report["growth"]) fmt::print(" {:>11}", cell(step["stages"][s][exponentKey], "{:.2f}"));
    fmt::print("\n");
  }
}

void printReport(const nlohmann::json& report) {
  fmt::print("bench --scale: synthetic {} shape, one epoch of {}, on {} ({} threads)\n",
             report["preset"].get<std::string>(), report["model"].get<std::string>(),
             report["machine"].get<std::string>(), report["threads"].get<int>());
  for (const nlohmann::json& size : report["sizes"])
    fmt::print("  fraction {:g}: {} users x {} items, {} interactions, {} validation + {} test users, process peak {}\n",
               size["fraction"].get<double>(), size["users"].get<std::size_t>(), size["items"].get<std::size_t>(),
               size["interactions"].get<std::size_t>(), size["heldout_users"].get<std::size_t>(),
               size["heldout_users"].get<std::size_t>(), cell(size["process_peak_mb"], "{:.0f} MB"));
  if (report.contains("peak_memory_refused"))
    fmt::print("  peak memory per stage not measured: {}\n", report["peak_memory_refused"].get<std::string>());
  printMeasure(report, "seconds", "seconds", "seconds_exponent", "{:.2f}");
  printMeasure(report, "peak resident MB (the process, during the stage)", "peak_mb", "memory_exponent", "{:.0f}");
  fmt::print("\nexp a-b: log(value ratio) / log(interaction ratio) between sizes a and b\n");
  const nlohmann::json& largest = report["sizes"].back();
  for (const nlohmann::json& stage : largest["stages"])
    fmt::print("  {:<15} {}\n", stage["stage"].get<std::string>(), stage["detail"].get<std::string>());
}

std::vector<double> checkedFractions(std::vector<double> fractions) {
  std::sort(fractions.begin(), fractions.end());
  fractions.erase(std::unique(fractions.begin(), fractions.end()), fractions.end());
  return fractions;
}

// The bench's default model: scale is what data-parallel training is for.
std::string dataParallelModel() {
  const ModelFamily* model = firstModelWith([](const ModelFamily& m) { return m.capabilities.dataParallel; });
  if (model == nullptr) throw Error("no loaded model trains data-parallel; name one with --scale-model");
  return model->name;
}

}  // namespace

void addScaleBenchOptions(CLI::App& bench, ScaleBenchOptions& options) {
  bench.add_flag("--scale", options.enabled,
                 "run the whole pipeline on ML-20M-shaped synthetic data at several sizes: seconds, peak memory and "
                 "growth exponents per stage (docs/scale.md)");
  bench.add_option("--fractions", options.fractions, "with --scale: fractions of ML-20M's users to run, ascending")
      ->delimiter(',')
      ->check(CLI::Range(1e-4, 1.0))
      ->capture_default_str();
  bench
      .add_option("--scale-model", options.model,
                  "with --scale: the model that trains one epoch (default: the first model that trains "
                  "data-parallel, the scale this bench measures)")
      ->check([](const std::string& name) {
        try {
          return findModel(name).iterative() ? std::string() : name + " trains in one go: it has no epoch to time";
        } catch (const Error& error) {
          return std::string(error.what());
        }
      });
}

void runScaleBench(const ScaleBenchOptions& options, const std::vector<std::string>& assignments,
                   const std::string& machine, bool json) {
  const fs::path folder = fs::temp_directory_path() / fmt::format("vaecf-scale-{}", ::getpid());
  const std::string model = options.model.empty() ? dataParallelModel() : options.model;
  nlohmann::json report = {{"preset", kPreset},
                           {"model", model},
                           {"machine", machine},
                           {"threads", computeThreads()},
                           {"sizes", nlohmann::json::array()}};
  try {
    for (const double fraction : checkedFractions(options.fractions)) {
      fs::remove_all(folder);
      report["sizes"].push_back(runSizeInChild({fraction, model, assignments, folder}));
    }
  } catch (...) {
    fs::remove_all(folder);
    throw;
  }
  fs::remove_all(folder);
  for (const nlohmann::json& size : report["sizes"])
    if (size.contains("peak_memory_refused")) report["peak_memory_refused"] = size["peak_memory_refused"];
  report["growth"] = growth(report["sizes"]);
  if (json) {
    fmt::print("{}\n", report.dump());
    return;
  }
  printReport(report);
}

}  // namespace vaecf::cli
