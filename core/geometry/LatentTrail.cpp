#include "geometry/LatentTrail.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

namespace vaecf::geometry {

namespace {

constexpr std::int64_t kMapDimensions = 2;
const std::string kFramePrefix = "epoch-";
const std::string kFrameSuffix = ".json";

// A shape or value the reader did not expect; becomes an InputError naming the file.
class MalformedTrail : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ---- Recording ----

void requireFinite(const RowMatrix& means, std::int64_t epoch) {
  const bool finite =
      std::all_of(means.values.begin(), means.values.end(), [](float v) { return std::isfinite(v); });
  if (!finite)
    throw Error("latent frame of epoch " + std::to_string(epoch) + ": the posterior means are not finite");
}

// Points projected onto the map; a set without points (no PIA, no VampPrior) stays empty.
RowMatrix projected(const PcaBasis& basis, const RowMatrix& points) {
  if (points.rows == 0) return RowMatrix(0, basis.components.rows);
  return project(basis, points);
}

// ---- Writing ----

// Six significant digits: a frame holds tens of thousands of coordinates, and a map needs
// no more precision than that. The value goes through text once so that the writer's
// shortest round-trip form of the double is these digits.
double compact(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", static_cast<double>(value));
  return std::strtod(text, nullptr);
}

json numbers(const float* begin, std::int64_t count) {
  json array = json::array();
  for (std::int64_t i = 0; i < count; ++i) array.push_back(compact(begin[i]));
  return array;
}

json rowsOf(const RowMatrix& matrix) {
  json array = json::array();
  for (std::int64_t r = 0; r < matrix.rows; ++r) array.push_back(numbers(matrix.row(r), matrix.cols));
  return array;
}

ordered_json basisToJson(const PcaBasis& basis) {
  return {{"center", numbers(basis.center.data(), static_cast<std::int64_t>(basis.center.size()))},
          {"components", rowsOf(basis.components)},
          {"explained_variance", numbers(basis.explainedVariance.data(),
                                         static_cast<std::int64_t>(basis.explainedVariance.size()))}};
}

fs::path headerPath(const fs::path& runFolder) { return runLatentFolder(runFolder) / "sample.json"; }

std::string frameFileName(std::int64_t epoch) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%05lld", static_cast<long long>(epoch));
  return kFramePrefix + digits + kFrameSuffix;
}

fs::path framePath(const fs::path& runFolder, std::int64_t epoch) {
  return runLatentFolder(runFolder) / frameFileName(epoch);
}

void writeJson(const fs::path& file, const ordered_json& value) {
  writeFileAtomically(file, [&](std::ostream& out) { out << value.dump() << '\n'; });
}

// ---- Reading ----

json parseFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw InputError(file.string(), 0, std::string("not JSON: ") + e.what());
  }
}

const json& member(const json& object, const std::string& key) {
  if (!object.is_object() || !object.contains(key)) throw MalformedTrail("no '" + key + "'");
  return object.at(key);
}

std::vector<float> floatsOf(const json& array, const std::string& what) {
  if (!array.is_array()) throw MalformedTrail("'" + what + "' is not a list of numbers");
  std::vector<float> values;
  values.reserve(array.size());
  for (const auto& value : array) {
    if (!value.is_number()) throw MalformedTrail("'" + what + "' holds something other than a number");
    values.push_back(value.get<float>());
  }
  return values;
}

// A list of rows of `cols` numbers each.
RowMatrix matrixOf(const json& array, std::int64_t cols, const std::string& what) {
  if (!array.is_array()) throw MalformedTrail("'" + what + "' is not a list of rows");
  RowMatrix matrix(static_cast<std::int64_t>(array.size()), cols);
  for (std::int64_t r = 0; r < matrix.rows; ++r) {
    const auto row = floatsOf(array[static_cast<std::size_t>(r)], what);
    if (static_cast<std::int64_t>(row.size()) != cols) {
      throw MalformedTrail("row " + std::to_string(r) + " of '" + what + "' has " +
                           std::to_string(row.size()) + " values, not " + std::to_string(cols));
    }
    std::copy(row.begin(), row.end(), matrix.row(r));
  }
  return matrix;
}

PcaBasis basisFromJson(const json& in) {
  PcaBasis basis;
  basis.center = floatsOf(member(in, "center"), "basis.center");
  const auto dims = static_cast<std::int64_t>(basis.center.size());
  basis.components = matrixOf(member(in, "components"), dims, "basis.components");
  if (basis.components.rows != kMapDimensions)
    throw MalformedTrail("the basis has " + std::to_string(basis.components.rows) + " components, not 2");
  basis.explainedVariance = floatsOf(member(in, "explained_variance"), "basis.explained_variance");
  if (basis.explainedVariance.size() != static_cast<std::size_t>(kMapDimensions))
    throw MalformedTrail("'basis.explained_variance' does not hold 2 values");
  return basis;
}

LatentFrame frameFromJson(const json& in, std::int64_t expectedEpoch) {
  LatentFrame frame;
  const auto& epoch = member(in, "epoch");
  if (!epoch.is_number_integer()) throw MalformedTrail("'epoch' is not an integer");
  frame.epoch = epoch.get<std::int64_t>();
  if (frame.epoch != expectedEpoch)
    throw MalformedTrail("holds epoch " + std::to_string(frame.epoch) + ", not " +
                         std::to_string(expectedEpoch));
  frame.basis = basisFromJson(member(in, "basis"));
  frame.users = matrixOf(member(in, "users"), kMapDimensions, "users");
  frame.anchors = matrixOf(member(in, "anchors"), kMapDimensions, "anchors");
  frame.pseudoInputs = matrixOf(member(in, "pseudo_inputs"), kMapDimensions, "pseudo_inputs");
  return frame;
}

UserSplit splitNamed(const std::string& name) {
  for (const auto split : {UserSplit::Train, UserSplit::Validation, UserSplit::Test}) {
    if (splitName(split) == name) return split;
  }
  throw MalformedTrail("unknown split '" + name + "' (train, validation or test)");
}

LatentTrailHeader headerFromJson(const json& in) {
  LatentTrailHeader header;
  const auto& model = member(in, "model");
  if (!model.is_string()) throw MalformedTrail("'model' is not a string");
  header.model = model.get<std::string>();
  const auto& ids = member(in, "user_ids");
  const auto& splits = member(in, "splits");
  const auto& interactions = member(in, "interactions");
  if (!ids.is_array() || !splits.is_array() || !interactions.is_array())
    throw MalformedTrail("'user_ids', 'splits' and 'interactions' must be lists");
  if (splits.size() != ids.size() || interactions.size() != ids.size())
    throw MalformedTrail("'user_ids', 'splits' and 'interactions' differ in length");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!ids[i].is_string() || !splits[i].is_string() || !interactions[i].is_number_unsigned())
      throw MalformedTrail("user " + std::to_string(i) + " is not an id, a split name and a count");
    header.userIds.push_back(ids[i].get<std::string>());
    header.splits.push_back(splitNamed(splits[i].get<std::string>()));
    header.interactions.push_back(interactions[i].get<std::uint32_t>());
  }
  return header;
}

// The epoch a frame file stands for, or -1 for any other file (temporary files included).
std::int64_t frameEpochOf(const std::string& name) {
  constexpr std::size_t kMaxDigits = 18;  // within std::int64_t
  if (name.size() <= kFramePrefix.size() + kFrameSuffix.size() || name.rfind(kFramePrefix, 0) != 0) return -1;
  const std::string digits =
      name.substr(kFramePrefix.size(), name.size() - kFramePrefix.size() - kFrameSuffix.size());
  const bool number =
      digits.size() <= kMaxDigits &&
      std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!number) return -1;
  const std::int64_t epoch = std::stoll(digits);
  return name == frameFileName(epoch) ? epoch : -1;
}

}  // namespace

LatentFrame recordLatentFrame(const LatentModel& model, const LatentSample& sample, std::int64_t epoch,
                              const PcaBasis* previous, const TaskContext& context) {
  const RowMatrix means = model.posteriors(sample.rows, context).mean;
  // A 1-D latent space has no second axis to draw: rather than a map whose y is always 0,
  // and a basis the UI would have to special-case, say so.
  if (means.cols < kMapDimensions) {
    throw Error("a latent map needs at least 2 latent dimensions; the model has " +
                std::to_string(means.cols));
  }
  requireFinite(means, epoch);
  PcaBasis basis = fitPca(means, kMapDimensions);
  if (previous != nullptr) basis = alignedTo(basis, *previous);

  LatentFrame frame;
  frame.epoch = epoch;
  frame.users = project(basis, means);
  frame.anchors = projected(basis, model.itemAnchors());
  frame.pseudoInputs = projected(basis, model.priorComponentMeans());
  frame.basis = std::move(basis);
  return frame;
}

void LatentTrail::writeHeader(const fs::path& runFolder, const LatentTrailHeader& header) {
  if (fs::exists(headerPath(runFolder))) return;
  json splits = json::array();
  for (const auto split : header.splits) splits.push_back(std::string(splitName(split)));
  writeJson(headerPath(runFolder), ordered_json{{"model", header.model},
                                                {"user_ids", header.userIds},
                                                {"splits", std::move(splits)},
                                                {"interactions", header.interactions}});
}

void LatentTrail::writeFrame(const fs::path& runFolder, const LatentFrame& frame) {
  writeJson(framePath(runFolder, frame.epoch), ordered_json{{"epoch", frame.epoch},
                                                            {"basis", basisToJson(frame.basis)},
                                                            {"users", rowsOf(frame.users)},
                                                            {"anchors", rowsOf(frame.anchors)},
                                                            {"pseudo_inputs", rowsOf(frame.pseudoInputs)}});
}

std::optional<LatentTrailHeader> LatentTrail::readHeader(const fs::path& runFolder) {
  const fs::path file = headerPath(runFolder);
  if (!fs::exists(file)) return std::nullopt;
  try {
    return headerFromJson(parseFile(file));
  } catch (const MalformedTrail& e) {
    throw InputError(file.string(), 0, std::string("not a latent sample: ") + e.what());
  }
}

std::vector<std::int64_t> LatentTrail::frameEpochs(const fs::path& runFolder) {
  std::vector<std::int64_t> epochs;
  const fs::path folder = runLatentFolder(runFolder);
  if (!fs::is_directory(folder)) return epochs;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::int64_t epoch = frameEpochOf(entry.path().filename().string());
    if (epoch >= 0 && entry.is_regular_file()) epochs.push_back(epoch);
  }
  std::sort(epochs.begin(), epochs.end());
  return epochs;
}

LatentFrame LatentTrail::readFrame(const fs::path& runFolder, std::int64_t epoch) {
  const fs::path file = framePath(runFolder, epoch);
  try {
    return frameFromJson(parseFile(file), epoch);
  } catch (const MalformedTrail& e) {
    throw InputError(file.string(), 0, std::string("not a latent frame: ") + e.what());
  }
}

void LatentTrail::removeFramesAfter(const fs::path& runFolder, std::int64_t epoch) {
  for (const std::int64_t saved : frameEpochs(runFolder)) {
    if (saved > epoch) fs::remove(framePath(runFolder, saved));
  }
}

}  // namespace vaecf::geometry
