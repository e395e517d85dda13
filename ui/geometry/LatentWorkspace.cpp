#include "geometry/LatentWorkspace.h"

#include <QHBoxLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>

#include <algorithm>
#include <cmath>

#include "geometry/DriftPanel.h"
#include "geometry/FocusPanel.h"
#include "geometry/LatentPanel.h"
#include "geometry/Projection.h"
#include "geometry/PseudoInputPanel.h"
#include "common/Error.h"
#include "runs/RunStore.h"
#include "train/RunFolder.h"
#include "train/TrainingParams.h"
#include "plugin/ModelCatalog.h"

namespace vaecf::ui {

namespace {

bool hasLatentModel(const std::filesystem::path& run) {
  if (run.empty() || !std::filesystem::exists(runBestModelPath(run))) return false;
  try {
    return findModel(readRunConfig(run).model).capabilities.latentMaps;
  } catch (const Error&) {
    return false;  // no readable config: nothing to study
  }
}

QVector<int> positions(const std::vector<std::int64_t>& values) {
  QVector<int> result;
  result.reserve(static_cast<qsizetype>(values.size()));
  for (const auto value : values) result.push_back(static_cast<int>(value));
  return result;
}

}  // namespace

LatentWorkspace::LatentWorkspace(QWidget* parent)
    : QWidget(parent),
      latent_(new LatentPanel(this)),
      side_(new QTabWidget(this)),
      focus_(new FocusPanel(this)),
      drift_(new DriftPanel(this)),
      pseudoInputs_(new PseudoInputPanel(this)) {
  side_->addTab(focus_, tr("Focus user"));
  side_->addTab(drift_, tr("Drift"));
  side_->addTab(pseudoInputs_, tr("Pseudo-inputs"));
  // Both sides scroll rather than widen the window: their rows of controls and item lists
  // would otherwise set the window's minimum width.
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  for (QWidget* side : {static_cast<QWidget*>(latent_), static_cast<QWidget*>(side_)}) {
    auto* scroll = new QScrollArea(splitter);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    splitter->addWidget(scroll);
  }
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);

  LatentMapView* map = latent_->map();
  connect(map, &LatentMapView::userClicked, this, [this](int position) {
    side_->setCurrentWidget(focus_);
    focus_->studyPosition(position);
  });
  connect(map, &LatentMapView::pseudoInputClicked, this, [this](int component) {
    side_->setCurrentWidget(pseudoInputs_);
    pseudoInputs_->selectPseudoInput(component);
  });
  connect(latent_, &LatentPanel::frameShown, this, &LatentWorkspace::onFrameShown);
  connect(latent_, &LatentPanel::trailLoaded, this, &LatentWorkspace::onFrameShown);
  connect(focus_, &FocusPanel::studied, this, [this](const std::shared_ptr<const FocusResult>& result) {
    drift_->setFocusUser(QString::fromStdString(result->userId));
    showStudyOnMap();
  });
  connect(focus_, &FocusPanel::problem, this, &LatentWorkspace::problem);
  connect(drift_, &DriftPanel::problem, this, &LatentWorkspace::problem);
  connect(pseudoInputs_, &PseudoInputPanel::pseudoInputSelected, map,
          &LatentMapView::setHighlightedPseudoInput);
  connect(pseudoInputs_, &PseudoInputPanel::problem, this, &LatentWorkspace::problem);
  connect(latent_, &LatentPanel::loadFailed, this, &LatentWorkspace::problem);
  connect(latent_, &LatentPanel::videoFailed, this, &LatentWorkspace::problem);
}

void LatentWorkspace::setData(std::shared_ptr<const SessionData> data) {
  if (data) latent_->setItemLabels(latentItemLabelsOf(*data));
  latent_->setData(data);
  focus_->setData(data);
  drift_->setData(data);
  pseudoInputs_->setData(data);
  showWeights();
}

void LatentWorkspace::setRuns(const std::filesystem::path& run, const std::filesystem::path& comparison,
                              bool current) {
  comparison_ = comparison;
  if (run != run_) {
    run_ = run;
    latent_->map()->clearFocus();
    latent_->setRunFolder(QString::fromStdString(run.string()));
  }
  showTitle(current);
  showWeights();
}

void LatentWorkspace::showTitle(bool current) {
  if (run_.empty()) return latent_->setTitle({}, {});
  const QString name = runDisplayName(run_);
  latent_->setTitle(current ? tr("Current run: %1").arg(name) : tr("Run: %1").arg(name),
                    QString::fromStdString(run_.string()));
}

void LatentWorkspace::refresh() { latent_->refresh(); }

void LatentWorkspace::reloadWeights() {
  // The panels keep a run's model while its folder stays the same: hand them none first.
  focus_->setRunFolder({});
  pseudoInputs_->setRunFolder({});
  drift_->setRuns({}, {});
  showWeights();
}

// The model panels read the VAE family's latent models only, and a live run only once its
// first validation wrote best weights (reloadWeights() follows): other runs would be refused
// with an error for what is merely not applicable.
void LatentWorkspace::showWeights() {
  auto withWeights = [](const std::filesystem::path& run) {
    return hasLatentModel(run) ? run : std::filesystem::path();
  };
  const auto run = withWeights(run_);
  focus_->setRunFolder(run);
  pseudoInputs_->setRunFolder(run);
  drift_->setRuns(run, withWeights(comparison_));
}

void LatentWorkspace::setCohortEdges(const std::vector<std::uint32_t>& lowerEdges) {
  latent_->setCohortEdges(lowerEdges);
}

std::optional<QPointF> LatentWorkspace::anchorCentroid(const geometry::RowMatrix& anchors,
                                                       const std::vector<std::int64_t>& items) {
  // The projection is affine, so the centroid of projected anchors is the projected centroid.
  QPointF sum;
  int count = 0;
  for (const auto item : items) {
    if (item < 0 || item >= anchors.rows) continue;
    sum += QPointF(anchors.at(item, 0), anchors.at(item, 1));
    ++count;
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

std::optional<double> LatentWorkspace::illustrativeRadius(const geometry::RowMatrix& map, std::int64_t focus,
                                                          const std::vector<std::int64_t>& withinRadius) {
  if (withinRadius.empty() || focus < 0 || focus >= map.rows) return std::nullopt;
  std::vector<double> distances;
  for (const auto user : withinRadius) {
    if (user < 0 || user >= map.rows) continue;
    distances.push_back(std::hypot(map.at(user, 0) - map.at(focus, 0), map.at(user, 1) - map.at(focus, 1)));
  }
  if (distances.empty()) return std::nullopt;
  const auto middle = distances.begin() + static_cast<std::ptrdiff_t>(distances.size() / 2);
  std::nth_element(distances.begin(), middle, distances.end());
  return *middle;
}

void LatentWorkspace::onFrameShown() {
  const geometry::LatentFrame* frame = latent_->currentFrame();
  if (frame == nullptr) return;
  focus_->setMapCoordinates(frame->users);
  showStudyOnMap();
}

// The focus study drawn with the frame shown: masked means go through that frame's basis,
// so they sit where the frame's users do.
void LatentWorkspace::showStudyOnMap() {
  LatentMapView* map = latent_->map();
  const auto result = focus_->result();
  const geometry::LatentFrame* frame = latent_->currentFrame();
  if (!result || frame == nullptr || result->run->folder != run_ || frame->users.rows != result->run->sample->size()) {
    map->clearFocus();
    return;
  }
  const auto focus = result->study.position;
  const auto within = focus_->usersWithinRadius();
  map->setFocusUser(static_cast<int>(focus));
  map->setHighlightedUsers(positions(within));
  map->setRadiusCircle(illustrativeRadius(frame->users, focus, within));
  map->setNeighbours(positions(focus_->latentNeighbours()), positions(focus_->mapNeighbours()));
  // Masked means and the anchor centroid are placed through the frame's PCA basis; a t-SNE
  // frame has none (no out-of-sample map, and averages of its coordinates mean nothing).
  const bool linear = frame->basis.components.rows > 0;
  map->setItemCentroid(linear ? anchorCentroid(frame->anchors, result->study.history) : std::nullopt);
  std::vector<MapCloud> clouds;
  for (const auto& cloud : linear ? focus_->maskedClouds() : std::vector<geometry::MaskedCloud>{})
    clouds.push_back({cloud.keepRate, geometry::project(frame->basis, cloud.means), cloud.neighbours});
  map->setMaskedClouds(std::move(clouds));
}

}  // namespace vaecf::ui
