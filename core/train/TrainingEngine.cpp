#include "train/TrainingEngine.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>

#include "common/AtomicFile.h"
#include "common/ChecksummedFile.h"
#include "common/Error.h"
#include "common/Compute.h"
#include "models/vae/AutoencoderModel.h"
#include "train/RankCollectives.h"
#include "train/RunFileErrors.h"
#include "train/RunFolder.h"
#include "train/Training.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

torch::Device deviceNamed(const std::string& resolved) {
  return resolved == "cuda" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

// Rows of a CSR matrix on the training device, so that every batch is gathered there and
// nothing but the batch's row numbers crosses from the host (docs/gpu.md). On the CPU the
// tensors view the matrix's own arrays.
class DeviceRows {
 public:
  // Rows [begin, end) of `matrix`; their row numbers become 0 .. end - begin - 1.
  DeviceRows(const CsrMatrix& matrix, std::int64_t begin, std::int64_t end, torch::Device device)
      : items_(matrix.cols()), binary_(matrix.binary()) {
    const std::int64_t first = matrix.rowStart()[begin];
    const std::int64_t entries = matrix.rowStart()[end] - first;
    auto* starts = const_cast<std::int64_t*>(matrix.rowStart().data() + begin);
    rowStart_ = (torch::from_blob(starts, {end - begin + 1}, torch::kLong) - first).to(device);
    auto* columns = const_cast<std::int32_t*>(matrix.columns().data() + first);
    columns_ = torch::from_blob(columns, {entries}, torch::kInt).to(device);
    if (!binary_) {
      auto* values = const_cast<float*>(matrix.values().data() + first);
      values_ = torch::from_blob(values, {entries}, torch::kFloat).to(device);
    }
  }

  // The given rows (int64 on the device) both dense and as embedding-bag lists (item
  // indices, row offsets); `entries` is their number of stored entries, known on the host
  // so that no size is read back from the device.
  vae::Batch gather(const torch::Tensor& rows, std::int64_t entries) const {
    const auto longs = rows.options().dtype(torch::kLong);
    const std::int64_t count = rows.size(0);
    const torch::Tensor starts = rowStart_.index_select(0, rows);
    const torch::Tensor sizes = rowStart_.index_select(0, rows + 1) - starts;
    const torch::Tensor offsets = sizes.cumsum(0) - sizes;
    const torch::Tensor rowOfEntry = torch::repeat_interleave(torch::arange(count, longs), sizes, 0, entries);
    const torch::Tensor source =
        starts.index_select(0, rowOfEntry) + torch::arange(entries, longs) - offsets.index_select(0, rowOfEntry);
    const torch::Tensor items = columns_.index_select(0, source).to(torch::kLong);
    torch::Tensor dense = torch::zeros({count, items_}, rows.options().dtype(torch::kFloat));
    const torch::Tensor values =
        binary_ ? torch::ones({entries}, dense.options()) : values_.index_select(0, source);
    dense.index_put_({rowOfEntry, items}, values);
    return {dense, items, offsets, 0, {}};
  }

  vae::Batch all(torch::Device device) const {
    const std::int64_t count = rowStart_.size(0) - 1;
    return gather(torch::arange(count, torch::TensorOptions(device).dtype(torch::kLong)), columns_.size(0));
  }

 private:
  std::int64_t items_;
  bool binary_;
  torch::Tensor rowStart_;  // [rows + 1] int64, from 0
  torch::Tensor columns_;   // [entries] int32
  torch::Tensor values_;    // [entries] float32; undefined for binary data
};

// The stored entries of the given rows, counted on the host.
std::int64_t entriesOf(const CsrMatrix& matrix, const std::int64_t* rows, std::int64_t count) {
  std::int64_t entries = 0;
  for (std::int64_t i = 0; i < count; ++i) entries += matrix.rowSize(rows[i]);
  return entries;
}

// Autocast to bfloat16 for precision bf16, for as long as the scope lives: matrix products
// in bfloat16, softmax and losses in float32 (autocast's own op lists). The one place that
// knows libtorch 2.4 replaced autocast's per-device functions.
class PrecisionScope {
 public:
  PrecisionScope(const std::string& precision, torch::Device device)
      : autocast_(precision == "bf16"), device_(device.type()) {
    if (autocast_) setAutocast(device_, true);
  }
  ~PrecisionScope() {
    if (!autocast_) return;
    setAutocast(device_, false);
    at::autocast::clear_cache();
  }
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;

 private:
  static void setAutocast(c10::DeviceType device, bool enabled) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_dtype(device, at::kBFloat16);
    at::autocast::set_autocast_enabled(device, enabled);
#else
    if (device == c10::DeviceType::CUDA) {
      at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
      at::autocast::set_enabled(enabled);
    } else {
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_cpu_enabled(enabled);
    }
#endif
  }

  bool autocast_;
  c10::DeviceType device_;
};

// On the parameters' device, so that reading it costs no extra synchronisation.
torch::Tensor gradientNorm(const std::vector<torch::Tensor>& parameters, torch::Device device) {
  std::vector<torch::Tensor> norms;
  for (const auto& parameter : parameters) {
    if (parameter.grad().defined()) norms.push_back(parameter.grad().detach().norm());
  }
  return norms.empty() ? torch::zeros({}, torch::TensorOptions(device)) : torch::stack(norms).norm();
}

// Scalars of one update read from the device in one transfer.
std::vector<double> readScalars(const std::vector<torch::Tensor>& scalars, torch::Device device) {
  std::vector<torch::Tensor> gathered;
  for (const auto& scalar : scalars) gathered.push_back(scalar.detach().to(device, torch::kDouble).reshape({}));
  const torch::Tensor host = torch::stack(gathered).to(torch::kCPU);
  const double* values = host.data_ptr<double>();
  return {values, values + host.numel()};
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
    const torch::Tensor scores = model_->batchScores(DeviceRows(input, begin, end, device_).all(device_))
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

// torch's default generator of a device type: the CPU's, or the current GPU's.
at::Generator defaultGenerator(torch::DeviceType type) {
  return type == torch::kCPU ? at::detail::getDefaultCPUGenerator()
                             : at::globalContext().defaultGenerator(torch::Device(type));
}

torch::Tensor generatorState(torch::DeviceType type) {
  at::Generator generator = defaultGenerator(type);
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void restoreGeneratorState(torch::DeviceType type, const torch::Tensor& state) {
  at::Generator generator = defaultGenerator(type);
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state.to(torch::kCPU));
}

// Who draws from torch's default generators now. An engine holds them from its construction
// to its end but for its waits between batches; readers (withGeneratorsUntouched) take
// them in those waits, and go before an engine that wants them back. Taking is counted per
// thread, so code an engine's own thread runs (a latent frame loading weights) goes on.
class GeneratorTurns {
 public:
  static GeneratorTurns& ofProcess() {
    static GeneratorTurns turns;
    return turns;
  }

  void take(bool reader) {
    if (heldHere_++ > 0) return;
    std::unique_lock<std::mutex> lock(mutex_);
    if (reader) ++readersWaiting_;
    free_.wait(lock, [&] { return !held_ && (reader || readersWaiting_ == 0); });
    if (reader) --readersWaiting_;
    held_ = true;
  }

  void give() {
    if (--heldHere_ > 0) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      held_ = false;
    }
    free_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable free_;
  bool held_ = false;
  int readersWaiting_ = 0;
  static thread_local int heldHere_;
};

thread_local int GeneratorTurns::heldHere_ = 0;

// An engine's turn with the generators, for as long as the engine lives.
struct GeneratorTurn {
  GeneratorTurn() { GeneratorTurns::ofProcess().take(false); }
  ~GeneratorTurn() { GeneratorTurns::ofProcess().give(); }
  GeneratorTurn(const GeneratorTurn&) = delete;
  GeneratorTurn& operator=(const GeneratorTurn&) = delete;
};

// The generators lent for a scope by the engine that holds them.
struct GeneratorsLent {
  GeneratorsLent() { GeneratorTurns::ofProcess().give(); }
  ~GeneratorsLent() { GeneratorTurns::ofProcess().take(false); }
  GeneratorsLent(const GeneratorsLent&) = delete;
  GeneratorsLent& operator=(const GeneratorsLent&) = delete;
};

// A reader's turn: the CPU generator's state is put back as it was found.
struct ReaderTurn {
  ReaderTurn() {
    GeneratorTurns::ofProcess().take(true);
    state = generatorState(torch::kCPU);
  }
  ~ReaderTurn() {
    restoreGeneratorState(torch::kCPU, state);
    GeneratorTurns::ofProcess().give();
  }
  ReaderTurn(const ReaderTurn&) = delete;
  ReaderTurn& operator=(const ReaderTurn&) = delete;
  torch::Tensor state;
};

// DDP's bucket size: few collectives, each large enough to keep the link busy.
constexpr std::int64_t kGradientBucketBytes = 25 << 20;

// Sums the ranks' gradients of `parameters`, flattened into buckets. A parameter the loss
// did not reach gets a zero gradient, so that every rank sends buckets of the same layout.
void sumGradients(RankGroup::Collectives& ranks, const std::vector<torch::Tensor>& parameters) {
  std::vector<torch::Tensor> bucket;
  std::int64_t bytes = 0;
  const auto exchange = [&] {
    if (bucket.empty()) return;
    std::vector<torch::Tensor> flat;
    for (const auto& parameter : bucket) flat.push_back(parameter.grad().reshape({-1}));
    std::vector<torch::Tensor> summed{torch::cat(flat)};
    ranks.sum(summed);
    std::int64_t offset = 0;
    for (const auto& parameter : bucket) {
      torch::Tensor grad = parameter.grad();
      grad.copy_(summed.front().narrow(0, offset, grad.numel()).view_as(grad));
      offset += grad.numel();
    }
    bucket.clear();
    bytes = 0;
  };
  for (const auto& parameter : parameters) {
    if (!parameter.grad().defined()) parameter.mutable_grad() = torch::zeros_like(parameter);
    bucket.push_back(parameter);
    bytes += parameter.numel() * static_cast<std::int64_t>(parameter.element_size());
    if (bytes >= kGradientBucketBytes) exchange();
  }
  exchange();
}

// The rows of a batch one rank trains, and their share of the batch.
struct RankShare {
  std::int64_t first = 0;
  std::int64_t rows = 0;
  double weight = 1.0;
};

// Rank r of W takes rows [r n / W, (r + 1) n / W). A rank left without rows (a batch
// smaller than the world) trains the first row at weight zero, so that it still takes part
// in every collective and its generator stays in step.
RankShare shareOf(std::int64_t rows, const RankGroup* ranks) {
  if (ranks == nullptr) return {0, rows, 1.0};
  const std::int64_t world = ranks->worldSize();
  const std::int64_t first = rows * ranks->rank() / world;
  const std::int64_t last = rows * (ranks->rank() + 1) / world;
  if (last == first) return {0, 1, 0.0};
  return {first, last - first, static_cast<double>(last - first) / static_cast<double>(rows)};
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

// The archive of a checksummed weights file (common/ChecksummedFile.h): a damaged file is
// refused by its checksum before libtorch parses a byte, and what libtorch still refuses
// becomes a sentence naming the file, never a C++ backtrace.
torch::serialize::InputArchive openArchive(const fs::path& file, torch::Device device) {
  const std::string payload = readChecksummedFile(file);
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(payload.data(), payload.size(), device);
  } catch (const c10::Error& e) {
    const std::string reason = e.what_without_backtrace();
    throw InputError(file.string(), 0, "not a readable weights archive: " + reason.substr(0, reason.find('\n')));
  }
  return archive;
}

// Checkpoints and weight files both keep the model under "model".
// Throws Error (the callers name the file) when the archive does not hold this model.
void readModel(torch::serialize::InputArchive& archive, vae::AutoencoderModel& model) {
  try {
    torch::serialize::InputArchive weights;
    archive.read("model", weights);
    model.load(weights);
  } catch (const c10::Error& e) {
    const std::string reason = e.what_without_backtrace();
    throw Error("its weights do not fit the run's model: " + reason.substr(0, reason.find('\n')));
  }
}

void writeModel(torch::serialize::OutputArchive& archive, const vae::AutoencoderModel& model) {
  torch::serialize::OutputArchive weights;
  model.save(weights);
  archive.write("model", weights);
}

c10::IValue readValue(torch::serialize::InputArchive& archive, const std::string& key) {
  c10::IValue value;
  try {
    archive.read(key, value);
  } catch (const c10::Error& e) {
    const std::string reason = e.what_without_backtrace();
    throw Error("it holds no readable '" + key + "': " + reason.substr(0, reason.find('\n')));
  }
  return value;
}

// The archive's bytes; `file` names where they go, for the error.
std::string serializeArchive(torch::serialize::OutputArchive& archive, const fs::path& file) {
  std::string payload;
  try {
    archive.save_to([&payload](const void* data, std::size_t size) {
      payload.append(static_cast<const char*>(data), size);
      return size;
    });
  } catch (const c10::Error& e) {
    const std::string reason = e.what_without_backtrace();
    throw InputError(file.string(), 0, "cannot serialise the weights: " + reason.substr(0, reason.find('\n')));
  }
  return payload;
}

// Serialised into memory first, then written with a checksum footer atomically: a full
// disk is then a write error like any other (libtorch's stream writer threw from its
// destructor and aborted the process).
void writeArchive(const fs::path& file, torch::serialize::OutputArchive& archive) {
  writeChecksummedFile(file, serializeArchive(archive, file));
}

}  // namespace

NonFiniteLoss::NonFiniteLoss(std::int64_t epoch, std::int64_t step, const std::string& phase, double loss)
    : Error("the loss became " + std::string(std::isnan(loss) ? "nan" : "infinite") + " at epoch " +
            std::to_string(epoch) + ", step " + std::to_string(step) + " (phase " + phase + ")") {}

struct TrainingEngine::Impl {
  GeneratorTurn generators;  // first: taken before the seeding, given back last
  TrainerSettings settings;
  ModelTask task;
  torch::Device device;
  std::shared_ptr<vae::AutoencoderModel> model;
  // By phase name, kept across epochs.
  std::map<std::string, std::unique_ptr<torch::optim::Optimizer>> optimizers;
  std::mt19937_64 shuffler;
  std::vector<std::int64_t> userOrder;
  torch::Tensor userOrderOnDevice;
  // The training rows on the device, uploaded once for the matrix they came from.
  std::optional<DeviceRows> trainRows;
  std::tuple<const CsrMatrix*, std::int64_t, std::int64_t> trainRowsKey{nullptr, 0, 0};
  std::int64_t step = 0;
  std::int64_t epoch = 1;  // the epoch being trained, or the next one
  std::shared_ptr<RankGroup> ranks;  // null: this process trains alone
  bool paramsChanged = false;        // rank 0 sends its parameters with the next batch's go-ahead
  bool ranksReleased = false;        // the other ranks know that training has ended

  Impl(const ModelFamily& definition, const ParamSet& params, std::int64_t items, std::shared_ptr<RankGroup> group)
      : settings(trainerSettings(params)),
        task(definition.task),
        device(deviceNamed(resolveDevice(settings.device))),
        shuffler(settings.seed),
        ranks(std::move(group)) {
    setComputeThreads(settings.threads);
    // Process-wide in libtorch: the engine that trains last decides.
    at::globalContext().setFloat32MatmulPrecision(settings.precision == "tf32" ? "high" : "highest");
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
    userOrderOnDevice = torch::from_blob(userOrder.data(), {users}, torch::kLong).to(device);
  }

  void uploadTrainingRows(const CsrMatrix& train) {
    const auto key = std::make_tuple(&train, train.rows(), train.nonZeros());
    if (trainRows && key == trainRowsKey) return;
    trainRows.emplace(train, 0, train.rows(), device);
    trainRowsKey = key;
  }

  // One batch: an update on its rows (this rank's share of them), then one on each
  // follow-up batch the loss asks for.
  BatchRecord trainBatch(const CsrMatrix& train, std::int64_t begin, std::int64_t end,
                         const vae::Phase& phase, const std::string& prefix) {
    const auto started = std::chrono::steady_clock::now();
    auto& optimizer = optimizerFor(phase);
    BatchRecord record{0, end - begin, {}};
    const RankShare share = shareOf(end - begin, ranks.get());
    const std::int64_t first = begin + share.first;
    vae::Batch batch = trainRows->gather(userOrderOnDevice.slice(0, first, first + share.rows),
                                         entriesOf(train, userOrder.data() + first, share.rows));
    if (ranks) batch.shard = vae::RowShard{share.first, end - begin, train.cols()};
    for (;;) {
      vae::Loss loss = forward(batch, phase);
      // Every gradient, not only this phase's: RecVAE's encoder loss also reaches the
      // decoder, whose optimiser must not see it accumulated in the next phase.
      model->zero_grad();
      (ranks ? loss.total * share.weight : loss.total).backward();
      std::vector<torch::Tensor> reported{loss.total};
      for (const auto& term : loss.terms) reported.push_back(term.second);
      if (ranks) combineRanks(reported, share.weight, phase.allParameters());
      // One read from the device per update: the loss, checked before the step is taken,
      // the gradient norm as the loss left it (before the model's own scaling), the terms.
      reported.insert(reported.begin() + 1, gradientNorm(phase.allParameters(), device));
      const std::vector<double> values = readScalars(reported, device);
      if (!std::isfinite(values[0])) throw NonFiniteLoss(epoch, step, phase.name, values[0]);
      model->beforeOptimizerStep(phase);
      optimizer.step();
      ++step;
      // A follow-up reports its own terms only: the batch's loss, rate and norm are the data's.
      if (batch.followUp == 0) {
        record.scalars.emplace_back(prefix + "loss", values[0]);
        record.scalars.emplace_back(prefix + "lr", optimizer.param_groups().front().options().get_lr());
        record.scalars.emplace_back(prefix + "grad_norm", values[1]);
      }
      for (std::size_t t = 0; t < loss.terms.size(); ++t)
        record.scalars.emplace_back(prefix + loss.terms[t].first, values[t + 2]);
      if (!loss.followUp) break;
      batch = std::move(*loss.followUp);
    }
    record.step = step;
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
    record.scalars.emplace_back(prefix + "users_per_second",
                                static_cast<double>(record.users) / seconds.count());
    return record;
  }

  // Each rank weighted its loss by its share of the batch's rows, so the sums over the
  // ranks are the whole batch's mean loss, its terms and its gradient.
  void combineRanks(std::vector<torch::Tensor>& reported, double weight, const std::vector<torch::Tensor>& parameters) {
    std::vector<torch::Tensor> detached;
    for (const auto& scalar : reported) detached.push_back(scalar.detach().to(torch::kDouble).reshape({}));
    std::vector<torch::Tensor> sums{torch::stack(detached) * weight};
    ranks->collectives().sum(sums);
    for (std::size_t i = 0; i < reported.size(); ++i) reported[i] = sums.front()[static_cast<std::int64_t>(i)];
    sumGradients(ranks->collectives(), parameters);
  }

  // Whether to train the next batch: rank 0's gate decides and tells the others, with its
  // parameters when a live change altered them.
  bool agreeOnNextBatch(const BatchGate& beforeBatch) {
    if (!ranks) return beforeBatch();
    bool go = true;
    std::string params;
    if (ranks->leads()) {
      go = beforeBatch();
      if (paramsChanged) params = serializeParams(model->params());
    }
    torch::Tensor message = torch::tensor({static_cast<std::int64_t>(go), static_cast<std::int64_t>(params.size())});
    ranks->collectives().broadcast(message, true);
    go = message[0].item<std::int64_t>() != 0;
    if (const std::int64_t length = message[1].item<std::int64_t>(); length > 0) {
      const std::string received = broadcastText(params, length);
      if (!ranks->leads()) {
        assignParams(model->params(), received);
        refreshLearningRates();
      }
    }
    paramsChanged = false;
    ranksReleased = !go;
    return go;
  }

  // Rank 0's `text` (of `length` bytes) on every rank.
  std::string broadcastText(const std::string& text, std::int64_t length) {
    torch::Tensor bytes = ranks->leads() ? torch::from_blob(const_cast<char*>(text.data()), {length}, torch::kUInt8).clone()
                                         : torch::empty({length}, torch::kUInt8);
    ranks->collectives().broadcast(bytes, true);
    return {reinterpret_cast<const char*>(bytes.data_ptr<std::uint8_t>()), static_cast<std::size_t>(length)};
  }

  bool trainEpoch(const CsrMatrix& train, std::int64_t epoch, const BatchGate& beforeBatch,
                  const BatchObserver& afterBatch);
  torch::serialize::OutputArchive checkpointArchive(const TrainerProgress& progress) const;
  TrainerProgress restoreCheckpoint(torch::serialize::InputArchive& archive);

  // The loss in the run's precision; backward then follows the forward's types.
  vae::Loss forward(const vae::Batch& batch, const vae::Phase& phase) {
    PrecisionScope precision(settings.precision, device);
    return model->loss(batch, phase, vae::TrainingClock{step, epoch});
  }
};

TrainingEngine::TrainingEngine(const ModelFamily& model, const ParamSet& params, std::int64_t items,
                               std::shared_ptr<RankGroup> ranks)
    : impl_(std::make_unique<Impl>(model, params, items, std::move(ranks))) {}

TrainingEngine::~TrainingEngine() = default;

bool TrainingEngine::trainEpoch(const CsrMatrix& train, std::int64_t epoch, const BatchGate& beforeBatch,
                                const BatchObserver& afterBatch) {
  try {
    return impl_->trainEpoch(train, epoch, beforeBatch, afterBatch);
  } catch (const NonFiniteLoss&) {
    impl_->ranksReleased = true;  // every rank saw the same loss and stops
    throw;
  } catch (const RankLost&) {
    impl_->ranksReleased = true;
    throw;
  }
}

bool TrainingEngine::Impl::trainEpoch(const CsrMatrix& train, std::int64_t epoch, const BatchGate& beforeBatch,
                                      const BatchObserver& afterBatch) {
  Impl& m = *this;
  m.epoch = epoch;
  const auto phases = m.model->phases();
  const std::int64_t users = train.rows();
  m.uploadTrainingRows(train);
  for (const auto& phase : phases) {
    // Scalars of different phases are different curves.
    const std::string prefix = phases.size() > 1 ? phase.name + "/" : "";
    m.applyLearningRate(phase);
    m.model->train();
    for (int pass = 0; pass < phase.passes; ++pass) {
      m.reshuffleUsers(users);
      for (std::int64_t begin = 0; begin < users; begin += m.settings.batchSize) {
        if (!m.agreeOnNextBatch(beforeBatch)) return false;
        afterBatch(m.trainBatch(train, begin, std::min(begin + m.settings.batchSize, users), phase, prefix));
      }
    }
    m.model->afterPhase(phase);
  }
  return true;
}

std::int64_t TrainingEngine::step() const { return impl_->step; }

void TrainingEngine::synchronize() const {
  if (impl_->device.is_cuda()) torch::cuda::synchronize();
}

std::int64_t TrainingEngine::matrixWeights() const {
  std::int64_t entries = 0;
  for (const auto& named : impl_->model->named_parameters()) {
    const std::string& name = named.key();
    const bool weight = name.size() >= 6 && name.compare(name.size() - 6, 6, "weight") == 0;
    if (weight && named.value().dim() == 2) entries += named.value().numel();
  }
  return entries;
}

// Declared in Training.h; defined here, in the trainer's torch translation unit.
double matrixProductRate(const std::string& device, const std::string& precision) {
  const torch::Device where(resolveDevice(device));
  const std::int64_t n = where.is_cuda() ? 8192 : 2048;
  const auto options = torch::TensorOptions(where).dtype(precision == "bf16" ? torch::kBFloat16 : torch::kFloat);
  const torch::Tensor a = torch::randn({n, n}, options);
  const torch::Tensor b = torch::randn({n, n}, options);
  at::globalContext().setFloat32MatmulPrecision(precision == "tf32" ? "high" : "highest");
  const auto run = [&](int times) {
    for (int i = 0; i < times; ++i) torch::mm(a, b);
    if (where.is_cuda()) torch::cuda::synchronize();
  };
  run(3);
  constexpr int kTimes = 10;
  const auto started = std::chrono::steady_clock::now();
  run(kTimes);
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
  return 2.0 * static_cast<double>(n) * n * n * kTimes / seconds.count();
}

void TrainingEngine::setParameter(const std::string& name, const std::string& value) {
  impl_->model->params().set(name, value);
  impl_->refreshLearningRates();
  impl_->paramsChanged = true;
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

torch::serialize::OutputArchive TrainingEngine::Impl::checkpointArchive(const TrainerProgress& progress) const {
  const Impl& m = *this;
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
  archive.write("torch_generator", generatorState(torch::kCPU));
  // Dropout, masks and sampling noise of a GPU run draw from the GPU's generator.
  if (m.device.is_cuda()) archive.write("cuda_generator", generatorState(torch::kCUDA));
  archive.write("params", serializeParams(m.model->params()));
  archive.write("epochs_done", progress.epochsDone);
  archive.write("best_epoch", progress.bestEpoch);
  archive.write("best_metric", progress.bestMetric);
  archive.write("elapsed_seconds", progress.elapsedSeconds);
  archive.write("event_log_size", static_cast<std::int64_t>(progress.eventLogSize));
  return archive;
}

TrainerProgress TrainingEngine::Impl::restoreCheckpoint(torch::serialize::InputArchive& archive) {
  Impl& m = *this;
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
  restoreGeneratorState(torch::kCPU, generatorState);
  torch::Tensor cudaGeneratorState;
  if (m.device.is_cuda() && archive.try_read("cuda_generator", cudaGeneratorState))
    restoreGeneratorState(torch::kCUDA, cudaGeneratorState);

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

bool TrainingEngine::acrossPause(const std::function<bool()>& wait) {
  const torch::Tensor cpu = generatorState(torch::kCPU);
  const torch::Tensor gpu = impl_->device.is_cuda() ? generatorState(torch::kCUDA) : torch::Tensor();
  const bool result = [&] {
    const GeneratorsLent lent;
    return wait();
  }();
  restoreGeneratorState(torch::kCPU, cpu);
  if (gpu.defined()) restoreGeneratorState(torch::kCUDA, gpu);
  return result;
}

void withGeneratorsUntouched(const std::function<void()>& draws) {
  const ReaderTurn turn;
  draws();
}

std::shared_ptr<vae::AutoencoderModel> modelToRead(const ModelFamily& definition, const ParamSet& params,
                                                   std::int64_t items) {
  std::shared_ptr<vae::AutoencoderModel> model;
  withGeneratorsUntouched([&] { model = definition.create(params, items); });
  return model;
}

void TrainingEngine::saveCheckpoint(const fs::path& file, const TrainerProgress& progress) const {
  auto archive = impl_->checkpointArchive(progress);
  writeArchive(file, archive);
}

TrainerProgress TrainingEngine::loadCheckpoint(const fs::path& file) {
  auto archive = openArchive(file, impl_->device);
  return impl_->restoreCheckpoint(archive);
}

TrainerProgress TrainingEngine::shareState(const TrainerProgress& progress) {
  Impl& m = *impl_;
  if (!m.ranks || m.ranks->worldSize() == 1) return progress;
  std::string payload;
  if (m.ranks->leads()) {
    auto archive = m.checkpointArchive(progress);
    payload = serializeArchive(archive, "the state sent to the other ranks");
  }
  torch::Tensor length = torch::tensor({static_cast<std::int64_t>(payload.size())});
  m.ranks->collectives().broadcast(length, true);
  payload = m.broadcastText(payload, length.item<std::int64_t>());
  if (m.ranks->leads()) return progress;
  torch::serialize::InputArchive archive;
  archive.load_from(payload.data(), payload.size(), m.device);
  return m.restoreCheckpoint(archive);
}

void TrainingEngine::releaseRanks() noexcept {
  Impl& m = *impl_;
  if (!m.ranks || !m.ranks->leads() || m.ranksReleased) return;
  m.ranksReleased = true;
  try {
    torch::Tensor message = torch::tensor({std::int64_t{0}, std::int64_t{0}});
    m.ranks->collectives().broadcast(message, false);
  } catch (const std::exception&) {
    // The others are gone already: nobody is left to tell.
  }
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

std::unique_ptr<Recommender> loadAutoencoderRecommender(const ModelFamily& definition,
                                                        const ParamSet& params, std::int64_t items,
                                                        const fs::path& weightsFile) {
  // Scoring uses the threads this process was given (--threads, the window's share): the
  // run's recorded ones were its training's, and setting them would slow a run in training.
  const TrainerSettings settings = trainerSettings(params);
  // A run trained on a GPU must still score on a machine without one.
  const bool cuda = settings.device != "cpu" && torch::cuda::is_available();
  const torch::Device device(cuda ? torch::kCUDA : torch::kCPU);
  auto model = modelToRead(definition, params, items);
  model->to(device);
  auto archive = openArchive(weightsFile, device);
  readModel(archive, *model);
  model->eval();
  return std::make_unique<AutoencoderRecommender>(std::move(model), device, items);
}

void loadBestWeights(const fs::path& runFolder, vae::AutoencoderModel& model) {
  const fs::path weights = runBestModelPath(runFolder);
  if (!fs::exists(weights)) throw Error("'" + runFolder.string() + "' holds no trained weights yet (best.pt)");
  readingRunFile(weights, [&] {
    auto archive = openArchive(weights, torch::kCPU);
    readModel(archive, model);
  });
}

}  // namespace vaecf
