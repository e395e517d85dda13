#include "ease/Ease.h"

#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/cholesky_inverse.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/linalg_cholesky_ex.h>
#include <ATen/ops/mm.h>
#include <ATen/ops/zeros.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <limits>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>

#include "common/AtomicFile.h"
#include "common/Compute.h"
#include "common/AvailableMemory.h"
#include "common/Error.h"

namespace vaecf {

struct EaseRecommender::Weights {
  at::Tensor b;  // [items, items] float32; row i holds what item i adds to every item's score
};

namespace {

constexpr double kBytesPerGiB = 1024.0 * 1024.0 * 1024.0;

// Accumulating rows of B costs ~nnz * items memory reads, a dense batch product
// ~items^2 flops per row; with OpenBLAS the product wins once rows hold more than about
// 1/16 of the catalogue (measured at 3.5k and 20k items).
constexpr std::int64_t kDenseScoringShare = 16;

// The model file: this header, then B row-major as little-endian float32.
constexpr char kMagic[12] = "vaecf-ease\n";
constexpr std::uint32_t kFormatVersion = 1;
struct FileHeader {
  char magic[sizeof(kMagic)];
  std::uint32_t version;
  std::int64_t items;
  std::uint64_t checksum;  // of the payload, see payloadChecksum
};

// -- memory ---------------------------------------------------------------------------

std::uint64_t matrixBytes(std::int64_t items, std::size_t elementBytes, double matrices) {
  const double bytes =
      matrices * static_cast<double>(items) * static_cast<double>(items) * static_cast<double>(elementBytes);
  constexpr double largest = static_cast<double>(std::numeric_limits<std::uint64_t>::max());
  return bytes >= largest ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(bytes);
}

std::size_t workingBytes(bool float64) { return float64 ? sizeof(double) : sizeof(float); }

std::string gib(std::uint64_t bytes) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / kBytesPerGiB;
  return text.str();
}

void requireMemory(std::uint64_t needed, std::int64_t items, bool float64) {
  const std::optional<AvailableMemory> available = availableMemory();
  if (!available) return;
  if (const std::string refusal = easeMemoryRefusal(needed, items, float64, *available); !refusal.empty())
    throw Error(refusal);
}

// -- fitting --------------------------------------------------------------------------

void requirePositiveLambda(double lambda) {
  if (!(lambda > 0.0) || !std::isfinite(lambda)) {
    throw Error("EASE lambda must be a positive number, got " + std::to_string(lambda));
  }
}

// The users of each item (the transpose of the training matrix), for row-wise Gram updates.
struct ItemUsers {
  std::vector<std::int64_t> start;  // users of item i: entries [start[i], start[i + 1])
  std::vector<std::int64_t> users;
  std::vector<float> values;
};

ItemUsers itemUsers(const CsrMatrix& train) {
  ItemUsers transposed;
  transposed.start.assign(static_cast<std::size_t>(train.cols()) + 1, 0);
  for (const std::int32_t column : train.columns()) ++transposed.start[static_cast<std::size_t>(column) + 1];
  std::partial_sum(transposed.start.begin(), transposed.start.end(), transposed.start.begin());
  transposed.users.resize(static_cast<std::size_t>(train.nonZeros()));
  transposed.values.resize(static_cast<std::size_t>(train.nonZeros()));
  std::vector<std::int64_t> next(transposed.start.begin(), transposed.start.end() - 1);
  for (std::int64_t user = 0; user < train.rows(); ++user) {
    for (std::int64_t k = 0; k < train.rowSize(user); ++k) {
      const auto slot = static_cast<std::size_t>(next[static_cast<std::size_t>(train.rowColumns(user)[k])]++);
      transposed.users[slot] = user;
      transposed.values[slot] = train.value(user, k);
    }
  }
  return transposed;
}

// G = X^T X built one row at a time: row i of G sums the rows of the users of item i,
// weighted by their value for i. The work is the sum of squared user row sizes, far below
// the dense product's users * items^2 on sparse data, and the row being summed stays in
// cache (4x faster than scattering each user's item pairs over all of G on ML-1M).
// Threads take rows in turn (i modulo threads) because popular items cluster at low indices.
template <typename Scalar>
void accumulateGram(const CsrMatrix& train, Scalar* gram) {
  const std::int64_t items = train.cols();
  const ItemUsers byItem = itemUsers(train);
  const std::int64_t threads = at::get_num_threads();
  at::parallel_for(0, threads, 1, [&](std::int64_t firstThread, std::int64_t lastThread) {
    for (std::int64_t thread = firstThread; thread < lastThread; ++thread) {
      for (std::int64_t item = thread; item < items; item += threads) {
        Scalar* gramRow = gram + item * items;
        for (auto k = byItem.start[static_cast<std::size_t>(item)];
             k < byItem.start[static_cast<std::size_t>(item) + 1]; ++k) {
          const std::int64_t user = byItem.users[static_cast<std::size_t>(k)];
          const Scalar weight = byItem.values[static_cast<std::size_t>(k)];
          const std::int32_t* columns = train.rowColumns(user);
          for (std::int64_t q = 0; q < train.rowSize(user); ++q)
            gramRow[columns[q]] += weight * train.value(user, q);
        }
      }
    }
  });
}

at::Tensor gramMatrix(const CsrMatrix& train, bool float64) {
  at::Tensor gram = at::zeros({train.cols(), train.cols()}, float64 ? at::kDouble : at::kFloat);
  if (float64) {
    accumulateGram(train, gram.data_ptr<double>());
  } else {
    accumulateGram(train, gram.data_ptr<float>());
  }
  return gram;
}

// B = I - P diag(1 / diag(P)) with zero diagonal, P = regularisedGram^-1 (docs/models.md 3.5),
// by Cholesky in the Gram matrix's precision. The Gram matrix comes by value so that it is
// freed once factorised: at most two I x I matrices are alive at once.
at::Tensor easeWeights(at::Tensor regularisedGram, const TaskContext& context) {
  context.checkCancelled();
  auto [factor, info] = at::linalg_cholesky_ex(regularisedGram);
  regularisedGram = at::Tensor();
  if (info.item<int>() != 0) {
    throw Error(
        "EASE: the regularised Gram matrix is not positive definite in this precision; "
        "use float64 or a larger lambda");
  }
  context.checkCancelled();
  at::Tensor inverse = at::cholesky_inverse(factor);
  factor = at::Tensor();
  const at::Tensor diagonal = inverse.diagonal().clone();
  inverse.div_(diagonal.neg());  // column j divided by -P_jj
  inverse.diagonal().zero_();
  return inverse.to(at::kFloat).contiguous();
}

// -- scoring --------------------------------------------------------------------------

void scoreByRowAccumulation(const CsrMatrix& input, std::int64_t begin, std::int64_t end,
                            const float* weights, std::int64_t items, float* out) {
  at::parallel_for(begin, end, 8, [&](std::int64_t first, std::int64_t last) {
    for (std::int64_t row = first; row < last; ++row) {
      float* target = out + (row - begin) * items;
      std::fill(target, target + items, 0.0F);
      const std::int32_t* columns = input.rowColumns(row);
      for (std::int64_t k = 0; k < input.rowSize(row); ++k) {
        const float* source = weights + static_cast<std::int64_t>(columns[k]) * items;
        const float value = input.value(row, k);
        for (std::int64_t j = 0; j < items; ++j) target[j] += value * source[j];
      }
    }
  });
}

void scoreByDenseProduct(const CsrMatrix& input, std::int64_t begin, std::int64_t end,
                         const at::Tensor& weights, float* out) {
  const std::int64_t items = weights.size(0);
  at::Tensor batch = at::zeros({end - begin, items}, at::kFloat);
  float* dense = batch.data_ptr<float>();
  for (std::int64_t row = begin; row < end; ++row) {
    const std::int32_t* columns = input.rowColumns(row);
    for (std::int64_t k = 0; k < input.rowSize(row); ++k) {
      dense[(row - begin) * items + columns[k]] += input.value(row, k);
    }
  }
  at::Tensor target = at::from_blob(out, {end - begin, items}, at::kFloat);
  at::mm_out(target, batch, weights);
}

// -- persistence ----------------------------------------------------------------------

// FNV-1a over the payload's 32-bit words: cheap enough for gigabytes, and catches the
// flipped or zeroed blocks that a size check cannot.
std::uint64_t payloadChecksum(const float* values, std::int64_t count) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (std::int64_t i = 0; i < count; ++i) {
    std::uint32_t word = 0;
    std::memcpy(&word, values + i, sizeof word);
    hash = (hash ^ word) * 1099511628211ULL;
  }
  return hash;
}

FileHeader readHeader(std::istream& in, const std::filesystem::path& file) {
  FileHeader header{};
  in.read(header.magic, sizeof header.magic);
  in.read(reinterpret_cast<char*>(&header.version), sizeof header.version);
  in.read(reinterpret_cast<char*>(&header.items), sizeof header.items);
  in.read(reinterpret_cast<char*>(&header.checksum), sizeof header.checksum);
  if (!in || std::memcmp(header.magic, kMagic, sizeof kMagic) != 0) {
    throw InputError(file.string(), 0, "not an EASE model file");
  }
  if (header.version != kFormatVersion) {
    throw InputError(file.string(), 0,
                     "EASE model format version " + std::to_string(header.version) +
                         " is not supported (this build reads " + std::to_string(kFormatVersion) + ")");
  }
  return header;
}

constexpr std::uint64_t kHeaderBytes =
    sizeof(kMagic) + sizeof(FileHeader::version) + sizeof(FileHeader::items) + sizeof(FileHeader::checksum);

// The payload must hold exactly items^2 floats; checked by division, so that a corrupt
// item count can neither overflow nor trigger a huge allocation.
void requirePayloadSize(const std::filesystem::path& file, std::int64_t items) {
  const std::uint64_t size = std::filesystem::file_size(file);
  const std::uint64_t floats = (size - kHeaderBytes) / sizeof(float);
  const auto n = static_cast<std::uint64_t>(items);
  if (items <= 0 || (size - kHeaderBytes) % sizeof(float) != 0 || floats % n != 0 || floats / n != n) {
    throw InputError(file.string(), 0,
                     "truncated or corrupt EASE model: " + std::to_string(size) + " bytes do not hold " +
                         std::to_string(items) + " x " + std::to_string(items) + " weights");
  }
}

void requireZeroDiagonal(const at::Tensor& weights, const std::filesystem::path& file) {
  const float* b = weights.data_ptr<float>();
  const std::int64_t items = weights.size(0);
  for (std::int64_t i = 0; i < items; ++i) {
    if (b[i * items + i] != 0.0F) throw InputError(file.string(), 0, "EASE weights have a non-zero diagonal");
  }
}

}  // namespace

std::string easeMemoryRefusal(std::uint64_t needed, std::int64_t items, bool float64,
                              const AvailableMemory& available) {
  if (needed <= available.bytes) return {};
  std::string message = "EASE needs about " + gib(needed) + " GiB for " + std::to_string(items) +
                        " items but only " + gib(available.bytes) + " GiB are available" +
                        (available.containerLimit ? " under this container's memory limit" : "") +
                        "; restrict the catalogue (e.g. drop rare items) or use a machine with more memory";
  if (float64) message += " (float32 would halve the need at some cost in accuracy)";
  return message;
}

// A selection fits the next lambda while it holds the best model so far (float32).
std::uint64_t easeSelectionMemoryEstimate(std::int64_t items, bool float64) {
  return easeMemoryEstimate(items, float64) + matrixBytes(items, sizeof(float), 1);
}

std::uint64_t easeMemoryEstimate(std::int64_t items, bool float64) {
  // Measured peaks: 2.07 working matrices at 5,000 items (Gram matrix and Cholesky factor,
  // then factor and inverse) but about 3 at 20,108 items (10.1 GiB process peak less ~1 GiB
  // of data and LibTorch), so three are counted: the small case hid a transient copy.
  return matrixBytes(items, workingBytes(float64), 3);
}

std::unique_ptr<EaseRecommender> EaseRecommender::fit(const CsrMatrix& train, const EaseOptions& options,
                                                      const TaskContext& context) {
  requirePositiveLambda(options.lambda);
  if (train.cols() < 1) throw Error("EASE needs at least one item");
  requireMemory(easeMemoryEstimate(train.cols(), options.float64), train.cols(), options.float64);
  constexpr std::uint64_t steps = 2;
  context.report("ease", 0, steps);
  const c10::Device device(resolveDevice(options.device));
  at::Tensor gram = gramMatrix(train, options.float64);
  gram.diagonal().add_(options.lambda);
  context.report("ease", 1, steps);
  // The Gram matrix is accumulated from the sparse rows on the host; only its inversion,
  // the cubic part, moves to a GPU.
  at::Tensor b = easeWeights(gram.to(device), context).to(at::kCPU);
  auto weights = std::make_unique<Weights>(Weights{std::move(b)});
  context.report("ease", 2, steps);
  return std::unique_ptr<EaseRecommender>(new EaseRecommender(std::move(weights)));
}

EaseRecommender::EaseRecommender(std::unique_ptr<Weights> weights) : weights_(std::move(weights)) {}

EaseRecommender::~EaseRecommender() = default;

std::int64_t EaseRecommender::items() const { return weights_->b.size(0); }

void EaseRecommender::score(const CsrMatrix& input, std::int64_t begin, std::int64_t end, float* out) const {
  if (input.cols() != items()) {
    throw Error("EASE was fitted on " + std::to_string(items()) + " items but the input has " +
                std::to_string(input.cols()));
  }
  const std::int64_t storedEntries = input.rowStart()[end] - input.rowStart()[begin];
  if (storedEntries * kDenseScoringShare > (end - begin) * items()) {
    scoreByDenseProduct(input, begin, end, weights_->b, out);
  } else {
    scoreByRowAccumulation(input, begin, end, weights_->b.data_ptr<float>(), items(), out);
  }
}

void EaseRecommender::save(const std::filesystem::path& file) const {
  const at::Tensor& b = weights_->b;
  const std::int64_t count = b.numel();
  FileHeader header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.version = kFormatVersion;
  header.items = items();
  header.checksum = payloadChecksum(b.data_ptr<float>(), count);
  writeFileAtomically(file, [&](std::ostream& out) {
    out.write(header.magic, sizeof header.magic);
    out.write(reinterpret_cast<const char*>(&header.version), sizeof header.version);
    out.write(reinterpret_cast<const char*>(&header.items), sizeof header.items);
    out.write(reinterpret_cast<const char*>(&header.checksum), sizeof header.checksum);
    out.write(reinterpret_cast<const char*>(b.data_ptr<float>()),
              static_cast<std::streamsize>(count * static_cast<std::int64_t>(sizeof(float))));
  });
}

std::unique_ptr<EaseRecommender> EaseRecommender::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open the EASE model");
  const FileHeader header = readHeader(in, file);
  requirePayloadSize(file, header.items);

  at::Tensor b = at::empty({header.items, header.items}, at::kFloat);
  in.read(reinterpret_cast<char*>(b.data_ptr<float>()),
          static_cast<std::streamsize>(b.numel() * static_cast<std::int64_t>(sizeof(float))));
  if (!in) throw InputError(file.string(), 0, "could not read the EASE weights");
  if (payloadChecksum(b.data_ptr<float>(), b.numel()) != header.checksum) {
    throw InputError(file.string(), 0, "checksum mismatch: the EASE model file is corrupt");
  }
  requireZeroDiagonal(b, file);
  return std::unique_ptr<EaseRecommender>(new EaseRecommender(std::make_unique<Weights>(Weights{b})));
}

EaseSelection selectEaseLambda(const CsrMatrix& train, const CsrMatrix& validationFoldIn,
                               const CsrMatrix& validationHeldout, const std::vector<double>& grid,
                               bool float64, const EvaluationOptions& evaluation,
                               const TaskContext& context) {
  if (grid.empty()) throw Error("the EASE lambda grid is empty");
  for (const double lambda : grid) requirePositiveLambda(lambda);
  requireMemory(easeSelectionMemoryEstimate(train.cols(), float64), train.cols(), float64);

  // Each lambda is a full fit. Sharing one eigendecomposition of G across the grid
  // measured slower: eigh took 8x a Cholesky fit (3.5k items, OpenBLAS) and every lambda
  // then still costs an I^3 product; recomputing G is a small share of a fit.
  const TaskContext quiet{nullptr, context.cancelFlag};
  const MetricSpec ndcg100{MetricKind::Ndcg, 100};
  EvaluationOptions ndcgOnly = evaluation;
  ndcgOnly.metrics = {ndcg100};

  EaseSelection selection;
  double bestNdcg = -1.0;
  context.report("ease", 0, grid.size());
  for (std::size_t step = 0; step < grid.size(); ++step) {
    context.checkCancelled();
    const double lambda = grid[step];
    std::unique_ptr<EaseRecommender> model = EaseRecommender::fit(train, {lambda, float64}, quiet);
    const double ndcg = evaluate(*model, validationFoldIn, validationHeldout, ndcgOnly, quiet)
                            .metrics.at(ndcg100.name())
                            .mean;
    selection.validationNdcgByLambda.emplace_back(lambda, ndcg);
    if (ndcg > bestNdcg || (ndcg == bestNdcg && lambda < selection.lambda)) {
      bestNdcg = ndcg;
      selection.lambda = lambda;
      selection.model = std::move(model);
    }
    context.report("ease", step + 1, grid.size());
  }
  return selection;
}

}  // namespace vaecf
