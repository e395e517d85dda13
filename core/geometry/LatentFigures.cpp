#include "geometry/LatentFigures.h"

#include <algorithm>

#include "common/Error.h"

namespace vaecf::geometry {
namespace {

CsrMatrix selectedRows(const CsrMatrix& rows, const std::vector<std::int64_t>& selection) {
  CsrMatrix selected(rows.cols());
  for (const auto row : selection) {
    if (row < 0 || row >= rows.rows()) throw Error("focus row " + std::to_string(row) + " is not a user row");
    const auto* columns = rows.rowColumns(row);
    std::vector<float> values;
    if (!rows.binary()) {
      for (std::int64_t k = 0; k < rows.rowSize(row); ++k) values.push_back(rows.value(row, k));
    }
    selected.appendRow({columns, columns + rows.rowSize(row)}, values);
  }
  return selected;
}

FocusTransfer focusTransfer(std::int64_t focusRow, const float* innerProducts, std::int64_t users,
                            const Posteriors& posteriors, std::size_t window) {
  FocusTransfer result;
  result.focusRow = focusRow;
  result.squaredGradientNorm = innerProducts[focusRow];
  result.distance = wasserstein2From(posteriors, focusRow);
  result.transfer.resize(static_cast<std::size_t>(users));
  std::vector<double> othersDistance, othersTransfer;
  for (std::int64_t v = 0; v < users; ++v) {
    const auto transfer =
        result.squaredGradientNorm > 0.0 ? innerProducts[v] / result.squaredGradientNorm : 0.0;
    result.transfer[static_cast<std::size_t>(v)] = transfer;
    if (v == focusRow) continue;
    othersDistance.push_back(result.distance[static_cast<std::size_t>(v)]);
    othersTransfer.push_back(transfer);
    result.helpfulUsers += transfer > 0.0 ? 1 : 0;
  }
  result.sharing = sharingCurve(othersDistance, othersTransfer, window);
  if (result.sharing.radius) {
    result.usersWithinRadius = std::count_if(othersDistance.begin(), othersDistance.end(),
                                             [&](double d) { return d < *result.sharing.radius; });
  }
  return result;
}

}  // namespace

std::vector<FocusTransfer> gradientTransfer(const LatentModel& model, const CsrMatrix& users,
                                            const Posteriors& posteriors,
                                            const std::vector<std::int64_t>& focusRows,
                                            const TransferOptions& options, const TaskContext& context) {
  if (posteriors.mean.rows != users.rows())
    throw Error("gradient transfer: one posterior per user is needed");
  const RowMatrix inner =
      model.gradientInnerProducts(selectedRows(users, focusRows), users, options.gradients, context);
  std::vector<FocusTransfer> results;
  for (std::size_t f = 0; f < focusRows.size(); ++f) {
    results.push_back(focusTransfer(focusRows[f], inner.row(static_cast<std::int64_t>(f)), users.rows(),
                                    posteriors, options.sharingWindow));
  }
  return results;
}

std::vector<CohortMean> cohortMeans(const std::vector<double>& values,
                                    const std::vector<std::uint32_t>& counts, const Cohorts& cohorts) {
  if (values.size() != counts.size()) throw Error("cohort means: one count per value is needed");
  std::vector<CohortMean> means(cohorts.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto& cohort = means[cohorts.of(counts[i])];
    ++cohort.users;
    cohort.mean += values[i];
  }
  std::vector<CohortMean> filled;
  for (std::size_t c = 0; c < means.size(); ++c) {
    if (means[c].users == 0) continue;
    filled.push_back({cohorts.label(c), means[c].users, means[c].mean / static_cast<double>(means[c].users)});
  }
  return filled;
}

}  // namespace vaecf::geometry
