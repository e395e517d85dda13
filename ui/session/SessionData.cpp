#include "session/SessionData.h"

#include <algorithm>

#include "data/CanonicalSplit.h"
#include "data/Protocol.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

void appendRowSizes(std::vector<std::uint32_t>& sizes, const CsrMatrix& first, const CsrMatrix* second) {
  for (std::int64_t row = 0; row < first.rows(); ++row) {
    const auto extra = second != nullptr && row < second->rows() ? second->rowSize(row) : 0;
    sizes.push_back(static_cast<std::uint32_t>(first.rowSize(row) + extra));
  }
}

std::vector<std::uint32_t> userActivity(const Split& split) {
  std::vector<std::uint32_t> sizes;
  appendRowSizes(sizes, split.train, nullptr);
  appendRowSizes(sizes, split.validationFoldIn, &split.validationHeldout);
  appendRowSizes(sizes, split.testFoldIn, &split.testHeldout);
  return sizes;
}

fs::path syntheticSplitFolder(const fs::path& parent, const SyntheticOptions& options, const ProtocolOptions& protocol) {
  return parent / ("synthetic-u" + std::to_string(options.users) + "-i" + std::to_string(options.items) + "-c" +
                   std::to_string(options.communities) + "-s" + std::to_string(options.seed) + "-h" +
                   std::to_string(protocol.heldoutUsers) + "-p" + std::to_string(protocol.seed));
}

SessionData loadSynthetic(const DataRequest& request, const fs::path& splitsFolder, const TaskContext& context) {
  context.report("generate", 0, 1);
  SyntheticData generated = generateSyntheticData(*request.synthetic);
  context.checkCancelled();
  const ProtocolOptions protocol = request.source.protocol;
  const PositiveSets positives = binarize(generated.log, protocol);
  auto split = std::make_shared<Split>(strongGeneralizationSplit(generated.log, positives, protocol, context));

  SessionData data;
  data.request = request;
  data.stats = datasetStats(generated.log, protocol);
  const fs::path folder = syntheticSplitFolder(splitsFolder, *request.synthetic, protocol);
  if (!fs::exists(folder)) writeCanonicalSplit(*split, folder);
  data.recordedSource.splitDir = folder;
  data.userActivity = userActivity(*split);
  data.split = std::move(split);
  data.catalog = std::move(generated.log.catalog);
  data.log = std::make_shared<const InteractionLog>(std::move(generated.log));
  return data;
}

}  // namespace

std::string DataRequest::describe() const {
  if (synthetic)
    return "synthetic " + std::to_string(synthetic->users) + " users x " + std::to_string(synthetic->items) +
           " items";
  return source.describe();
}

SessionData loadSessionData(const DataRequest& request, const fs::path& syntheticSplitsFolder,
                            const TaskContext& context) {
  if (request.synthetic) return loadSynthetic(request, syntheticSplitsFolder, context);
  // Runs record the dataset as read: its format and every option, detection settled.
  DataSource source = request.source;
  if (source.raw) resolveImport(*source.raw);
  LoadedData loaded = loadData(source, context);
  SessionData data;
  data.request = request;
  data.recordedSource = source;
  data.stats = loaded.stats;
  if (loaded.log) {
    data.catalog = std::move(loaded.log->catalog);
    data.log = std::make_shared<const InteractionLog>(std::move(*loaded.log));
  }
  data.userActivity = userActivity(loaded.split);
  data.split = std::make_shared<const Split>(std::move(loaded.split));
  return data;
}

DataRequest bundledDataRequest() {
  DataRequest request;
  ImportOptions raw;
  raw.path = bundledDatasetPath();  // its format is detected
  request.source.raw = raw;
  return request;
}

DataRequest syntheticDataRequest(std::uint32_t users, std::uint32_t items, std::uint64_t seed) {
  DataRequest request;
  SyntheticOptions options;
  options.users = users;
  options.items = items;
  options.seed = seed;
  request.synthetic = options;
  request.source.protocol.heldoutUsers = std::max<std::uint32_t>(1, users / 10);
  return request;
}

}  // namespace vaecf::ui
