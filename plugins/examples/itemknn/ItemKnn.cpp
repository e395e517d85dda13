// Item-based k-nearest neighbours (Sarwar et al. 2001; Deshpande & Karypis 2004), the
// example of a model plugin (plugins/README.md). Similarity between items i and j is the
// cosine of their user columns, shrunk towards zero for items seen by few users:
//   s(i, j) = |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink),
// of which each item keeps its `neighbours` most similar items. A user's score for item j
// is the sum of s(i, j) over the items i the user has and whose neighbours include j.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/AtomicFile.h"
#include "common/AvailableMemory.h"
#include "common/Error.h"
#include "plugin/PluginApi.h"

namespace itemknn {
namespace {

namespace fs = std::filesystem;
using vaecf::CsrMatrix;
using vaecf::Error;
using vaecf::InputError;

const char* const kModelFile = "itemknn.bin";
const char kMagic[8] = {'V', 'A', 'E', 'C', 'F', 'K', 'N', 'N'};

struct Neighbour {
  std::int32_t item;
  float similarity;
};

class ItemKnn final : public vaecf::Recommender {
 public:
  explicit ItemKnn(std::vector<std::vector<Neighbour>> neighbours) : neighbours_(std::move(neighbours)) {}

  std::int64_t items() const override { return static_cast<std::int64_t>(neighbours_.size()); }

  void score(const CsrMatrix& input, std::int64_t begin, std::int64_t end, float* out) const override {
    const std::int64_t items = this->items();
    std::fill(out, out + (end - begin) * items, 0.0F);
    for (std::int64_t row = begin; row < end; ++row) {
      float* scores = out + (row - begin) * items;
      const std::int32_t* known = input.rowColumns(row);
      for (std::int64_t k = 0; k < input.rowSize(row); ++k)
        for (const Neighbour& neighbour : neighbours_[static_cast<std::size_t>(known[k])])
          scores[neighbour.item] += neighbour.similarity;
    }
  }

  const std::vector<std::vector<Neighbour>>& neighbours() const { return neighbours_; }

 private:
  std::vector<std::vector<Neighbour>> neighbours_;
};

// The users of each item: the training matrix's columns.
std::vector<std::vector<std::int32_t>> usersByItem(const CsrMatrix& train) {
  std::vector<std::vector<std::int32_t>> users(static_cast<std::size_t>(train.cols()));
  for (std::int64_t row = 0; row < train.rows(); ++row)
    for (std::int64_t k = 0; k < train.rowSize(row); ++k)
      users[static_cast<std::size_t>(train.rowColumns(row)[k])].push_back(static_cast<std::int32_t>(row));
  return users;
}

// Item i's `keep` most similar items, best first (ties: lower item id first).
std::vector<Neighbour> nearest(std::int32_t item, const CsrMatrix& train,
                               const std::vector<std::vector<std::int32_t>>& users, double shrink, std::size_t keep,
                               std::vector<std::int32_t>& coCounts, std::vector<std::int32_t>& touched) {
  for (const std::int32_t user : users[static_cast<std::size_t>(item)]) {
    for (std::int64_t k = 0; k < train.rowSize(user); ++k) {
      const std::int32_t other = train.rowColumns(user)[k];
      if (other == item) continue;
      if (coCounts[static_cast<std::size_t>(other)]++ == 0) touched.push_back(other);
    }
  }
  std::vector<Neighbour> candidates;
  candidates.reserve(touched.size());
  const double ownUsers = static_cast<double>(users[static_cast<std::size_t>(item)].size());
  for (const std::int32_t other : touched) {
    const double otherUsers = static_cast<double>(users[static_cast<std::size_t>(other)].size());
    const double similarity = coCounts[static_cast<std::size_t>(other)] / (std::sqrt(ownUsers * otherUsers) + shrink);
    candidates.push_back({other, static_cast<float>(similarity)});
    coCounts[static_cast<std::size_t>(other)] = 0;
  }
  touched.clear();
  const auto better = [](const Neighbour& a, const Neighbour& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.item < b.item;
  };
  const std::size_t kept = std::min(keep, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept), candidates.end(),
                    better);
  candidates.resize(kept);
  return candidates;
}

std::unique_ptr<ItemKnn> fitItemKnn(const CsrMatrix& train, std::int64_t neighbours, double shrink,
                                    const vaecf::TaskContext& context) {
  const auto items = static_cast<std::size_t>(train.cols());
  const std::uint64_t bytes = static_cast<std::uint64_t>(items) *
                              (static_cast<std::uint64_t>(neighbours) * sizeof(Neighbour) + 2 * sizeof(std::int32_t));
  const auto available = vaecf::availableMemory();
  if (available && bytes > available->bytes)
    throw Error("item-kNN's neighbour lists need about " + std::to_string(bytes >> 20) + " MiB and only " +
                std::to_string(available->bytes >> 20) + " MiB are available: lower neighbours");
  const auto users = usersByItem(train);
  std::vector<std::int32_t> coCounts(items, 0), touched;
  std::vector<std::vector<Neighbour>> lists(items);
  for (std::size_t item = 0; item < items; ++item) {
    if (item % 256 == 0) {
      context.checkCancelled();
      context.report("itemknn", item, items);
    }
    lists[item] = nearest(static_cast<std::int32_t>(item), train, users, shrink, static_cast<std::size_t>(neighbours),
                          coCounts, touched);
  }
  context.report("itemknn", items, items);
  return std::make_unique<ItemKnn>(std::move(lists));
}

// ---- The model file: magic, item count, then per item its neighbour count and pairs ----

template <typename T>
void writeValue(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

void save(const ItemKnn& model, const fs::path& file) {
  vaecf::writeFileAtomically(file, [&](std::ostream& out) {
    out.write(kMagic, sizeof kMagic);
    writeValue(out, model.items());
    for (const auto& list : model.neighbours()) {
      writeValue(out, static_cast<std::int64_t>(list.size()));
      for (const Neighbour& neighbour : list) {
        writeValue(out, neighbour.item);
        writeValue(out, neighbour.similarity);
      }
    }
  });
}

template <typename T>
T readValue(std::istream& in, const fs::path& file) {
  T value{};
  if (!in.read(reinterpret_cast<char*>(&value), sizeof value))
    throw InputError(file.string(), 0, "is truncated (the run folder is damaged)");
  return value;
}

// Every count is checked against what the file can hold before anything is allocated.
std::unique_ptr<ItemKnn> load(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot be read");
  const auto fileBytes = static_cast<std::uint64_t>(fs::file_size(file));
  char magic[sizeof kMagic];
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    throw InputError(file.string(), 0, "is not an item-kNN model file");
  const auto items = readValue<std::int64_t>(in, file);
  if (items < 0 || static_cast<std::uint64_t>(items) > fileBytes / sizeof(std::int64_t))
    throw InputError(file.string(), 0, "names " + std::to_string(items) + " items, more than the file holds");
  std::vector<std::vector<Neighbour>> lists(static_cast<std::size_t>(items));
  for (auto& list : lists) {
    const auto count = readValue<std::int64_t>(in, file);
    if (count < 0 || count > items)
      throw InputError(file.string(), 0, "has a neighbour list of " + std::to_string(count) + " items");
    list.resize(static_cast<std::size_t>(count));
    for (Neighbour& neighbour : list) {
      neighbour.item = readValue<std::int32_t>(in, file);
      neighbour.similarity = readValue<float>(in, file);
      if (neighbour.item < 0 || neighbour.item >= items)
        throw InputError(file.string(), 0, "names item " + std::to_string(neighbour.item) + " of " +
                                               std::to_string(items));
    }
  }
  if (in.peek() != std::char_traits<char>::eof())
    throw InputError(file.string(), 0, "has bytes after its last neighbour list");
  return std::make_unique<ItemKnn>(std::move(lists));
}

std::vector<vaecf::ParamSpec> itemKnnParams() {
  return {
      vaecf::integerParam("neighbours", "100", "Most similar items each item keeps", 1, 1e6),
      vaecf::realParam("shrink", "10", "Added to the cosine's denominator: damps similarities from few co-users",
                       0.0, 1e6),
  };
}

vaecf::ClosedFormFit fit(const vaecf::ParamSet& params, const vaecf::Split& split, const vaecf::EvaluationOptions&,
                         const fs::path& runFolder, const vaecf::TaskContext& context) {
  auto model = fitItemKnn(split.train, params.integer("neighbours"), params.real("shrink"), context);
  save(*model, runFolder / kModelFile);
  std::size_t kept = 0;
  for (const auto& list : model->neighbours()) kept += list.size();
  vaecf::ClosedFormFit fitted;
  fitted.details["mean_neighbours"] = model->items() > 0 ? static_cast<double>(kept) / model->items() : 0.0;
  fitted.model = std::move(model);
  return fitted;
}

void registerItemKnn(vaecf::PluginRegistrar& registrar) {
  vaecf::ModelFamily family;
  family.name = "itemknn";
  family.summary = "Item-kNN: shrunk cosine item-item similarity, top-k neighbours (Sarwar et al. 2001)";
  family.params = itemKnnParams();
  family.fit = fit;
  family.load = [](const fs::path& runFolder, const vaecf::ParamSet&) -> std::unique_ptr<vaecf::Recommender> {
    return load(runFolder / kModelFile);
  };
  registrar.addModel(std::move(family));
}

}  // namespace
}  // namespace itemknn

VAECF_PLUGIN(itemknn::registerItemKnn)
