#include "train/TrainingEngine.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>

#include "common/AtomicFile.h"
#include "common/Compute.h"
#include "models/vae/AutoencoderModel.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

torch::Device deviceNamed(const std::string& resolved) {
  return resolved == "cuda" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

// Rows [count, items] of the given rows of `matrix`, its values at the stored entries (1
// for binary data), zero elsewhere: densified per batch, never for the whole matrix
// (models.md pitfall 11).
torch::Tensor denseRows(const CsrMatrix& matrix, const std::int64_t* rows, std::int64_t count) {
  const std::int64_t items = matrix.cols();
  torch::Tensor dense = torch::zeros({count, items});
  float* data = dense.data_ptr<float>();
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int32_t* columns = matrix.rowColumns(rows[i]);
    for (std::int64_t k = 0; k < matrix.rowSize(rows[i]); ++k) data[i * items + columns[k]] = matrix.value(rows[i], k);
  }
  return dense;
}

// The rows of a batch both dense and as embedding-bag lists (item indices, row offsets),
// built on the CPU and moved to `device` in one go.
vae::Batch makeBatch(const CsrMatrix& matrix, const std::int64_t* rows, std::int64_t count,
                     torch::Device device) {
  std::int64_t positives = 0;
  for (std::int64_t i = 0; i < count; ++i) positives += matrix.rowSize(rows[i]);
  torch::Tensor indices = torch::empty({positives}, torch::kLong);
  torch::Tensor offsets = torch::empty({count}, torch::kLong);
  std::int64_t* indexData = indices.data_ptr<std::int64_t>();
  std::int64_t* offsetData = offsets.data_ptr<std::int64_t>();
  std::int64_t next = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    offsetData[i] = next;
    const std::int32_t* columns = matrix.rowColumns(rows[i]);
    next = std::copy(columns, columns + matrix.rowSize(rows[i]), indexData + next) - indexData;
  }
  return {denseRows(matrix, rows, count).to(device), indices.to(device), offsets.to(device), 0};
}

vae::Batch consecutiveRows(const CsrMatrix& matrix, std::int64_t begin, std::int64_t end, torch::Device device) {
  std::vector<std::int64_t> rows(static_cast<std::size_t>(end - begin));
  std::iota(rows.begin(), rows.end(), begin);
  return makeBatch(matrix, rows.data(), end - begin, device);
}

double gradientNorm(const std::vector<torch::Tensor>& parameters) {
  std::vector<torch::Tensor> norms;
  for (const auto& parameter : parameters) {
    if (parameter.grad().defined()) norms.push_back(parameter.grad().detach().norm());
  }
  return norms.empty() ? 0.0 : torch::stack(norms).norm().item<double>();
}

// The phase's parameters and its extra groups, each at its own learning rate.
template <class Options>
std::vector<torch::optim::OptimizerParamGroup> parameterGroups(const vae::Phase& phase, const Options& defaults) {
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(phase.parameters, std::make_unique<Options>(Options(defaults).lr(phase.learningRate)));
  for (const auto& extra : phase.extraGroups)
    groups.emplace_back(extra.parameters, std::make_unique<Options>(Options(defaults).lr(extra.learningRate)));
  return groups;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const vae::Phase& phase) {
  const vae::Optimizer& choice = phase.optimizer;
  if (choice.kind == vae::Optimizer::Kind::SgdMomentum) {
    const auto defaults =
        torch::optim::SGDOptions(phase.learningRate).momentum(choice.momentum).weight_decay(choice.weightDecay);
    return std::make_unique<torch::optim::SGD>(parameterGroups(phase, defaults), defaults);
  }
  const auto defaults = torch::optim::AdamOptions(phase.learningRate).weight_decay(choice.weightDecay);
  return std::make_unique<torch::optim::Adam>(parameterGroups(phase, defaults), defaults);
}

// An autoencoder scoring for the evaluator; the caller keeps the model in eval mode.
class AutoencoderRecommender final : public Recommender {
 public:
  AutoencoderRecommender(std::shared_ptr<vae::AutoencoderModel> model, torch::Device device,
                         std::int64_t items)
      : model_(std::move(model)), device_(device), items_(items) {}

  std::int64_t items() const override { return items_; }

  void score(const CsrMatrix& input, std::int64_t begin, std::int64_t end, float* out) const override {
    torch::NoGradGuard noGrad;
    const torch::Tensor scores = model_->batchScores(consecutiveRows(input, begin, end, device_))
                                     .to(torch::kCPU, torch::kFloat)
                                     .contiguous();
    if (scores.numel() != (end - begin) * items_)
      throw Error("the model scored a batch with the wrong shape");
    std::memcpy(out, scores.data_ptr<float>(), sizeof(float) * static_cast<std::size_t>(scores.numel()));
  }

 private:
  std::shared_ptr<vae::AutoencoderModel> model_;
  torch::Device device_;
  std::int64_t items_;
};

class EvalModeScope {
 public:
  explicit EvalModeScope(torch::nn::Module& module) : module_(module) { module_.eval(); }
  ~EvalModeScope() { module_.train(); }
  EvalModeScope(const EvalModeScope&) = delete;
  EvalModeScope& operator=(const EvalModeScope&) = delete;

 private:
  torch::nn::Module& module_;
};

torch::Tensor cpuGeneratorState() {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void restoreCpuGeneratorState(const torch::Tensor& state) {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state.to(torch::kCPU));
}

std::string serializeParams(const ParamSet& params) {
  std::string text;
  for (const auto& [name, value] : params.values()) text += name + '=' + value + '\n';
  return text;
}

void assignParams(ParamSet& params, const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) params.assign(line);
}

torch::serialize::InputArchive openArchive(const fs::path& file, torch::Device device) {
  torch::serialize::InputArchive archive;
  archive.load_from(file.string(), device);
  return archive;
}

// Checkpoints and weight files both keep the model under "model".
void readModel(torch::serialize::InputArchive& archive, vae::AutoencoderModel& model) {
  torch::serialize::InputArchive weights;
  archive.read("model", weights);
  model.load(weights);
}

void writeModel(torch::serialize::OutputArchive& archive, const vae::AutoencoderModel& model) {
  torch::serialize::OutputArchive weights;
  model.save(weights);
  archive.write("model", weights);
}

c10::IValue readValue(torch::serialize::InputArchive& archive, const std::string& key) {
  c10::IValue value;
  archive.read(key, value);
  return value;
}

void writeArchive(const fs::path& file, torch::serialize::OutputArchive& archive) {
  writeFileAtomically(file, [&](std::ostream& out) { archive.save_to(out); });
}

}  // namespace

NonFiniteLoss::NonFiniteLoss(std::int64_t epoch, std::int64_t step, const std::string& phase, double loss)
    : Error("the loss became " + std::string(std::isnan(loss) ? "nan" : "infinite") + " at epoch " +
            std::to_string(epoch) + ", step " + std::to_string(step) + " (phase " + phase + ")") {}

std::string resolveTrainingDevice(const std::string& requested) {
  const bool cudaAvailable = torch::cuda::is_available();
  if (requested == "cuda" && !cudaAvailable)
    throw Error("device cuda was asked for but CUDA is not available");
  return requested == "cpu" || !cudaAvailable ? "cpu" : "cuda";
}

struct TrainingEngine::Impl {
  TrainerSettings settings;
  ModelTask task;
  torch::Device device;
  std::shared_ptr<vae::AutoencoderModel> model;
  // By phase name, kept across epochs.
  std::map<std::string, std::unique_ptr<torch::optim::Optimizer>> optimizers;
  std::mt19937_64 shuffler;
  std::vector<std::int64_t> userOrder;
  std::int64_t step = 0;
  std::int64_t epoch = 1;  // the epoch being trained, or the next one

  Impl(const ModelDefinition& definition, const ParamSet& params, std::int64_t items)
      : settings(trainerSettings(params)),
        task(definition.task),
        device(deviceNamed(resolveTrainingDevice(settings.device))),
        shuffler(settings.seed) {
    setComputeThreads(settings.threads);
    torch::manual_seed(settings.seed);
    model = definition.create(params, items);
    model->to(device);
    for (const auto& phase : model->phases()) optimizerFor(phase);
  }

  torch::optim::Optimizer& optimizerFor(const vae::Phase& phase) {
    auto& optimizer = optimizers[phase.name];
    if (!optimizer) optimizer = makeOptimizer(phase);
    return *optimizer;
  }

  // Each phase's rate as its schedule has it in `epoch`, after a live change or a restore.
  void refreshLearningRates() {
    for (const auto& phase : model->phases()) applyLearningRate(phase);
  }

  void applyLearningRate(const vae::Phase& phase) {
    auto& groups = optimizerFor(phase).param_groups();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const double base = g == 0 ? phase.learningRate : phase.extraGroups.at(g - 1).learningRate;
      groups[g].options().set_lr(phase.optimizer.learningRate(base, epoch));
    }
  }

  // A permutation that depends on the shuffler's state alone, so a restored shuffler
  // continues the same sequence. Fisher-Yates on raw engine output: std::shuffle's draws
  // differ between standard libraries.
  void reshuffleUsers(std::int64_t users) {
    userOrder.resize(static_cast<std::size_t>(users));
    std::iota(userOrder.begin(), userOrder.end(), 0);
    for (std::size_t i = userOrder.size(); i > 1; --i) std::swap(userOrder[i - 1], userOrder[shuffler() % i]);
  }

  // One batch: an update on its rows, then one on each follow-up batch the loss asks for.
  BatchRecord trainBatch(const CsrMatrix& train, std::int64_t begin, std::int64_t end,
                         const vae::Phase& phase, const std::string& prefix) {
    const auto started = std::chrono::steady_clock::now();
    auto& optimizer = optimizerFor(phase);
    BatchRecord record{0, end - begin, {}};
    vae::Batch batch = makeBatch(train, userOrder.data() + begin, end - begin, device);
    for (;;) {
      vae::Loss loss = model->loss(batch, phase, vae::TrainingClock{step, epoch});
      const double total = loss.total.item<double>();
      if (!std::isfinite(total)) throw NonFiniteLoss(epoch, step, phase.name, total);
      const double norm = descend(loss.total, phase, optimizer);
      // A follow-up reports its own terms only: the batch's loss, rate and norm are the data's.
      if (batch.followUp == 0) {
        record.scalars.emplace_back(prefix + "loss", total);
        record.scalars.emplace_back(prefix + "lr", optimizer.param_groups().front().options().get_lr());
        record.scalars.emplace_back(prefix + "grad_norm", norm);
      }
      for (const auto& [name, value] : loss.terms) record.scalars.emplace_back(prefix + name, value.item<double>());
      if (!loss.followUp) break;
      batch = std::move(*loss.followUp);
    }
    record.step = step;
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
    record.scalars.emplace_back(prefix + "users_per_second",
                                static_cast<double>(record.users) / seconds.count());
    return record;
  }

  // One gradient update of the phase's parameters; returns the gradient norm as the loss
  // left it, before the model's own gradient scaling.
  double descend(const torch::Tensor& loss, const vae::Phase& phase, torch::optim::Optimizer& optimizer) {
    // Every gradient, not only this phase's: RecVAE's encoder loss also reaches the
    // decoder, whose optimiser must not see it accumulated in the next phase.
    model->zero_grad();
    loss.backward();
    const double norm = gradientNorm(phase.allParameters());
    model->beforeOptimizerStep(phase);
    optimizer.step();
    ++step;
    return norm;
  }
};

TrainingEngine::TrainingEngine(const ModelDefinition& model, const ParamSet& params, std::int64_t items)
    : impl_(std::make_unique<Impl>(model, params, items)) {}

TrainingEngine::~TrainingEngine() = default;

bool TrainingEngine::trainEpoch(const CsrMatrix& train, std::int64_t epoch, const BatchGate& beforeBatch,
                                const BatchObserver& afterBatch) {
  Impl& m = *impl_;
  m.epoch = epoch;
  const auto phases = m.model->phases();
  const std::int64_t users = train.rows();
  for (const auto& phase : phases) {
    // Scalars of different phases are different curves.
    const std::string prefix = phases.size() > 1 ? phase.name + "/" : "";
    m.applyLearningRate(phase);
    m.model->train();
    for (int pass = 0; pass < phase.passes; ++pass) {
      m.reshuffleUsers(users);
      for (std::int64_t begin = 0; begin < users; begin += m.settings.batchSize) {
        if (!beforeBatch()) return false;
        afterBatch(m.trainBatch(train, begin, std::min(begin + m.settings.batchSize, users), phase, prefix));
      }
    }
    m.model->afterPhase(phase);
  }
  return true;
}

std::int64_t TrainingEngine::step() const { return impl_->step; }

void TrainingEngine::setParameter(const std::string& name, const std::string& value) {
  impl_->model->params().set(name, value);
  impl_->refreshLearningRates();
}

EvaluationReport TrainingEngine::evaluate(const CsrMatrix& foldIn, const CsrMatrix& heldout,
                                          const EvaluationOptions& options, const TaskContext& context) {
  EvalModeScope evalMode(*impl_->model);
  const AutoencoderRecommender scorer(impl_->model, impl_->device, foldIn.cols());
  if (impl_->task == ModelTask::RatingPrediction) return evaluateRatings(scorer, foldIn, heldout, options, context);
  return vaecf::evaluate(scorer, foldIn, heldout, options, context);
}

void TrainingEngine::inspectModel(
    const std::function<void(const std::shared_ptr<vae::AutoencoderModel>&)>& read) {
  EvalModeScope evalMode(*impl_->model);
  torch::NoGradGuard noGrad;
  read(impl_->model);
}

void TrainingEngine::saveCheckpoint(const fs::path& file, const TrainerProgress& progress) const {
  const Impl& m = *impl_;
  torch::serialize::OutputArchive archive;
  writeModel(archive, *m.model);
  for (const auto& [name, optimizer] : m.optimizers) {
    torch::serialize::OutputArchive state;
    optimizer->save(state);
    archive.write("optimizer." + name, state);
  }
  std::ostringstream shuffler;
  shuffler << m.shuffler;
  archive.write("step", m.step);
  archive.write("shuffler", shuffler.str());
  archive.write("torch_generator", cpuGeneratorState());
  archive.write("params", serializeParams(m.model->params()));
  archive.write("epochs_done", progress.epochsDone);
  archive.write("best_epoch", progress.bestEpoch);
  archive.write("best_metric", progress.bestMetric);
  archive.write("elapsed_seconds", progress.elapsedSeconds);
  archive.write("event_log_size", static_cast<std::int64_t>(progress.eventLogSize));
  writeArchive(file, archive);
}

TrainerProgress TrainingEngine::loadCheckpoint(const fs::path& file) {
  Impl& m = *impl_;
  auto archive = openArchive(file, m.device);
  readModel(archive, *m.model);
  // Parameters first: the phases' learning rates may depend on live ones.
  assignParams(m.model->params(), readValue(archive, "params").toStringRef());
  for (auto& [name, optimizer] : m.optimizers) {
    torch::serialize::InputArchive state;
    archive.read("optimizer." + name, state);
    optimizer->load(state);
  }
  m.step = readValue(archive, "step").toInt();
  std::istringstream shuffler(readValue(archive, "shuffler").toStringRef());
  shuffler >> m.shuffler;
  torch::Tensor generatorState;
  archive.read("torch_generator", generatorState);
  restoreCpuGeneratorState(generatorState);

  TrainerProgress progress;
  progress.epochsDone = readValue(archive, "epochs_done").toInt();
  progress.bestEpoch = readValue(archive, "best_epoch").toInt();
  progress.bestMetric = readValue(archive, "best_metric").toDouble();
  progress.elapsedSeconds = readValue(archive, "elapsed_seconds").toDouble();
  progress.eventLogSize = static_cast<std::uint64_t>(readValue(archive, "event_log_size").toInt());
  m.epoch = progress.epochsDone + 1;
  m.refreshLearningRates();
  return progress;
}

void TrainingEngine::saveWeights(const fs::path& file) const {
  torch::serialize::OutputArchive archive;
  writeModel(archive, *impl_->model);
  writeArchive(file, archive);
}

void TrainingEngine::loadWeights(const fs::path& file) {
  auto archive = openArchive(file, impl_->device);
  readModel(archive, *impl_->model);
}

std::unique_ptr<Recommender> loadAutoencoderRecommender(const ModelDefinition& definition,
                                                        const ParamSet& params, std::int64_t items,
                                                        const fs::path& weightsFile) {
  const TrainerSettings settings = trainerSettings(params);
  setComputeThreads(settings.threads);
  // A run trained on a GPU must still score on a machine without one.
  const bool cuda = settings.device != "cpu" && torch::cuda::is_available();
  const torch::Device device(cuda ? torch::kCUDA : torch::kCPU);
  auto model = definition.create(params, items);
  model->to(device);
  auto archive = openArchive(weightsFile, device);
  readModel(archive, *model);
  model->eval();
  return std::make_unique<AutoencoderRecommender>(std::move(model), device, items);
}

// The autoencoder family's definition lives beside the engine so that the trainer parses
// torch headers in one translation unit only.
ModelDefinition autoencoderDefinition(const std::string& name) {
  return ModelDefinition{name, vae::autoencoderParams(name),
                         [name](const ParamSet& params, std::int64_t items) {
                           return vae::createAutoencoder(name, params, items);
                         },
                         ModelTask::Ranking};
}

bool isAutoencoderModel(const std::string& name) {
  const auto names = vae::autoencoderNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace vaecf
